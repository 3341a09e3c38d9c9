import { msg } from '../i18n/msg.js';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { onConnectionChange, type Connection } from '../app/connection.js';

/**
 * The connection as Warta last confirmed it, in the header: nothing to see while online (the
 * chip's box is kept), "Offline" when not. Changes are announced by the connection monitor through the one live region; this is
 * the visible half, so it is not itself a live region.
 */
@customElement('warta-status')
export class WartaStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    /* The same box as page.css reserves for the element before it upgrades. */
    .offline {
      display: block;
      box-sizing: border-box;
      min-width: 4.75rem;
      height: 2rem;
      padding: 0 0.625rem;
      border: 2px solid currentColor;
      border-radius: 1rem;
      color: var(--fg, #1c1b19);
      font-size: 0.9375rem;
      font-weight: 600;
      line-height: calc(2rem - 4px);
      text-align: center;
      white-space: nowrap;
    }
    .offline[hidden] {
      visibility: hidden;
    }
  `;

  @state() private connection: Connection = 'online';

  private unsubscribe: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = onConnectionChange((connection) => {
      this.connection = connection;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override willUpdate(): void {
    // The connection as shown, `online` or `offline`, for tests and tools to wait on.
    this.dataset['state'] = this.connection;
  }

  override render() {
    // The chip is always laid out and only hidden while online: appearing would rewrap the header
    // at large text on a phone and push the page down (a shift the reader did not cause).
    return html`<span class="offline" ?hidden=${this.connection !== 'offline'}>${msg('Offline')}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-status': WartaStatus;
  }
}
