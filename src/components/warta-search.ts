import { msg, str } from '../i18n/msg.js';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { storageErrorMessage } from '../app/keep-article.js';
import {
  refreshIndex,
  searchLibrary,
  withDetails,
  type ResultItem,
  type SearchOutcome,
} from '../app/search/library-search.js';
import type { Piece } from '../content/search/snippet.js';
import { StorageError } from '../data/errors.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl, homePath } from '../routes.js';
import { formatDate } from '../templates/format.js';
import { buttonStyles } from './shared-styles.js';

/** Typing pauses this long before the device is searched. */
const TYPING_MS = 200;
/** The count is announced once the reader has stopped typing this long, so it is said once. */
const ANNOUNCE_MS = 1_000;
/** A query is searched from this many characters: one letter matches nothing worth listing. */
const MIN_QUERY = 2;
/** Results listed at once: in the header's panel, and on the results page (then "more"). */
const PANEL_LIMIT = 5;
const PAGE_LIMIT = 10;

export type SearchState = 'idle' | 'loading' | 'results' | 'none' | 'failed';

/**
 * The results of a search on this device: the count, then each article's title, date, state
 * ("tersimpan", "belum dibaca") and a passage, the words that matched marked. A plain list of
 * links in reading order (no combobox: the reader Tabs from the field into them). Shown in the
 * header's panel as the reader types, and on the results page (`page`), whose prerendered
 * light-DOM paragraph (search needs JavaScript) it hides, having no slot.
 *
 * Its host's `data-state` is `idle` (no query), `loading`, `results`, `none` or `failed`.
 */
