import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { msg, str } from '../src/i18n/msg.js';
import { html, type TemplateResult } from 'lit';
import { uiLocale } from '../src/i18n/locale.js';
import {
  ARTICLES_PER_PAGE,
  ARTICLES_PER_TERM,
  ARTICLE_DATA_ID,
  archivePath,
  feedPath,
  glossaryTermPath,
  homePath,
  localePrefix,
  type Locale,
} from '../src/routes.js';
import { glossaryText, type GlossaryEntry, type GlossaryText } from '../src/content/glossary.js';
import type { ArticlePageData, PublishedArticle } from '../src/content/types.js';
import { articleFooterTemplate, articleTemplate } from '../src/templates/article.js';
import { articleCategoriesTemplate } from '../src/templates/category.js';
import { glossaryPageTemplate, glossaryTermPageTemplate, type GlossaryPageItem } from '../src/templates/glossary.js';
import { homeTemplate, type Pager } from '../src/templates/home.js';
import { libraryTemplate } from '../src/templates/library.js';
import { notFoundTemplate } from '../src/templates/not-found.js';
import { offlineShellTemplate } from '../src/templates/offline.js';
import { searchDescription, searchTemplate } from '../src/templates/search.js';
import { aboutWarta, pageTemplate } from '../src/templates/page.js';
import { categoriesOf, categoryLinks, type Category } from './categories.js';
import { summarize } from './content.js';

/** One HTML file of the built site. */
export interface Page {
  readonly fileName: string;
  readonly title: string;
  readonly description: string;
  readonly body: string;
  /** Data for the app, carried after the body as a JSON block (never run). */
  readonly data?: { readonly id: string; readonly value: unknown };
}

/** Everything a page's `<head>` gets besides what the shell (index.html) has. */
export interface HeadParts {
  readonly css: string;
  readonly csp: string;
  /** The before-first-paint script, inlined (and allowed by its hash). */
  readonly script: string;
  /** The address of the browser script in the page's language (its entry, from Vite's manifest). */
  readonly module: string;
}

const SITE = 'Warta';

/**
 * Renders a lit-html template to HTML with Lit's own server renderer: one template, two places.
 * The markers Lit SSR adds for hydration (`<!--lit-part …-->`, `<!--/lit-part-->`,
 * `<!--lit-node n-->`, and `<?>` for an empty value) are removed: Warta never hydrates
 * prerendered markup, and they cost bytes on every page. They are exact strings of the
 * renderer's own making; every `<` in a value is already escaped, so no text can look like them.
 */
export function renderToString(template: TemplateResult): string {
  return (
    collectResultSync(render(template))
      .replace(/<!--\/?lit-part[^>]*-->|<!--lit-node \d+-->|<\?>/gu, '')
      // The templates' indentation: a run of white space renders as one space wherever it is not
      // preformatted (no page element is), and a newline keeps it one. 140 B of gzip an article page.
      .replace(/\n\s+/gu, '\n')
  );
}

/**
 * The home page (the 20 newest articles) and the archive behind it (`/arsip/<n>/`, 20 a page from
 * the oldest), the library, the glossary (and a page for each term used in more articles than
 * it lists, paged the same way), the search results page, the offline shell, one page per
 * article, and the 404 page.
 */
