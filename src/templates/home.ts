import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ArticleSummary } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl, homePagePath } from '../routes.js';
import { formatDate } from './format.js';

/** One page of the article list: its articles, newest first, and where it stands among the pages. */
export interface ArticleListPage {
  readonly articles: readonly ArticleSummary[];
  /** 1 for the home page. */
  readonly page: number;
  readonly pages: number;
}

/** The home page (and the older pages after it): headline, date and lead of each article. */
export function homeTemplate({ articles, page, pages }: ArticleListPage): TemplateResult {
  return html`<h1>${page === 1 ? msg('Artikel') : msg(str`Artikel, halaman ${page}`)}</h1>
    ${
      articles.length === 0
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
          </ul>`
    }
    ${pages > 1 ? pagerTemplate(page, pages) : nothing}`;
}

function pagerTemplate(page: number, pages: number): TemplateResult {
  return html`<nav class="pager" aria-label=${msg('Halaman daftar artikel')}>
    ${
      page > 1
        ? html`<a href=${homePagePath(uiLocale(), page - 1)} rel="prev">${msg('Artikel lebih baru')}</a>`
        : nothing
    }
    <span>${msg(str`Halaman ${page} dari ${pages}`)}</span>
    ${
      page < pages
        ? html`<a href=${homePagePath(uiLocale(), page + 1)} rel="next">${msg('Artikel lebih lama')}</a>`
        : nothing
    }
  </nav>`;
}
