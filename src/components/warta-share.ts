import { msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { buttonStyles } from './shared-styles.js';

/**
 * "Bagikan": the system share sheet (Web Share API) where there is one; otherwise the link is
 * copied and the live region says so. Where neither works, the link is shown, selected, to copy
 * by hand.
 */
@customElement('warta-share')
export class WartaShare extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        margin: 1.5rem 0;
      }
      input {
        width: 100%;
        margin-top: 0.5rem;
        font: inherit;
      }
    `,
  ];

  /** The headline, shared with the link. */
  @property() headline = '';

  @state() private manual = false;

  override render() {
    return html`<button type="button" @click=${this.handleShare}>${msg('Bagikan')}</button> ${
        this.manual
          ? html`<label
              >${msg('Salin tautan ini:')}
              <input type="url" readonly .value=${this.link()} @focus=${this.handleSelect} />
            </label>`
          : nothing
      }`;
  }

  private link(): string {
    return `${location.origin}${location.pathname}`;
  }

  private async handleShare(): Promise<void> {
    const data = { title: this.headline, url: this.link() };
    if (typeof navigator.share === 'function' && navigator.canShare(data)) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        // Closing the share sheet is the reader's choice, not a failure.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(data.url);
      announce(msg('Tautan artikel disalin.'));
    } catch {
      this.manual = true;
      announce(msg('Tautan tidak bisa disalin otomatis; salin dari kotak di bawah tombol Bagikan.'));
    }
  }

  private handleSelect(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-share': WartaShare;
  }
}
