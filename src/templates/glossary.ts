import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { GlossaryText } from '../content/glossary.js';
import { uiLocale } from '../i18n/locale.js';
import { pagerTemplate, type Pager } from './home.js';
import {
  ARTICLES_PER_TERM,
  articleUrl,
  glossaryEntryId,
  glossaryPath,
  glossaryRefId,
  glossaryTermPath,
} from '../routes.js';

/**
 * The glossary section at the end of an article: every term it uses, in order of first use
 * (DPUB-ARIA `doc-glossary`). Each entry carries its definition in the UI language, its
 * source, and a link back to where the term appears. The
 * toggletips read their text from here, so they work wherever the article renders.
 */
export function glossarySectionTemplate(entries: readonly GlossaryText[]): TemplateResult | typeof nothing {
  if (entries.length === 0) return nothing;
  return html`<section class="glossary" role="doc-glossary" aria-labelledby="glosarium-judul">
    <h2 id="glosarium-judul">${msg('Glosarium')}</h2>
    <dl>
      ${entries.map(
        (entry) =>
          html`<dt id=${glossaryEntryId(entry.id)}><dfn>${entry.term}</dfn></dt>
            <dd>
              ${renderDefinitions(entry)}
              <p class="entry-links">
                <a href=${`#${glossaryRefId(entry.id)}`} aria-label=${`${msg('Kembali ke teks')}: ${entry.term}`}
                  >${msg('Kembali ke teks')}</a
                >
                · ${renderSource(entry)}
              </p>
            </dd>`,
      )}
    </dl>
  </section>`;
}

/** An article that uses a glossary entry, as the glossary pages link it. */
export interface ArticleLink {
  readonly slug: string;
  readonly title: string;
  readonly lang: string;
}

/**
 * One entry's glossary page item: definition, source, and articles that use it, newest first (on
 * the glossary page the newest few, on a term's page that page's), and how many use it in all.
 */
export interface GlossaryPageItem {
  readonly entry: GlossaryText;
  readonly articles: readonly ArticleLink[];
  readonly count: number;
}

/**
 * `/glosarium/`: every term of every article, alphabetically, each linking back to its newest
 * articles; a term used in more has its own page with all of them, so this page (which the
 * service worker keeps) stays the same size at any number of articles.
 */
export function glossaryPageTemplate(items: readonly GlossaryPageItem[]): TemplateResult {
  return html`<h1>${msg('Glosarium')}</h1>
    <p>${msg('Penjelasan singkat istilah dalam artikel Warta, ditulis oleh tim Warta.')}</p>
    <dl class="glossary glossary-page">
      ${items.map(
        ({ entry, articles, count }) =>
          html`<dt id=${glossaryEntryId(entry.id)}><dfn>${entry.term}</dfn></dt>
            <dd>
              ${renderDefinitions(entry)}
              <p class="entry-links">${renderSource(entry)}</p>
              ${
                articles.length === 0
                  ? nothing
                  : html`<p class="entry-links">
                      ${msg('Dipakai di:')}
                      ${articles
                        .slice(0, ARTICLES_PER_TERM)
                        .map((article, index) => html`${index > 0 ? ', ' : ''}${articleLink(article, entry)}`)}${
                        count > ARTICLES_PER_TERM ? allArticlesLink(entry, count) : nothing
                      }
                    </p>`
              }
            </dd>`,
      )}
    </dl>`;
}

/**
 * Which of a term's pages: its newest (`page` null), which says how many articles use the term,
 * or a numbered page of older ones, which does not, so that a new article leaves it unchanged.
 */
export type TermPage = { readonly page: null; readonly count: number } | { readonly page: number };

/**
 * `/glosarium/<id>/`: one term and the newest articles that use it, or a page of the older ones,
 * `/glosarium/<id>/<n>/`, numbered from the oldest like the archive.
 */
export function glossaryTermPageTemplate(
  entry: GlossaryText,
  articles: readonly ArticleLink[],
  which: TermPage,
  pager: Pager,
): TemplateResult {
  const heading =
    which.page === null ? msg(str`Dipakai di ${which.count} artikel`) : msg(str`Artikel, halaman ${which.page}`);
  return html`<h1><dfn>${entry.term}</dfn></h1>
    ${renderDefinitions(entry)}
    <p class="entry-links">
      ${renderSource(entry)} ·
      <a href=${`${glossaryPath(uiLocale())}#${glossaryEntryId(entry.id)}`}>${msg('Semua istilah di glosarium')}</a>
    </p>
    <h2>${heading}</h2>
    <ul class="term-articles">
      ${articles.map((article) => html`<li>${articleLink(article, entry)}</li>`)}
    </ul>
    ${pagerTemplate(pager, msg('Halaman daftar artikel'))}`;
}

/** ", semua 45 artikel": to the term's own page; its name also says which term (several are on one page). */
function allArticlesLink(entry: GlossaryText, count: number): TemplateResult {
  const text = msg(str`semua ${count} artikel`);
  return html`, <a href=${glossaryTermPath(uiLocale(), entry.id)} aria-label=${`${text}: ${entry.term}`}>${text}</a>`;
}

/** A link to where an article first uses the term. */
function articleLink(article: ArticleLink, entry: GlossaryText): TemplateResult {
  return html`<a href=${`${articleUrl(article.slug, uiLocale())}#${glossaryRefId(entry.id)}`} lang=${article.lang}
    >${article.title}</a
  >`;
}

/**
 * The definition in the entry's language, which is the UI language: each page is rendered once
 * per UI language (and the offline view renders in the language of the shell it fills), so the
 * other language's text would be hidden weight on every article page.
 */
function renderDefinitions(entry: GlossaryText): TemplateResult {
  return html`<p class="definition" lang=${entry.lang}>${entry.definition}</p>`;
}

function renderSource(entry: GlossaryText): TemplateResult {
  return html`<a class="source" href=${entry.source} rel="external noopener"
    >${msg('Bacaan lanjut')}: ${entry.sourceName}</a
  >`;
}
