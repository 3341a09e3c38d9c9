import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ArticleSummary } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { categoriesPath, categoryPath } from '../routes.js';
import { articleListTemplate, pagerTemplate, type Pager } from './home.js';

/** A category as pages link it: its id (the address), the publisher's name and that name's language. */
export interface CategoryLink {
  readonly id: string;
  readonly name: string;
  readonly lang: string;
}

export interface CategoryIndexItem extends CategoryLink {
  /** How many articles it has. */
  readonly count: number;
}

/** `/kategori/`: every category, alphabetically, with its number of articles. */
export function categoryIndexTemplate(items: readonly CategoryIndexItem[]): TemplateResult {
  return html`<h1>${msg('Kategori')}</h1>
    ${
      items.length === 0
        ? html`<p>${msg('Belum ada kategori.')}</p>`
        : html`<ul class="term-articles">
            ${items.map(
              (item) =>
                html`<li>
                  <a href=${categoryPath(uiLocale(), item.id)} lang=${item.lang}>${item.name}</a> ·
                  ${articleCount(item.count)}
                </li>`,
            )}
          </ul>`
    }`;
}

/**
 * `/kategori/<id>/`: a category's newest articles, or (`page` set) a page of the older ones,
 * `/kategori/<id>/<n>/`, numbered from the oldest like the archive, so a full page never changes.
 */
export function categoryPageTemplate(
  category: CategoryLink,
  count: number,
  shown: readonly ArticleSummary[],
  page: number | null,
  pager: Pager,
): TemplateResult {
  return html`<h1 lang=${category.lang}>${category.name}</h1>
    <p class="entry-links">
      ${page === null ? articleCount(count) : msg(str`Artikel, halaman ${page}`)} ·
      <a href=${categoriesPath(uiLocale())}>${msg('Semua kategori')}</a>
    </p>
    ${articleListTemplate(shown)} ${pagerTemplate(pager, msg('Halaman daftar artikel'))}`;
}

/** "Kategori: Nasional, Ekonomi" at the foot of an article's page: each a link to its category. */
export function articleCategoriesTemplate(links: readonly CategoryLink[]): TemplateResult | typeof nothing {
  if (links.length === 0) return nothing;
  return html`<p>
    ${msg('Kategori:')}
    ${links.map(
      (link, index) =>
        html`${index > 0 ? ', ' : ''}<a href=${categoryPath(uiLocale(), link.id)} lang=${link.lang}>${link.name}</a>`,
    )}
  </p>`;
}

function articleCount(count: number): string {
  return count === 1 ? msg('1 artikel') : msg(str`${count} artikel`);
}

/** The description (`<meta name="description">`) of the index of categories. */
export function categoryIndexDescription(): string {
  return msg('Artikel Warta menurut kategori dari penerbitnya.');
}

/** The description of a category's pages. */
export function categoryDescription(name: string): string {
  return msg(str`Artikel Warta dalam kategori ${name}.`);
}

/** "Kategori", as the pages' titles say it. */
export function categoryLabel(): string {
  return msg('Kategori');
}
