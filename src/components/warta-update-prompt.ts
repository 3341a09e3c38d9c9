import { msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import type { ReloadOffer } from '../app/updates.js';
import { buttonStyles } from './shared-styles.js';

/**
 * A non-modal bar that says a new version of Warta is ready, with "Muat ulang" and "Nanti".
 * Nothing reloads until the reader chooses; focus is never moved to it (it is announced once).
 * While it shows, the page keeps a bottom scroll padding so it never hides the focused element.
 */
@customElement('warta-update-prompt')
export class WartaUpdatePrompt extends LitElement implements ReloadOffer {
  static override styles = [
    buttonStyles,
    css`
      .bar {
        position: fixed;
        inset: auto 0 0 0;
        z-index: 20;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: center;
        gap: 0.5rem 1rem;
        padding: 0.75rem 1rem;
        border-top: 2px solid var(--fg, #1c1b19);
        background: var(--bg, #fdfcf9);
        color: var(--fg, #1c1b19);
        font-size: 1rem;
      }
      p {
        margin: 0;
      }
    `,
  ];

  @state() private open = false;
  @state() private message = '';

  private reload: (() => void) | null = null;

  /**
   * Shows the bar; `reload` runs when the reader chooses "Muat ulang". The default message is
   * for a waiting service worker; another tab's newer Warta brings its own.
   */
  show(reload: () => void, message = msg('Versi baru Warta siap.')): void {
    this.reload = reload;
    this.message = message;
    this.open = true;
    document.documentElement.classList.add('update-waiting');
    announce(`${message} ${msg('Pilih Muat ulang untuk memakainya.')}`);
  }

  override render() {
    if (!this.open) return nothing;
    return html`<div class="bar" role="region" aria-label=${msg('Pembaruan Warta')}>
      <p>${this.message}</p>
      <button type="button" class="primary" @click=${this.handleReload}>${msg('Muat ulang')}</button>
      <button type="button" @click=${this.handleLater}>${msg('Nanti')}</button>
    </div>`;
  }

  private handleReload(): void {
    this.reload?.();
  }

  private handleLater(): void {
    this.open = false;
    document.documentElement.classList.remove('update-waiting');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-update-prompt': WartaUpdatePrompt;
  }
}
