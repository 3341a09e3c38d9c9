/**
 * The category pages in the current UI language: the index `/kategori/` and each category's
 * `/kategori/<id>/`, paged like the archive (`paged`: the 20 newest, then pages numbered from the
 * oldest), so a new article changes its categories' first and last pages, and the index's counts.
 */
import { uiLocale } from '../src/i18n/locale.js';
import { categoriesPath, categoryPath } from '../src/routes.js';
import {
  categoryDescription,
  categoryIndexDescription,
  categoryIndexTemplate,
  categoryLabel,
  categoryPageTemplate,
} from '../src/templates/category.js';
import type { Pager } from '../src/templates/home.js';
import { aboutWarta, pageTemplate } from '../src/templates/page.js';
import type { ArticleSummary } from '../src/content/types.js';
import type { Category } from './categories.js';
import { summarize } from './content.js';
import { paged, renderToString, type Page } from './prerender.js';

const SITE = 'Warta';

/** The file of a page address (`/en/kategori/x/2/` → `en/kategori/x/2/index.html`). */
const fileOf = (path: string): string => `${path.slice(1)}index.html`;

export function categoryPages(categories: readonly Category[]): Page[] {
  const locale = uiLocale();
  const pages: Page[] = [
    {
      fileName: fileOf(categoriesPath(locale)),
      title: `${categoryLabel()} · ${SITE}`,
      description: categoryIndexDescription(),
      body: renderToString(
        pageTemplate(
          'home',
          categoryIndexTemplate(
            categories.map(({ id, name, lang, articles }) => ({ id, name, lang, count: articles.length })),
          ),
          aboutWarta(),
        ),
      ),
    },
  ];
  for (const category of categories) {
    const count = category.articles.length;
    const list = paged(category.articles.map(summarize), categoryPath(locale, category.id), (page) =>
      categoryPath(locale, category.id, page),
    );
    const page = (path: string, number: number | null, shown: readonly ArticleSummary[], pager: Pager): Page => ({
      fileName: fileOf(path),
      title: `${category.name}${number === null ? '' : ` (${String(number)})`} · ${categoryLabel()} · ${SITE}`,
      description: categoryDescription(category.name),
      body: renderToString(
        pageTemplate('home', categoryPageTemplate(category, count, shown, number, pager), aboutWarta()),
      ),
    });
    pages.push(page(categoryPath(locale, category.id), null, list.newest, list.pager));
    for (const archive of list.archive) {
      pages.push(page(categoryPath(locale, category.id, archive.page), archive.page, archive.articles, archive.pager));
    }
  }
  return pages;
}
