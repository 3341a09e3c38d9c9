import { msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { loadPart } from '../app/lazy.js';
import { buttonStyles } from './shared-styles.js';

/**
 * The "Tampilan" (display settings) toggle in the header, and the panel it discloses (APG
 * Disclosure). The panel's code is a separate chunk, loaded on first open, so readers who never
 * change a setting never download it. Escape or the toggle closes the panel; focus returns to
 * the toggle. The panel floats over the page, so opening it moves nothing.
 */
@customElement('warta-settings')
export class WartaSettings extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-block;
      }
      .panel {
        position: absolute;
        top: 100%;
        right: 0.5rem;
        z-index: 30;
        box-sizing: border-box;
        width: min(24rem, calc(100vw - 1rem));
        max-height: calc(100vh - 5rem);
        overflow: auto;
        padding: 1rem;
        border: 2px solid var(--fg, #1c1b19);
        border-radius: 0.5rem;
        background: var(--bg, #fdfcf9);
        color: var(--fg, #1c1b19);
        box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.25);
      }
    `,
  ];

  @state() private open = false;
  @state() private loaded = false;

  @query('button') private toggle!: HTMLButtonElement;

  override render() {
    return html`<button
        type="button"
        aria-expanded=${String(this.open)}
        aria-controls="panel-tampilan"
        @click=${this.handleToggle}
      >
        ${msg('Tampilan')}
      </button>
      <div
        id="panel-tampilan"
        class="panel"
        role="region"
        aria-label=${msg('Pengaturan tampilan')}
        ?hidden=${!this.open}
        @keydown=${this.handleKeydown}
      >
        ${this.loaded ? html`<warta-settings-panel></warta-settings-panel>` : nothing}
      </div>`;
  }

  private async handleToggle(): Promise<void> {
    if (this.open) {
      this.open = false;
      return;
    }
    if (!this.loaded) {
      const part = await loadPart(() => import('./warta-settings-panel.js'));
      if (part === null) return;
      this.loaded = true;
    }
    this.open = true;
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    this.toggle.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-settings': WartaSettings;
  }
}