@customElement('warta-search-results')
export class WartaSearchResults extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--rule, #d8d4cb);
      }
      .title {
        font-weight: 600;
      }
      .details,
      .summary {
        margin: 0.25rem 0;
        color: var(--muted, #4d4a44);
        font-size: 1rem;
      }
      .snippet {
        margin: 0.25rem 0 0;
      }
    `,
  ];

  /** The results page's list (more at a time, a "more" button), not the header's panel. */
  @property({ type: Boolean }) page = false;
  @property({ attribute: false }) outcome: SearchOutcome | null = null;
  @property({ attribute: false }) status: SearchState = 'idle';
  @property({ attribute: false }) problem = '';
  /** The results page's address for a query (the header's panel links to all results there). */
  @property({ attribute: false }) pageFor: (query: string) => string = () => '';
  /** Asks for more results (the results page); the element moves focus to the first new one. */
  @property({ attribute: false }) more: (() => Promise<void>) | null = null;

  override willUpdate(): void {
    // What the list shows, for tests and tools to wait on (never its wording), set in the same
    // update as the text it stands for.
    this.dataset['state'] = this.status;
  }

  override render() {
    switch (this.status) {
      case 'idle':
        return this.page
          ? html`<p>${msg('Warta mencari di artikel yang tersimpan di perangkat ini, juga tanpa sinyal.')}</p>`
          : nothing;
      case 'loading':
        return html`<p class="summary">${msg('Mencari…')}</p>`;
      case 'failed':
        return html`<p>${this.problem}</p>`;
      case 'none':
        return this.renderNone();
      case 'results':
        return this.renderResults();
    }
  }

  private renderNone() {
    const outcome = this.outcome;
    if (outcome === null) return nothing;
    return html`<p class="summary">${countMessage(outcome)}</p>
      <p>
        ${msg(str`Pencarian mencakup ${outcome.searched} artikel yang tersimpan di perangkat ini, belum arsip daring.`)}
        <a href=${homePath(uiLocale())}>${msg('Lihat daftar artikel')}</a>
      </p>`;
  }

  private renderResults() {
    const outcome = this.outcome;
    if (outcome === null) return nothing;
    const rest = outcome.total - outcome.items.length;
    return html`<p class="summary">${countMessage(outcome)}</p>
      ${outcome.complete ? nothing : html`<p class="details">${msg('Hasil ini memuat sebagian kata saja.')}</p>`}
      <ol>
        ${outcome.items.map((item) => this.renderItem(item))}
      </ol>
      ${
        rest <= 0
          ? nothing
          : this.page
            ? html`<p><button type="button" @click=${this.handleMore}>${msg('Tampilkan hasil berikutnya')}</button></p>`
            : html`<p>
                <a href=${this.pageFor(outcome.query)}>${msg(str`Lihat semua ${outcome.total} hasil`)}</a>
              </p>`
      }`;
  }

  private renderItem(item: ResultItem): TemplateResult {
    const details = [
      item.date === null ? null : formatDate(item.date),
      item.pinned ? msg('tersimpan') : null,
      item.unread ? msg('belum dibaca') : null,
    ].filter((detail): detail is string => detail !== null);
    return html`<li>
      <a class="title" href=${articleUrl(item.slug, uiLocale())} lang=${item.lang}>${pieces(item.title)}</a>
      ${details.length === 0 ? nothing : html`<p class="details">${details.join(' · ')}</p>`}
      ${item.snippet === null ? nothing : html`<p class="snippet" lang=${item.lang}>${pieces(item.snippet)}</p>`}
    </li>`;
  }

  private async handleMore(): Promise<void> {
    const before = this.outcome?.items.length ?? 0;
    await this.more?.();
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLAnchorElement>('li a.title')[before]?.focus();
  }
}

/** Text pieces with the matched words in `<mark>`: templates from offsets, never an HTML string. */
function pieces(list: readonly Piece[]): TemplateResult[] {
  return list.map((piece) => (piece.mark ? html`<mark>${piece.text}</mark>` : html`${piece.text}`));
}

/** "12 hasil untuk 'gencatan senjata'": shown above the list and announced once. */
function countMessage(outcome: SearchOutcome): string {
  const { total, query } = outcome;
  if (total === 0) return msg(str`Tidak ada hasil untuk '${query}'`);
  return total === 1 ? msg(str`1 hasil untuk '${query}'`) : msg(str`${total} hasil untuk '${query}'`);
}

/**
 * The header's search form, upgraded: the device is searched as the reader types (after a short
 * pause) and on submit, with results in a panel under the form, or on the results page in its
 * own list (where the query is also kept in the address). Escape, in the field or the results,
 * clears the search and returns to the field. The form itself is prerendered and submits to the
 * results page without script.
 */
@customElement('warta-search')
export class WartaSearch extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    warta-search-results {
      margin-top: 0.5rem;
    }
  `;

  @state() private outcome: SearchOutcome | null = null;
  @state() private status: SearchState = 'idle';
  @state() private problem = '';

  private field: HTMLInputElement | null = null;
  /** The results page's list, when this is the results page; else results go in the panel. */
  private pageResults: WartaSearchResults | null = null;
  private limit = PANEL_LIMIT;
  private typing: ReturnType<typeof setTimeout> | undefined;
  private announcing: ReturnType<typeof setTimeout> | undefined;
  /** Each search's number: an answer to an older one is dropped. */
  private asked = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.field = this.querySelector('input[type="search"]');
    this.pageResults = document.querySelector('warta-search-results[page]');
    this.limit = this.pageResults === null ? PANEL_LIMIT : PAGE_LIMIT;
    this.field?.addEventListener('input', this.handleInput);
    this.querySelector('form')?.addEventListener('submit', this.handleSubmit);
    this.addEventListener('keydown', this.handleKeydown);
    if (this.pageResults !== null) {
      this.pageResults.more = () => this.showMore();
      this.pageResults.addEventListener('keydown', this.handleKeydown);
      const query = new URL(location.href).searchParams.get(this.param()) ?? '';
      if (this.field !== null && query !== '') {
        this.field.value = query;
        void this.run(true);
        return;
      }
    }
    // The reader may have typed before this part arrived, and may still be typing.
    if ((this.field?.value.trim() ?? '') !== '') void this.run(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageResults?.removeEventListener('keydown', this.handleKeydown);
    clearTimeout(this.typing);
    clearTimeout(this.announcing);
  }

  override updated(): void {
    const results = this.pageResults;
    if (results === null) return;
    results.outcome = this.outcome;
    results.status = this.status;
    results.problem = this.problem;
  }

  override render() {
    if (this.pageResults !== null) return html`<slot></slot>`;
    return html`<slot></slot>${
        this.status === 'idle'
          ? nothing
          : html`<warta-search-results
              .pageFor=${this.pageFor}
              .outcome=${this.outcome}
              .status=${this.status}
              .problem=${this.problem}
            ></warta-search-results>`
      }`;
  }

  private readonly handleInput = (): void => {
    clearTimeout(this.typing);
    clearTimeout(this.announcing);
    this.typing = setTimeout(() => void this.run(false), TYPING_MS);
  };

  private readonly handleSubmit = (event: SubmitEvent): void => {
    // Elsewhere the form goes to the results page, as it does without script.
    if (this.pageResults === null) return;
    event.preventDefault();
    clearTimeout(this.typing);
    void this.run(true);
  };

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.field === null) return;
    if (this.field.value === '' && this.status === 'idle') return;
    event.preventDefault();
    this.clear();
    this.field.focus();
  };

  private clear(): void {
    clearTimeout(this.typing);
    clearTimeout(this.announcing);
    this.asked += 1;
    if (this.field !== null) this.field.value = '';
    this.outcome = null;
    this.status = 'idle';
    this.limit = this.pageResults === null ? PANEL_LIMIT : PAGE_LIMIT;
    this.keepInAddress('');
  }

  /** Searches for what the field holds; `now` (a submit, a query in the address) announces at once. */
  private async run(now: boolean): Promise<void> {
    const query = this.field?.value.trim() ?? '';
    if (query.length < MIN_QUERY) {
      if (query === '') this.clear();
      return;
    }
    const asked = ++this.asked;
    if (this.outcome === null) this.status = 'loading';
    this.limit = this.pageResults === null ? PANEL_LIMIT : PAGE_LIMIT;
    this.keepInAddress(query);
    const started = performance.now();
    try {
      const listed = await searchLibrary(query, this.limit);
      if (asked !== this.asked) return;
      await this.show(listed);
      // The list is on screen: how long a search takes, for the benchmark (bench/search.ts).
      performance.measure('warta-search', { start: started, detail: { query } });
      const outcome = await withDetails(listed);
      if (asked !== this.asked) return;
      await this.show(outcome);
      performance.measure('warta-search-details', { start: started, detail: { query } });
      clearTimeout(this.announcing);
      const say = (): void => {
        announce(countMessage(outcome));
      };
      if (now) say();
      else this.announcing = setTimeout(say, ANNOUNCE_MS);
      // The stored index may have changed (an article kept since, here or in another tab): checked
      // after the results are shown, and if it did, the same search again.
      if ((await refreshIndex()) && asked === this.asked) await this.run(now);
    } catch (error) {
      if (asked !== this.asked) return;
      this.problem =
        error instanceof StorageError
          ? storageErrorMessage(error)
          : msg('Pencarian gagal. Muat ulang halaman, lalu coba lagi.');
      this.status = 'failed';
      announce(this.problem);
    }
  }

  private async showMore(): Promise<void> {
    const query = this.outcome?.query;
    if (query === undefined) return;
    this.limit += PAGE_LIMIT;
    const asked = ++this.asked;
    const outcome = await withDetails(await searchLibrary(query, this.limit));
    if (asked !== this.asked) return;
    await this.show(outcome);
  }

  /** Shows an outcome, here or on the results page, once rendered. */
  private async show(outcome: SearchOutcome): Promise<void> {
    this.outcome = outcome;
    this.status = outcome.total === 0 ? 'none' : 'results';
    await this.updateComplete;
    await this.pageResults?.updateComplete;
  }

  /** The query's name in the results page's address: the field's, as the form submits it. */
  private param(): string {
    return this.field?.name ?? 'q';
  }

  /** The results page's address for a query, as the form would submit it (the form's own action). */
  private readonly pageFor = (query: string): string => {
    const url = new URL(this.querySelector('form')?.action ?? location.href);
    url.search = new URLSearchParams({ [this.param()]: query }).toString();
    return `${url.pathname}${url.search}`;
  };

  /** On the results page, the query stays in the address, so a reload or a shared link finds it again. */
  private keepInAddress(query: string): void {
    if (this.pageResults === null) return;
    const url = new URL(location.href);
    if (query === '') url.searchParams.delete(this.param());
    else url.searchParams.set(this.param(), query);
    history.replaceState(history.state, '', url);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-search': WartaSearch;
    'warta-search-results': WartaSearchResults;
  }
}
