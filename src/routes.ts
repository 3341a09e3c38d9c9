/**
 * Warta's addresses, spelled in one place for the templates, the app and the service worker.
 */

export const HOME_PATH = '/';
export const LIBRARY_PATH = '/tersimpan/';
export const GLOSSARY_PATH = '/glosarium/';

/** The id of a glossary entry in an article's glossary section (and on the glossary page). */
export function glossaryEntryId(entry: string): string {
  return `istilah-${entry}`;
}

/** The id of the first place a glossary term appears in an article's text. */
export function glossaryRefId(entry: string): string {
  return `rujukan-${entry}`;
}
/** The page the service worker serves for an article when the network does not answer. */
export const OFFLINE_SHELL_PATH = '/offline/';
/** The id of the offline shell's empty container, into which the browser renders the view. */
export const OFFLINE_VIEW_ID = 'tampilan-offline';
/** The id of the shell's message for a browser whose script did not run; the app removes it. */
export const OFFLINE_FALLBACK_ID = 'tanpa-skrip';

export function articleUrl(slug: string): string {
  return `/artikel/${slug}/`;
}

export function articleJsonUrl(slug: string): string {
  return `/articles/${slug}.json`;
}

export const ARTICLE_INDEX_URL = '/articles/index.json';

/** The slug in `/artikel/<slug>/`, also without the trailing slash; null for any other path. */
export function articleSlugFromPath(pathname: string): string | null {
  const match = /^\/artikel\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/u.exec(pathname);
  return match?.[1] ?? null;
}
