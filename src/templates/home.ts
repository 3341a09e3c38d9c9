import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ArticleSummary } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl, categoriesPath } from '../routes.js';
import { formatDate } from './format.js';

/** Where the links of a page of a list lead: newer and older articles, each a page or nothing. */
export interface Pager {
  readonly newer: string | null;
  readonly older: string | null;
}

/**
 * One page of the article list, newest first: the home page (`page` null: the 20 newest), or a
 * page of the archive, numbered from the oldest, so that its articles never move once it is full.
 */
export interface ArticleListPage {
  readonly articles: readonly ArticleSummary[];
  readonly page: number | null;
  readonly pager: Pager;
  /** Whether the site has categories: home then links their index. */
  readonly categories?: boolean;
}

/**
 * The home page and the archive pages: headline, date and lead of each article. Home ends with
 * "Unduh untuk dibaca offline" (`<warta-sync>`, empty until its part loads, src/main.ts): below
 * the list, so its arrival moves nothing the reader is looking at.
 */
export function homeTemplate({ articles, page, pager, categories = false }: ArticleListPage): TemplateResult {
  return html`<h1>${page === null ? msg('Artikel') : msg(str`Artikel, halaman ${page}`)}</h1>
    ${categories ? html`<p><a href=${categoriesPath(uiLocale())}>${msg('Semua kategori')}</a></p>` : nothing}
    ${articleListTemplate(articles)} ${pagerTemplate(pager, msg('Halaman daftar artikel'))}
    ${page === null ? html`<warta-sync></warta-sync>` : nothing}`;
}

/** Articles as cards (headline, date, lead), newest first: the list of home, the archive and a category. */
export function articleListTemplate(articles: readonly ArticleSummary[]): TemplateResult {
  return articles.length === 0
    ? html`<p>${msg('Belum ada artikel.')}</p>`
    : html`<ul class="article-list">
        ${articles.map(
          (article) =>
            html`<li>
              <article class="card" aria-labelledby=${`judul-${article.slug}`}>
                <h2 id=${`judul-${article.slug}`} lang=${article.lang}>
                  <a href=${articleUrl(article.slug, uiLocale())}>${article.title}</a>
                </h2>
                ${
                  article.date === null
                    ? nothing
                    : html`<p class="meta"><time datetime=${article.date}>${formatDate(article.date)}</time></p>`
                }
                <p lang=${article.lang}>${article.lead}</p>
              </article>
            </li>`,
        )}
      </ul>`;
}

/**
 * Links to newer and older articles. No "page N of M": the count of pages changes with every
 * twentieth article, and with it every page that said it.
 */
export function pagerTemplate({ newer, older }: Pager, label: string): TemplateResult | typeof nothing {
  if (newer === null && older === null) return nothing;
  return html`<nav class="pager" aria-label=${label}>
    ${newer === null ? nothing : html`<a href=${newer} rel="prev">${msg('Artikel lebih baru')}</a>`}
    ${older === null ? nothing : html`<a href=${older} rel="next">${msg('Artikel lebih lama')}</a>`}
  </nav>`;
}