export function sitePages(
  articles: readonly PublishedArticle[],
  glossary: readonly GlossaryEntry[],
  now: Date,
  categories: readonly Category[] = categoriesOf(articles),
): Page[] {
  const summaries = articles.map(summarize);
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  const locale = uiLocale();
  // In the current UI locale (set by the caller): Indonesian at the root, English under en/.
  const prefix = localePrefix(locale).replace(/^\//u, '');
  const file = (name: string): string => (prefix === '' ? name : `${prefix}/${name}`);
  /** The file of a page address (`/en/arsip/2/` → `en/arsip/2/index.html`). */
  const fileOf = (path: string): string => `${path.slice(1)}index.html`;
  const list = paged(summaries, homePath(locale), (page) => archivePath(locale, page));
  const glossaryPage = glossaryItems(articles, glossary, locale);
  const texts: ReadonlyMap<string, GlossaryText> = new Map(
    glossary.map((entry) => [entry.id, glossaryText(entry, locale)]),
  );
  const description = msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.');
  const pages: Page[] = [
    {
      fileName: file('index.html'),
      title: SITE,
      description,
      body: renderToString(
        pageTemplate(
          'home',
          homeTemplate({ articles: list.newest, page: null, pager: list.pager, categories: categories.length > 0 }),
          aboutWarta(),
        ),
      ),
    },
    ...list.archive.map((archive): Page => ({
      fileName: fileOf(archivePath(locale, archive.page)),
      title: `${msg(str`Artikel, halaman ${archive.page}`)} · ${SITE}`,
      description,
      body: renderToString(pageTemplate('home', homeTemplate(archive), aboutWarta())),
    })),
    {
      fileName: file('tersimpan/index.html'),
      title: `${msg('Tersimpan')} · ${SITE}`,
      description: msg('Artikel yang pernah Anda buka disimpan di perangkat ini dan bisa dibaca tanpa sinyal.'),
      body: renderToString(pageTemplate('library', libraryTemplate(), aboutWarta())),
    },
    {
      fileName: file('cari/index.html'),
      title: `${msg('Cari')} · ${SITE}`,
      description: searchDescription(),
      // No footer about Warta: the page is kept with the app, in the precache's 60 KB.
      body: renderToString(pageTemplate('search', searchTemplate(), html``)),
    },
    {
      fileName: file('glosarium/index.html'),
      title: `${msg('Glosarium')} · ${SITE}`,
      description: msg('Penjelasan singkat istilah dalam artikel Warta, ditulis oleh tim Warta.'),
      body: renderToString(pageTemplate('glossary', glossaryPageTemplate(glossaryPage), aboutWarta())),
    },
    ...glossaryPage
      .filter((item) => item.articles.length > ARTICLES_PER_TERM)
      .flatMap((item): Page[] => {
        const term = paged(item.articles, glossaryTermPath(locale, item.entry.id), (page) =>
          glossaryTermPath(locale, item.entry.id, page),
        );
        const termPage = (
          path: string,
          page: number | null,
          shown: GlossaryPageItem['articles'],
          pager: Pager,
        ): Page => ({
          fileName: fileOf(path),
          title: `${item.entry.term}${page === null ? '' : ` (${String(page)})`} · ${msg('Glosarium')} · ${SITE}`,
          description: truncate(item.entry.definition, 160),
          body: renderToString(
            pageTemplate('glossary', glossaryTermPageTemplate(item, shown, page, pager), aboutWarta()),
          ),
        });
        return [
          termPage(glossaryTermPath(locale, item.entry.id), null, term.newest, term.pager),
          ...term.archive.map((archive) =>
            termPage(
              glossaryTermPath(locale, item.entry.id, archive.page),
              archive.page,
              archive.articles,
              archive.pager,
            ),
          ),
        ];
      }),
    {
      fileName: file('offline/index.html'),
      title: SITE,
      description: msg('Artikel yang pernah Anda buka disimpan di perangkat ini dan bisa dibaca tanpa sinyal.'),
      body: renderToString(pageTemplate('offline', offlineShellTemplate(), html``)),
    },
    {
      fileName: file('404.html'),
      title: `${msg('Halaman tidak ditemukan')} · ${SITE}`,
      description: msg('Halaman tidak ditemukan'),
      body: renderToString(pageTemplate('not-found', notFoundTemplate(), aboutWarta())),
    },
  ];
  for (const article of articles) {
    pages.push({
      fileName: file(`artikel/${article.slug}/index.html`),
      title: `${article.title.text} · ${SITE}`,
      description: truncate(article.lead.text, 160),
      body: renderToString(
        pageTemplate(
          'article',
          articleTemplate(article, texts, now),
          html`${articleCategoriesTemplate(categoryLinks(article, categoryById))}${articleFooterTemplate(article, texts)}`,
        ),
      ),
      data: { id: ARTICLE_DATA_ID, value: articlePageData(article, texts) },
    });
  }
  return pages;
}

/** A list split for paging: its newest page, and the pages behind it, numbered from the oldest. */
interface Paged<T> {
  readonly newest: readonly T[];
  readonly pager: Pager;
  readonly archive: readonly { readonly articles: readonly T[]; readonly page: number; readonly pager: Pager }[];
}

/**
 * Pages a list given newest first. The newest page shows the first 20; when there are more, the
 * archive holds them all, 20 a page from the oldest, each page newest first: a full page never
 * changes, and a new item changes the newest page and the last archive page (and, when it opens
 * a page, the one before, which gains its link). The newest page's "older" link leads to the
 * archive page holding the newest item it does not show.
 */
export function paged<T>(newestFirst: readonly T[], newestPath: string, pagePath: (page: number) => string): Paged<T> {
  const count = newestFirst.length;
  const newest = newestFirst.slice(0, ARTICLES_PER_PAGE);
  if (count <= ARTICLES_PER_PAGE) return { newest, pager: { newer: null, older: null }, archive: [] };
  const oldestFirst = [...newestFirst].reverse();
  const pages = Math.ceil(count / ARTICLES_PER_PAGE);
  const archive = Array.from({ length: pages }, (_, index) => {
    const page = index + 1;
    return {
      articles: oldestFirst.slice(index * ARTICLES_PER_PAGE, page * ARTICLES_PER_PAGE).reverse(),
      page,
      pager: { newer: page < pages ? pagePath(page + 1) : newestPath, older: page > 1 ? pagePath(page - 1) : null },
    };
  });
  // Index, from the oldest, of the newest item the newest page leaves out.
  const olderPage = Math.floor((count - ARTICLES_PER_PAGE - 1) / ARTICLES_PER_PAGE) + 1;
  return { newest, pager: { newer: null, older: pagePath(olderPage) }, archive };
}

/**
 * Fills the page shell (`index.html`) with one page and the script of its language. The policy
 * comes first in `<head>` so it governs everything after it; the manifest link comes before the
 * first-paint script, which removes it from a page it sends to the other language.
 */
export function fillShell(shell: string, page: Page, head: HeadParts): string {
  const headHtml = [
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(head.csp)}" />`,
    `<title>${escapeText(page.title)}</title>`,
    `<meta name="description" content="${escapeAttribute(page.description)}" />`,
    '<meta name="color-scheme" content="light dark" />',
    '<meta name="theme-color" content="#fdfcf9" media="(prefers-color-scheme: light)" />',
    '<meta name="theme-color" content="#141413" media="(prefers-color-scheme: dark)" />',
    '<link rel="manifest" href="/manifest.webmanifest" />',
    '<link rel="icon" href="/icons/favicon.ico" sizes="48x48" />',
    '<link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />',
    '<link rel="apple-touch-icon" href="/icons/apple-touch-icon-180x180.png" />',
    // Warta's feeds in the page's language, for feed readers to find.
    `<link rel="alternate" type="application/rss+xml" href="${feedPath(uiLocale(), 'rss')}" title="Warta" />`,
    `<link rel="alternate" type="application/feed+json" href="${feedPath(uiLocale(), 'json')}" title="Warta" />`,
    `<script>${head.script}</script>`,
    `<style>${head.css}</style>`,
  ].join('\n    ');
  const filled = shell
    .replace(
      '<html lang="id">',
      // A 404 must not redirect to the other language's 404 and back.
      `<html lang="${uiLocale()}"${page.fileName.endsWith('404.html') ? ' data-no-locale-redirect' : ''}>`,
    )
    .replace('<!--warta:head-->', () => headHtml)
    .replace(
      '<!--warta:script-->',
      () => `<script type="module" crossorigin src="${escapeAttribute(head.module)}"></script>`,
    )
    .replace('<!--warta:body-->', () => page.body + (page.data === undefined ? '' : dataBlock(page.data)));
  if (filled.includes('<!--warta:')) throw new Error('index.html lost a <!--warta:…--> placeholder');
  return filled;
}

