import { msg } from '../i18n/msg.js';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { onConnectionChange } from '../app/connection.js';
import {
  keepArticle,
  notYetMessage,
  pinLaterMessage,
  storageErrorMessage,
  type KeepState,
} from '../app/keep-article.js';
import { pinArticle } from '../data/articles.js';
import { StorageError } from '../data/errors.js';
import { requestPersistence } from '../data/storage.js';
import { formatBytes } from '../templates/format.js';
import { buttonStyles } from './shared-styles.js';

const RETRY_MS = 30_000;

/**
 * Where the article stands, as the host's `data-state`: `saving` until the first keep settles,
 * `kept` (in IndexedDB, may be evicted), `pinned` (kept and never evicted), `not-yet` (the
 * network failed; retried) or `failed` (storage refused). Tests and tools wait on this, never
 * on the wording.
 */
export type ArticleToolsState = 'saving' | 'kept' | 'pinned' | 'not-yet' | 'failed';

function stateOf(keep: KeepState | null): ArticleToolsState {
  if (keep === null) return 'saving';
  if (keep.kind === 'kept') return keep.record.pinned ? 'pinned' : 'kept';
  return keep.kind === 'not-yet' ? 'not-yet' : 'failed';
}

/**
 * What an article's reader needs to know about keeping it: whether it is on this device, and a
 * "Simpan untuk dibaca offline" toggle that pins it (pinned articles are never evicted). Opening
 * the article keeps it; a failed keep is retried when the connection returns.
 *
 * The page reserves this element's height before it upgrades, so it causes no layout shift.
 * Its `data-state` says where the article stands (`ArticleToolsState`).
 */
@customElement('warta-article-tools')
export class WartaArticleTools extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      /* Button above a one-line state: the page reserves exactly this height (page.css). */
      .row {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0.5rem;
        margin: 0;
        font-size: 1rem;
      }
      .state {
        color: var(--muted, #4d4a44);
      }
    `,
  ];

  @property() slug = '';
  @property() hash = '';
  /** Bytes of the article's JSON: shown before saving. */
  @property({ type: Number }) size = 0;

  @state() private keep: KeepState | null = null;
  @state() private busy = false;
  /** Pin pressed while the article could not be fetched: it is pinned once a retry keeps it. */
  @state() private pinAsked = false;

  private unsubscribe: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    // A failed keep is tried again when the connection is back, as the monitor settles it or
    // the browser says so, and every half minute meanwhile.
    this.unsubscribe = onConnectionChange((connection) => {
      if (connection === 'online') this.retry();
    });
    window.addEventListener('online', this.retry);
    this.retryTimer = setInterval(this.retry, RETRY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    window.removeEventListener('online', this.retry);
    clearInterval(this.retryTimer);
  }

  override willUpdate(): void {
    // Set in the same update as the text it stands for.
    this.dataset['state'] = stateOf(this.keep);
  }

  override render() {
    const keep = this.keep;
    if (keep?.kind === 'storage-error') return html`<p class="row state">${storageErrorMessage(keep.error)}</p>`;
    const pinned = keep?.kind === 'kept' && keep.record.pinned;
    return html`<div class="row">
      <button
        type="button"
        aria-pressed=${pinned ? 'true' : 'false'}
        ?disabled=${this.busy}
        @click=${this.handleToggle}
      >
        ${msg('Simpan untuk dibaca offline')} (${formatBytes(this.size)})
      </button>
      <span class="state">${this.renderState(keep)}</span>
    </div>`;
  }

  private renderState(keep: KeepState | null): string {
    if (keep === null) return msg('Menyimpan ke perangkat…');
    if (keep.kind === 'not-yet') return this.pinAsked ? pinLaterMessage() : notYetMessage(keep.failure);
    if (keep.kind === 'kept' && keep.record.pinned) return msg('Tersimpan untuk dibaca offline.');
    return msg('Tersimpan sementara di perangkat ini.');
  }

  private readonly retry = (): void => {
    if (this.keep?.kind === 'not-yet') void this.refresh();
  };

  private async refresh(): Promise<void> {
    if (this.slug === '') return;
    this.keep = await keepArticle(this.slug, this.hash);
    if (this.pinAsked && this.keep.kind === 'kept') {
      this.pinAsked = false;
      if (!this.keep.record.pinned) await this.handleToggle();
    }
    if (this.keep.kind === 'storage-error' && this.keep.error.kind === 'quota') {
      announce(storageErrorMessage(this.keep.error));
    }
  }

  /**
   * The article cannot be fetched now (offline, or a page cut short): it is pinned as soon as a
   * retry keeps it, while this page is open. (Done by the worker with the page closed, it would
   * cost every first visit the bytes of a second fetch-and-store path in `sw.js`, which has no
   * room left under 44 KB: see docs/ARCHITECTURE.md.)
   */
  private askToPinLater(): void {
    this.pinAsked = true;
    announce(pinLaterMessage());
  }

  private async handleToggle(): Promise<void> {
    const keep = this.keep;
    this.busy = true;
    try {
      if (keep?.kind !== 'kept') {
        // Not stored yet: keep it first, then pin.
        this.keep = await keepArticle(this.slug, this.hash);
        if (this.keep.kind === 'not-yet') this.askToPinLater();
        if (this.keep.kind !== 'kept') return;
      }
      const current = this.keep;
      if (current?.kind !== 'kept') return;
      const pinned = !current.record.pinned;
      if (pinned) void requestPersistence();
      this.keep = { kind: 'kept', record: await pinArticle(this.slug, pinned) };
      announce(pinned ? msg('Tersimpan untuk dibaca offline.') : msg('Tidak lagi disimpan permanen.'));
    } catch (error) {
      const storageError = error instanceof StorageError ? error : new StorageError('failed', String(error));
      this.keep = { kind: 'storage-error', error: storageError };
      announce(storageErrorMessage(storageError));
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-article-tools': WartaArticleTools;
  }
}
