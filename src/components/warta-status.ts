import { localized, msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { onConnectionChange, type Connection } from '../app/connection.js';

/**
 * The connection as Warta last confirmed it, in the header: nothing while online, "Offline" when
 * not. Changes are announced by the connection monitor through the one live region; this is
 * the visible half, so it is not itself a live region.
 */
@customElement('warta-status')
// Applied before @customElement defines (and so upgrades) the element: order matters.
@localized()
export class WartaStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-left: auto;
    }
    .offline {
      display: inline-block;
      padding: 0.125rem 0.625rem;
      border: 2px solid currentColor;
      border-radius: 1rem;
      color: var(--fg, #1c1b19);
      font-size: 0.9375rem;
      font-weight: 600;
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

  override render() {
    return this.connection === 'offline' ? html`<span class="offline">${msg('Offline')}</span>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-status': WartaStatus;
  }
}