/** Every entry some article uses, alphabetically (Indonesian collation), with those articles. */
export function glossaryItems(
  articles: readonly PublishedArticle[],
  glossary: readonly GlossaryEntry[],
  locale: Locale,
): GlossaryPageItem[] {
  const collator = new Intl.Collator('id', { sensitivity: 'base' });
  return glossary
    .map((entry) => ({
      entry: glossaryText(entry, locale),
      articles: articles
        .filter((article) => article.glossary.entries.includes(entry.id))
        .map((article) => ({ slug: article.slug, title: article.title.text, lang: article.lang })),
    }))
    .filter((item) => item.articles.length > 0 || articles.some((a) => a.glossary.publisher === item.entry.id))
    .sort((a, b) => collator.compare(a.entry.term, b.entry.term));
}

/** What an article page carries for the app: the article, and the entries it uses in the page's language. */
function articlePageData(article: PublishedArticle, texts: ReadonlyMap<string, GlossaryText>): ArticlePageData {
  const { entries, publisher } = article.glossary;
  const ids = new Set(publisher === null ? entries : [...entries, publisher]);
  return { article, glossary: [...ids].map((id) => texts.get(id)).filter((text) => text !== undefined) };
}

/**
 * A `<script type="application/json">` block: data, not code, so no policy hash is needed. Every
 * `<` is escaped in the JSON itself, so no text can close the element or open a comment.
 */
function dataBlock(data: { readonly id: string; readonly value: unknown }): string {
  const json = JSON.stringify(data.value).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${escapeAttribute(data.id)}">${json}</script>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;');
}
