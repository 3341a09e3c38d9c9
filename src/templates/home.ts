import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ArticleSummary } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl } from '../routes.js';
import { formatDate } from './format.js';

/** The home page: every article, newest first, with headline, date and lead. */
export function homeTemplate(articles: readonly ArticleSummary[]): TemplateResult {
  return html`<h1>${msg('Artikel')}</h1>
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
    }`;
}
