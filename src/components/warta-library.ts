import { msg, str } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { storageErrorMessage } from '../app/keep-article.js';
import { deleteArticle, listArticles, pinArticle, restoreArticle } from '../data/articles.js';
import type { StoredArticle } from '../content/types.js';
import { StorageError } from '../data/errors.js';
import { searchIndexBytes } from '../data/search-size.js';
import { estimateStorage, requestPersistence, type StorageEstimateInfo } from '../data/storage.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl } from '../routes.js';
import { formatBytes, formatDateTime } from '../templates/format.js';
import { buttonStyles } from './shared-styles.js';

/**
 * The saved articles ("Tersimpan"): each with when it was saved, its size, whether it is kept
 * for offline reading on purpose (pinned), whether a sync stored it unopened ("belum dibaca"),
 * and a delete that can be undone. Also the bytes the kept articles take and how many are
 * unread, how much of the device's storage Warta uses, and how much of it the search index takes.
 */
@customElement('warta-library')
export class WartaLibrary extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 1rem 0;
        border-bottom: 1px solid var(--rule, #d8d4cb);
      }
      .title {
        font-size: 1.125rem;
        font-weight: 600;
      }
      .details {
        margin: 0.25rem 0 0.5rem;
        color: var(--muted, #4d4a44);
        font-size: 1rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .undo {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 1rem 0;
        padding: 0.75rem 1rem;
        background: var(--notice-bg, #f4efe2);
      }
      .undo p {
        margin: 0;
      }
    `,
  ];

  @state() private records: StoredArticle[] | null = null;
  @state() private problem: string | null = null;
  @state() private estimate: StorageEstimateInfo | null = null;
  @state() private deleted: StoredArticle | null = null;
  @state() private indexBytes = 0;

  @query('.undo button') private undoButton!: HTMLButtonElement | null;

  override connectedCallback(): void {
    super.connectedCallback();
    // "Unduh untuk dibaca offline" is a part of its own (home loads it too): it upgrades when it
    // arrives. The worker keeps it once used; offline before that, it is left out without a word:
    // downloading needs the network anyway, and the saved list is what the reader came for.
    import('./warta-sync.js').catch(() => undefined);
    void this.load();
  }

  override willUpdate(): void {
    // What the list shows, for tests and tools to wait on (never its wording), set in the same
    // update as the text it stands for: `loading`, `empty`, `listed` or `failed`.
    this.dataset['state'] = this.listState();
  }

  private listState(): 'loading' | 'empty' | 'listed' | 'failed' {
    if (this.problem !== null) return 'failed';
    if (this.records === null) return 'loading';
    return this.records.length === 0 ? 'empty' : 'listed';
  }

  override render() {
    // A sync changes the list: it is read again when one ends (here, in another tab or the worker).
    return html`<warta-sync notices @warta-sync-ended=${this.load}></warta-sync>${this.renderList()}`;
  }

  private renderList() {
    if (this.problem !== null) return html`<p role="alert">${this.problem}</p>`;
    if (this.records === null) return html`<p>${msg('Memuat daftar…')}</p>`;
    return html`${this.renderUndo()}
    ${
      this.records.length === 0
        ? html`<p>${msg('Belum ada artikel tersimpan. Artikel yang Anda buka akan tersimpan otomatis.')}</p>`
        : html`<ul>
            ${this.records.map((record) => this.renderRecord(record))}
          </ul>`
    }
    ${this.renderStorage(this.records)}`;
  }

  private renderRecord(record: StoredArticle) {
    const title = record.article.title.text;
    return html`<li>
      <a class="title" href=${articleUrl(record.slug, uiLocale())} lang=${record.article.lang}>${title}</a>
      <p class="details">
        ${msg(str`Disimpan ${formatDateTime(record.fetchedAt)}`)} · ${formatBytes(record.size)} ·
        ${record.pinned ? msg('disimpan untuk dibaca offline') : msg('disimpan sementara')}${
          record.unread === true ? html` · ${msg('belum dibaca')}` : nothing
        }
      </p>
      <div class="actions">
        <button
          type="button"
          aria-pressed=${record.pinned ? 'true' : 'false'}
          aria-label=${msg(str`Simpan untuk dibaca offline: ${title}`)}
          @click=${() => this.handlePin(record)}
        >
          ${msg('Simpan untuk dibaca offline')}
        </button>
        <button type="button" aria-label=${msg(str`Hapus: ${title}`)} @click=${() => this.handleDelete(record)}>
          ${msg('Hapus')}
        </button>
      </div>
    </li>`;
  }

  private renderUndo() {
    if (this.deleted === null) return nothing;
    return html`<div class="undo">
      <p>${msg(str`"${this.deleted.article.title.text}" dihapus dari perangkat ini.`)}</p>
      <button type="button" @click=${this.handleUndo}>${msg('Batalkan')}</button>
    </div>`;
  }

  /**
   * What the kept articles take: their bytes (as each is counted against the bound) and how many
   * a sync stored that are not opened yet; then, where the browser says, all Warta's storage.
   */
  private renderStorage(records: readonly StoredArticle[]) {
    const bytes = records.reduce((sum, record) => sum + record.size, 0);
    const unread = records.filter((record) => record.unread === true).length;
    return html`<p class="details storage">
        ${msg(str`Artikel tersimpan memakai ${formatBytes(bytes)} di perangkat ini.`)}
        ${
          unread === 0
            ? nothing
            : unread === 1
              ? msg('1 di antaranya belum dibaca.')
              : msg(str`${unread} di antaranya belum dibaca.`)
        }
      </p>
      ${this.renderEstimate()}`;
  }

  private renderEstimate() {
    if (this.estimate === null) return nothing;
    return html`<p class="details">
      ${msg(
        str`Warta memakai ${formatBytes(this.estimate.usage)} dari sekitar ${formatBytes(this.estimate.quota)} yang tersedia untuknya di perangkat ini.`,
      )}
      ${
        this.indexBytes === 0
          ? nothing
          : msg(str`Indeks pencarian memakai ${formatBytes(this.indexBytes)} di antaranya.`)
      }
    </p>`;
  }

  private async load(): Promise<void> {
    try {
      this.records = await listArticles();
      this.problem = null;
    } catch (error) {
      this.problem = this.messageFor(error);
    }
    this.estimate = await estimateStorage();
    this.indexBytes = await searchIndexBytes();
  }

  private async handlePin(record: StoredArticle): Promise<void> {
    try {
      const pinned = !record.pinned;
      if (pinned) void requestPersistence();
      await pinArticle(record.slug, pinned);
      announce(pinned ? msg('Tersimpan untuk dibaca offline.') : msg('Tidak lagi disimpan permanen.'));
      await this.load();
    } catch (error) {
      announce(this.messageFor(error));
    }
  }

  private async handleDelete(record: StoredArticle): Promise<void> {
    try {
      this.deleted = await deleteArticle(record.slug);
      await this.load();
      await this.updateComplete;
      // The pressed button is gone; the undo button takes its place in the focus order.
      this.undoButton?.focus();
      announce(msg('Artikel dihapus. Pilih Batalkan untuk mengembalikannya.'));
    } catch (error) {
      announce(this.messageFor(error));
    }
  }

  private async handleUndo(): Promise<void> {
    const deleted = this.deleted;
    if (deleted === null) return;
    try {
      await restoreArticle(deleted);
      this.deleted = null;
      await this.load();
      announce(msg('Artikel dikembalikan.'));
    } catch (error) {
      announce(this.messageFor(error));
    }
  }

  private messageFor(error: unknown): string {
    return error instanceof StorageError ? storageErrorMessage(error) : String(error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-library': WartaLibrary;
  }
}
