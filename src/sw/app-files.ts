/**
 * The files of the app the service worker keeps, and which of them a reader's first visit needs.
 * Pure, so the worker, the byte budgets (tools/budgets.ts) and the unit tests share one answer.
 *
 * The build (vite-plugin-pwa's injectManifest) lists every app file with its revision. A first
 * visit on a 2G link should cost no more than reading needs, so the worker keeps the app in two
 * steps: on install, only what reading a saved article offline needs (the offline shell in the
 * reader's language, the page script, the offline view and the settings form); on a later page
 * view, the rest (home, Tersimpan, Glosarium, the other chunks).
 */
import type { Locale } from '../routes.js';

/** An entry as the build injects it (`self.__WB_MANIFEST`). */
export type ManifestEntry = string | { readonly url: string; readonly revision?: string | null };

/** One app file: its address from the site's root, and the build's revision when the name has no hash. */
export interface AppFile {
  readonly url: string;
  readonly revision: string | null;
}

/**
 * What reading offline needs, by address: the page script (`index-…`, Vite's entry), the view
 * that renders a saved article into the offline shell, the settings form (text size on the bus),
 * and the offline shell, in the reader's language. Chunk names come from the source files
 * (src/app/offline-page.ts, src/components/warta-settings-panel.ts);
 * tests/browser/budgets.spec.ts checks them against the real build's names.
 */
const FIRST_VISIT =
  /^\/(?:assets\/(?:en-)?(?:index|offline-page|warta-settings-panel)-[\w-]+\.js|(?:en\/)?offline\/index\.html)$/u;

/**
 * English files: pages under /en/ and the English build of the script (`en-…`,
 * tools/client-build.ts). Every other page and script is Indonesian.
 */
const ENGLISH = /^\/(?:en\/|assets\/en-[\w-]+\.js$)/u;

/** The injected manifest as app files, each address starting with `/`. */
export function appFilesOf(entries: readonly ManifestEntry[]): AppFile[] {
  return entries.map((entry) => {
    const { url, revision } = typeof entry === 'string' ? { url: entry, revision: null } : entry;
    return { url: new URL(url, 'https://warta.invalid/').pathname, revision: revision ?? null };
  });
}

/** The UI language a file serves, or null when every reader needs it (the web app manifest). */
export function localeOfFile(file: AppFile): Locale | null {
  if (ENGLISH.test(file.url)) return 'en';
  return /\.(?:html|js)$/u.test(file.url) ? 'id' : null;
}

/** Every file readers of these languages need (each language's pages, and the shared files). */
export function filesFor(files: readonly AppFile[], locales: readonly Locale[]): AppFile[] {
  return files.filter((file) => {
    const locale = localeOfFile(file);
    return locale === null || locales.includes(locale);
  });
}

/** What a first visit keeps: only what reading a saved article offline needs, in these languages. */
export function firstVisitFiles(files: readonly AppFile[], locales: readonly Locale[]): AppFile[] {
  return filesFor(files, locales).filter((file) => FIRST_VISIT.test(file.url));
}

/**
 * The order to fetch files in: scripts before pages, so a connection that drops halfway never
 * leaves a kept page whose script is missing (it would then work online only).
 */
export function inKeepOrder(files: readonly AppFile[]): AppFile[] {
  const script = (file: AppFile): number => (file.url.endsWith('.js') ? 0 : 1);
  return [...files].sort((a, b) => script(a) - script(b));
}

/**
 * The cache key of a file: its address, plus its revision when the name carries no hash, so a
 * new build's version of a page never answers for the old one (and the reverse).
 */
export function cacheKey(file: AppFile): string {
  return file.revision === null ? file.url : `${file.url}?__WB_REVISION__=${file.revision}`;
}

/** The app file that answers a path: `/tersimpan/` and `/tersimpan` are `/tersimpan/index.html`. */
export function fileForPath(files: readonly AppFile[], pathname: string): AppFile | undefined {
  const url = /\.[a-z0-9]+$/iu.test(pathname) ? pathname : `${pathname.replace(/\/?$/u, '/')}index.html`;
  return files.find((file) => file.url === url);
}
