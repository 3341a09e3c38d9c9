/**
 * The registry of the app: its views and the parts of its script, where each lives in each UI
 * language, and how the service worker keeps it. It is the one list the build (tools/build.ts),
 * the script's chunking (tools/client-build.ts), the worker (src/sw/sw.ts), the byte budgets
 * (tools/budgets.ts) and the tests read; the functions below answer the worker's questions
 * about the files the build resolved from it.
 *
 * A first visit on a 2G link should cost no more than reading needs, so the worker keeps the app
 * in two steps: on install, only what reading a saved article offline needs (the offline shell in
 * the reader's language, the page script, the offline view and the settings form); on a later
 * page view, the rest (Tersimpan, search, the other parts), and a first copy of home and Glosarium.
 *
 * Home and Glosarium are listings, not app: they change with every article published, so they
 * carry no revision in the worker (a publish would change `sw.js` and ask every reader to reload).
 * The worker fetches them network-first and keeps the last copy.
 */
import { glossaryPath, homePath, libraryPath, offlineShellPath, searchPath, type Locale } from '../routes.js';

/** The UI languages, Indonesian (the source) first. */
export const LOCALES: readonly Locale[] = ['id', 'en'];

/**
 * How the worker keeps a file for a reader of its language: on install (`first-visit`), with
 * the rest of the app on a later page view (`app`), or, for a page that is no app file, its last
 * copy once the reader has visited it (`visited`), also fetched with the rest of the app
 * (`listing`: a list of articles, which publishing changes).
 */
export type Keep = 'first-visit' | 'app' | 'visited' | 'listing';

/** A page of the app (not an article): its address in each language, and how it is kept there. */
export interface View {
  readonly kind: 'home' | 'offline' | 'library' | 'glossary' | 'search';
  readonly path: (locale: Locale) => string;
  readonly keep: Readonly<Record<Locale, Keep>>;
}

/**
 * The app's pages. English Tersimpan is no app file: it is kept once visited, so that Indonesian
 * readers never download it and English ones only if they go there.
 */
export const VIEWS: readonly View[] = [
  { kind: 'home', path: homePath, keep: { id: 'listing', en: 'listing' } },
  // What the worker answers with when the network does not: reading offline needs it.
  { kind: 'offline', path: offlineShellPath, keep: { id: 'first-visit', en: 'first-visit' } },
  { kind: 'library', path: libraryPath, keep: { id: 'app', en: 'visited' } },
  { kind: 'glossary', path: glossaryPath, keep: { id: 'listing', en: 'listing' } },
  // Search results: the header's form submits here, so it works offline once the app is kept (a
  // results page knows no article: one file for every query). In English, once visited, like
  // Tersimpan: each app file is a line of `sw.js`, which every first visit downloads.
  { kind: 'search', path: searchPath, keep: { id: 'app', en: 'visited' } },
];

/** The browser script's entry: every page loads it, so a first visit keeps it. */
export const ENTRY = 'src/main.ts';

/** A part of the script loaded on demand (`import()`), by its source module: one chunk per language. */
export interface Part {
  readonly module: string;
  /** `used`: kept when first loaded (online), never fetched ahead; see `AppFile.onUse`. */
  readonly keep: AppKeep | 'used';
}

/** How an app file is kept. */
export type AppKeep = Extract<Keep, 'first-visit' | 'app'>;

/**
 * Every part of the script that some pages load on demand. Everything the entry imports
 * statically is in the entry's one file; a module loaded with `import()` must be listed here (the
 * build fails otherwise), so that the worker knows when to keep it.
 */
export const PARTS: readonly Part[] = [
  // The view that renders a saved article into the offline shell.
  { module: 'src/app/offline-page.ts', keep: 'first-visit' },
  // The settings form: text size on the bus.
  { module: 'src/components/warta-settings-panel.ts', keep: 'first-visit' },
  { module: 'src/components/warta-library.ts', keep: 'app' },
  // "Unduh untuk dibaca offline": loaded by Tersimpan, and on home once a worker controls the page;
  // kept when it is first loaded, never ahead of use (it needs the network to be of use).
  { module: 'src/components/warta-sync.ts', keep: 'used' },
  // "This page is the kept copy of …", loaded when the worker answered with one; and the marks of
  // a list page ("tersedia offline"), loaded on every list page a worker controls.
  { module: 'src/app/worker-notices.ts', keep: 'app' },
  // Read aloud: loaded on the first press of "Dengarkan", kept with the rest of the app.
  { module: 'src/components/warta-listen.ts', keep: 'app' },
  // Search: loaded when the header's field is first used (at once on the results page).
  { module: 'src/components/warta-search.ts', keep: 'app' },
];

/** Files every reader keeps whatever their language. */
export const SHARED: readonly { readonly url: string; readonly keep: AppKeep }[] = [
  { url: '/manifest.webmanifest', keep: 'app' },
];

/** An app file as the build resolved it from the registry. */
export interface AppFile {
  /** Its address from the site's root, starting with `/`. */
  readonly url: string;
  /** A hash of its content when its name carries none (pages, the web app manifest), else null. */
  readonly revision: string | null;
  /** The UI language whose readers keep it, or null when every reader does. */
  readonly locale: Locale | null;
  /** Whether the worker keeps it on install: what reading a saved article offline needs. */
  readonly firstVisit: boolean;
  /**
   * Kept only once a page has loaded it (the worker answers it and keeps what it fetched), never
   * with the rest of the app: a part of no use offline, which the app's cache need not hold ahead.
   */
  readonly onUse?: true;
}

/** What the build gives the worker (`__WARTA_APP__` in src/sw/sw.ts). */
export interface AppManifest {
  readonly files: readonly AppFile[];
  /**
   * The listings fetched with the rest of the app in each language (`keep: 'listing'`), by address.
   * Addresses only: their content changes with every publish, and this list must not.
   */
  readonly listings: readonly { readonly path: string; readonly locale: Locale }[];
}

/** Every file the worker keeps ahead for readers of these languages (their pages, the shared files). */
export function filesFor(files: readonly AppFile[], locales: readonly Locale[]): AppFile[] {
  return files.filter((file) => file.onUse !== true && (file.locale === null || locales.includes(file.locale)));
}

/** What a first visit keeps: only what reading a saved article offline needs, in these languages. */
export function firstVisitFiles(files: readonly AppFile[], locales: readonly Locale[]): AppFile[] {
  return filesFor(files, locales).filter((file) => file.firstVisit);
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
 * new build's version of a page never answers for the old one (and the reverse). The form is
 * Workbox's, which built the list before, so a device updating keeps what did not change.
 */
export function cacheKey(file: AppFile): string {
  return file.revision === null ? file.url : `${file.url}?__WB_REVISION__=${file.revision}`;
}

/** The app file that answers a path: `/tersimpan/` and `/tersimpan` are `/tersimpan/index.html`. */
export function fileForPath(files: readonly AppFile[], pathname: string): AppFile | undefined {
  const url = /\.[a-z0-9]+$/iu.test(pathname) ? pathname : `${pathname.replace(/\/?$/u, '/')}index.html`;
  return files.find((file) => file.url === url);
}
