/**
 * Warta's addresses, spelled in one place for the templates, the app and the service worker.
 */

/** Warta's UI languages. Indonesian pages live at the root, English ones under /en/. */
export type Locale = 'id' | 'en';

/** '' for Indonesian, '/en' for English: the prefix of every page address in that language. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '/en' : '';
}

/** The UI language a page address belongs to. */
export function localeOfPath(pathname: string): Locale {
  return /^\/en(?:\/|$)/u.test(pathname) ? 'en' : 'id';
}

/**
 * The same page in another UI language: the '/en' prefix swapped in or out. The language switch
 * and the before-first-paint script (src/settings/first-paint.ts) both go through here.
 */
export function pathInLocale(pathname: string, locale: Locale): string {
  const rest = localeOfPath(pathname) === 'en' ? pathname.slice('/en'.length) || '/' : pathname;
  return `${localePrefix(locale)}${rest}`;
}

export function homePath(locale: Locale): string {
  return `${localePrefix(locale)}/`;
}

/**
 * The n-th page of the archive, numbered from the oldest: `/arsip/1/` holds the first 20 articles
 * ever published, so a full page never changes and a new article changes only the last one.
 */
export function archivePath(locale: Locale, page: number): string {
  return `${localePrefix(locale)}/arsip/${String(page)}/`;
}

/** How many articles each list page shows (home, archive, a term's), so each stays small at any count. */
export const ARTICLES_PER_PAGE = 20;

export function libraryPath(locale: Locale): string {
  return `${localePrefix(locale)}/tersimpan/`;
}

/**
 * The search results page: `/cari/?q=…`, where the header's search form (on every page) submits.
 * It is one app page whatever the query: the query is read by its script.
 */
export function searchPath(locale: Locale): string {
  return `${localePrefix(locale)}/cari/`;
}

/** The name of the search form's field, and of the query in the results page's address. */
export const SEARCH_PARAM = 'q';

export function glossaryPath(locale: Locale): string {
  return `${localePrefix(locale)}/glosarium/`;
}

/**
 * A glossary entry's own page (when the glossary page cannot list all its articles): the newest
 * 20 that use it; older ones on `/glosarium/<id>/<n>/`, numbered from the oldest like the archive.
 */
export function glossaryTermPath(locale: Locale, entry: string, page: number | null = null): string {
  return `${localePrefix(locale)}/glosarium/${entry}/${page === null ? '' : `${String(page)}/`}`;
}

/** The index of categories: each with its number of articles. */
export function categoriesPath(locale: Locale): string {
  return `${localePrefix(locale)}/kategori/`;
}

/**
 * A category's page: its 20 newest articles; older ones on `/kategori/<id>/<n>/`, numbered from
 * the oldest like the archive. The id is an ASCII slug of the publisher's name (tools/categories.ts).
 */
export function categoryPath(locale: Locale, id: string, page: number | null = null): string {
  return `${localePrefix(locale)}/kategori/${id}/${page === null ? '' : `${String(page)}/`}`;
}

/** Warta's own feeds of the 50 newest articles, one of each kind per UI language (their links lead there). */
export function feedPath(locale: Locale, kind: 'rss' | 'json'): string {
  return `${localePrefix(locale)}/feed.${kind === 'rss' ? 'xml' : 'json'}`;
}

/** The sitemap index (robots.txt names it) and its sitemaps, numbered from the oldest. */
export const SITEMAP_INDEX_URL = '/sitemap.xml';

export function sitemapUrl(number: number): string {
  return `/sitemap-${String(number)}.xml`;
}

/** How many articles the glossary page lists under each term; more are on the term's own page. */
export const ARTICLES_PER_TERM = 5;

/** The id of a glossary entry in an article's glossary section (and on the glossary page). */
export function glossaryEntryId(entry: string): string {
  return `istilah-${entry}`;
}

/** The id of the first place a glossary term appears in an article's text. */
export function glossaryRefId(entry: string): string {
  return `rujukan-${entry}`;
}
/** The page the service worker serves for an article when the network does not answer. */
export function offlineShellPath(locale: Locale): string {
  return `${localePrefix(locale)}/offline/`;
}
/** The id of the offline shell's empty container, into which the browser renders the view. */
export const OFFLINE_VIEW_ID = 'tampilan-offline';
/** The id of the shell's message for a browser whose script did not run; the app removes it. */
export const OFFLINE_FALLBACK_ID = 'tanpa-skrip';

/** The footer's install button: rendered by the page template, shown by src/app/install.ts. */
export const INSTALL_BUTTON_ID = 'pasang-aplikasi';

export function articleUrl(slug: string, locale: Locale): string {
  return `${localePrefix(locale)}/artikel/${slug}/`;
}

/**
 * The id of the article's JSON, carried at the end of its prerendered page (a data block, never
 * run), so the first visit keeps the article without a second request for it.
 */
export const ARTICLE_DATA_ID = 'data-artikel';

export function articleJsonUrl(slug: string): string {
  return `/articles/${slug}.json`;
}

/**
 * What the connection probe asks the headers of (src/app/connection.ts): a file every build
 * writes, a few hundred bytes, which the worker does not answer (it answers GET only).
 */
export const PROBE_URL = '/manifest.webmanifest';

/**
 * Every glossary entry in one UI language (`GlossaryText[]`): articles refer to entries by id, and
 * a client that has an article without its page (the page cut short, a sync) reads them here.
 */
export function glossaryJsonUrl(locale: Locale): string {
  return `/articles/glossary-${locale}.json`;
}

/** The slug in `/artikel/<slug>/` (or `/en/artikel/<slug>/`), also without the trailing slash. */
export function articleSlugFromPath(pathname: string): string | null {
  const match = /^(?:\/en)?\/artikel\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/u.exec(pathname);
  return match?.[1] ?? null;
}
