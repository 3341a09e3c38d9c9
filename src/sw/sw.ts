/**
 * Warta's service worker. It keeps the app and never the articles: those live in IndexedDB, so
 * the app's cache stays the same size at any number of articles.
 *
 * The app is kept in two steps (src/sw/app-files.ts says which files): a first visit installs only
 * what reading a saved article offline needs; a later page view asks for the rest. Once a device
 * has the whole app, each new version installs whole. The build (tools/build.ts) resolves the
 * registry into the list of app files, each with its language and revision, and puts it in this
 * script as `__WARTA_APP__`; no Workbox runtime is bundled, because its precaching and routing
 * cost more bytes than the rest of this worker and a first visit has 40 KB for everything
 * (issue 6; docs/ARCHITECTURE.md).
 *
 * Navigations go to the network first. When it fails, or is slow and the article is saved, the
 * reader gets the offline shell, which renders the saved article with the same template as the
 * prerendered page, or a friendly page listing what is saved. Every other page (home, the
 * archive, Glosarium: lists that each publish changes) is kept as last fetched, and that copy
 * answers when the network does not, within a short wait; the page is told how old it is.
 */
import { openWartaDatabase } from '../data/schema.js';
import { backgroundSync, SYNC_TAG } from './background-sync.js';
import { articleSlugFromPath, localeOfPath, offlineShellPath, type Locale } from '../routes.js';
import {
  cacheKey,
  fileForPath,
  filesFor,
  firstVisitFiles,
  inKeepOrder,
  type AppFile,
  type AppManifest,
} from './app-files.js';

declare const self: ServiceWorkerGlobalScope;
/**
 * Whether this worker carries its share of sync: always in `sw.js`; the build also makes one
 * without, only to measure what sync adds to a first visit (tools/budgets.ts).
 */
declare const __WARTA_SYNC__: boolean;
/** The app files and the pages kept once visited: a constant the build defines (tools/service-worker.ts). */
declare const __WARTA_APP__: AppManifest;

const { files: FILES, listings: LISTINGS } = __WARTA_APP__;
/** The app's files, each under its cache key (address plus revision). */
const APP_CACHE = 'warta-app';
/** A record in APP_CACHE: the UI languages whose whole app this device keeps. */
const KEPT_RECORD = '/__warta/kept-languages';
/** How long a saved article or a kept page waits for the network before the kept copy is shown instead. */
const SAVED_TIMEOUT_MS = 3_000;
/** How long anything else waits: there is nothing better to show, so be patient on 2G. */
const UNSAVED_TIMEOUT_MS = 20_000;
/** The last copy of each page that is neither an article nor an app file (home, archive pages, Glosarium…). */
const PAGES_CACHE = 'warta-pages';
/** How many such pages are kept: the most recently fetched. */
const PAGES_KEPT = 40;
/** The pages answered from a kept copy, by the window they opened in, and when the copy was fetched. */
const answeredKept = new Map<string, number>();

self.addEventListener('install', (event) => {
  // Sync's requests (the change log, its packs, the glossary) need nothing of this worker: where
  // the browser can, they go straight to the network, not through a worker that may first have
  // to start (tens of ms on each of a sync's two round trips). Chromium only, so far.
  if (__WARTA_SYNC__) {
    (event as ExtendableEvent & { addRoutes?: (rules: unknown) => Promise<void> })
      .addRoutes?.([
        { condition: { urlPattern: { pathname: '/perubahan/*' } }, source: 'network' },
        { condition: { urlPattern: { pathname: '/articles/*' } }, source: 'network' },
      ])
      .catch(() => undefined);
  }
  event.waitUntil(install());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return;
  const { type, locale, keep } = data as { type?: unknown; locale?: unknown; keep?: unknown };
  // Sent by src/app/updates.ts only when the reader chooses "Muat ulang".
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // A sync run by a page changed articles other pages may show: tell every window (and a page
  // that shows one of them offers the new version, or says it was withdrawn).
  if (type === 'REFRESHED' || type === 'WITHDRAWN') event.waitUntil(tellWindows(data));
  if (type !== 'LOADED') return;
  // Sent by every page this worker served, once loaded: the reader came back, so keep the rest
  // of the app (unless Save-Data), and say whether the page was a kept copy, and of when.
  if (locale !== 'id' && locale !== 'en') return;
  if (keep === true) event.waitUntil(keepApp(locale));
  // The reader opened the app: the moment a sync may run where Background Sync does not.
  if (__WARTA_SYNC__) event.waitUntil(backgroundSync('opened', locale));
  const source = event.source;
  const keptAt = source instanceof Client ? answeredKept.get(source.id) : undefined;
  if (source instanceof Client && keptAt !== undefined) {
    answeredKept.delete(source.id);
    source.postMessage({ type: 'KEPT_AT', keptAt });
  }
});

// Background Sync: Chromium only; Firefox and Safari sync when the app is opened.
if (__WARTA_SYNC__) {
  self.addEventListener('sync', (event) => {
    if (event.tag === SYNC_TAG) event.waitUntil(syncIn('asked'));
  });
  self.addEventListener('periodicsync', (event) => {
    if (event.tag === SYNC_TAG) event.waitUntil(syncIn('periodic'));
  });
}

/** A background sync keeps the glossary in the language the reader keeps the app in. */
async function syncIn(how: 'periodic' | 'asked'): Promise<void> {
  await backgroundSync(how, (await keptLanguages())[0] ?? 'id');
}

async function tellWindows(message: unknown): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event, url));
    return;
  }
  const file = fileForPath(FILES, url.pathname);
  if (file !== undefined) event.respondWith(appFile(event, file));
});

/**
 * A device that already keeps the whole app gets the whole new version; a first visit keeps only
 * what reading offline needs, in the language of the page that registered the worker.
 */
async function install(): Promise<void> {
  const languages = await keptLanguages();
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const readers = windows.map((client) => localeOfPath(new URL(client.url).pathname));
  const whole = languages.length > 0 ? filesFor(FILES, languages) : [];
  await keep(inKeepOrder([...new Set([...whole, ...firstVisitFiles(FILES, readers.length > 0 ? readers : ['id'])])]));
}

async function activate(): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  const current = new Set([...FILES.map(cacheKey), KEPT_RECORD].map((key) => new URL(key, location.origin).href));
  for (const request of await cache.keys()) {
    if (!current.has(request.url)) await cache.delete(request);
  }
  // Pages kept by the old version point at its scripts, which this version's deploy removed:
  // they are kept again, from this version, on the next visit online. Earlier versions of this
  // worker kept the app in Workbox's precache; nothing reads it now.
  for (const name of await caches.keys()) {
    if (name === PAGES_CACHE || name.startsWith('workbox-precache')) await caches.delete(name);
  }
  // The first visit is controlled at once, so the reader's very first article is served offline
  // next time without a second visit. Activation itself waits for the reader (SKIP_WAITING).
  await self.clients.claim();
}

/** Fetches the files not yet kept, one at a time (a 2G link gains nothing from parallel requests). */
async function keep(files: readonly AppFile[]): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  for (const file of files) {
    const key = cacheKey(file);
    if ((await cache.match(key)) !== undefined) continue;
    // A name without a hash is fetched past the HTTP cache: its revision says which copy is wanted.
    const response = await fetch(file.url, {
      cache: file.revision === null ? 'default' : 'reload',
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${file.url} answered ${String(response.status)}`);
    await cache.put(key, await navigable(response));
  }
}

const keeping = new Map<Locale, Promise<void>>();

/**
 * The rest of the app in one language, and a first copy of its listings (home, Glosarium) so they
 * open offline; a dropped connection leaves what is missing for the next page view.
 */
function keepApp(locale: Locale): Promise<void> {
  let job = keeping.get(locale);
  if (job === undefined) {
    job = keep(inKeepOrder(filesFor(FILES, [locale])))
      .then(async () => {
        for (const { path } of LISTINGS.filter((listing) => listing.locale === locale)) {
          if ((await caches.match(path, { cacheName: PAGES_CACHE })) !== undefined) continue;
          const response = await fetch(path, { credentials: 'same-origin' });
          if (response.ok) await keepPage(path, response);
        }
        const languages = await keptLanguages();
        if (languages.includes(locale)) return;
        const cache = await caches.open(APP_CACHE);
        await cache.put(KEPT_RECORD, new Response(JSON.stringify([...languages, locale])));
      })
      .catch(() => undefined)
      .finally(() => keeping.delete(locale));
    keeping.set(locale, job);
  }
  return job;
}

async function keptLanguages(): Promise<Locale[]> {
  const record = await caches.match(KEPT_RECORD, { cacheName: APP_CACHE });
  const value: unknown = await record?.json().catch(() => null);
  return Array.isArray(value) ? value.filter((item): item is Locale => item === 'id' || item === 'en') : [];
}

function kept(file: AppFile | undefined): Promise<Response | undefined> {
  return file === undefined ? Promise.resolve(undefined) : caches.match(cacheKey(file), { cacheName: APP_CACHE });
}

/** An app file from the cache; one not kept yet comes from the network, and a hashed one is kept. */
async function appFile(event: FetchEvent, file: AppFile): Promise<Response> {
  const cached = await kept(file);
  if (cached !== undefined) return cached;
  const response = await fetch(event.request);
  // A hashed name always holds the same bytes, so it is safe to keep whatever version is asking.
  if (response.ok && file.revision === null) {
    const copy = response.clone();
    event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.put(cacheKey(file), copy)));
  }
  return response;
}

async function navigate(event: FetchEvent, url: URL): Promise<Response> {
  // Tersimpan and the offline shell, once kept, answer at once (`/?utm=…` too): a new version of
  // them comes with a new worker.
  const appPage = url.pathname.endsWith('/') ? fileForPath(FILES, url.pathname) : undefined;
  const page = await kept(appPage);
  if (page !== undefined) return page;
  const slug = articleSlugFromPath(url.pathname);
  // Any other page but an article (articles are kept in IndexedDB): home, the archive, Glosarium.
  const listed = slug === null && appPage === undefined && url.pathname.endsWith('/');
  const network = fetch(event.request);
  if (listed) {
    // Kept as it arrives, even after the kept copy has answered: the next visit gets it fresh.
    event.waitUntil(
      network
        .then((response) => (response.ok ? keepPage(url.pathname, response.clone()) : undefined))
        .catch(() => undefined),
    );
  }
  const keptPage = listed ? await caches.match(url.pathname, { cacheName: PAGES_CACHE }) : undefined;
  const saved = keptPage !== undefined || (slug !== null && (await isSaved(slug)));
  const response = await withTimeout(network, saved ? SAVED_TIMEOUT_MS : UNSAVED_TIMEOUT_MS);
  if (response !== null) return response;
  if (keptPage !== undefined) {
    // When the server sent it, by its own clock: a device clock that is off does not matter.
    const keptAt = Date.parse(keptPage.headers.get('date') ?? '');
    if (keptAt > 0) answeredKept.set(event.resultingClientId, keptAt);
    return keptPage;
  }
  return (await offlineAnswer(url.pathname, slug)) ?? Response.error();
}

/** Keeps the last copy of a page (its `date` header says when); only the most recent PAGES_KEPT stay. */
async function keepPage(path: string, response: Response): Promise<void> {
  const cache = await caches.open(PAGES_CACHE);
  // Deleted first, so that keys list it last: they come in the order they were put, oldest first.
  await cache.delete(path);
  await cache.put(path, await navigable(response));
  for (const old of (await cache.keys()).slice(0, -PAGES_KEPT)) await cache.delete(old);
}

/**
 * The kept page for a path (`/tersimpan` or `/tersimpan/`), else the offline shell in the page's
 * language, else in the other one (a reader who changed language before the app was kept whole).
 */
async function offlineAnswer(pathname: string, slug: string | null): Promise<Response | undefined> {
  const page = slug === null ? await kept(fileForPath(FILES, pathname)) : undefined;
  const locale = localeOfPath(pathname);
  const other: Locale = locale === 'en' ? 'id' : 'en';
  return (
    page ??
    (await kept(fileForPath(FILES, offlineShellPath(locale)))) ??
    (await kept(fileForPath(FILES, offlineShellPath(other))))
  );
}

/**
 * Whether IndexedDB holds the article. The worker opens the one database as the page does
 * (src/data/schema.ts: same version, same upgrades), so it cannot create an empty database the
 * page would not upgrade, and its connection gives way to a newer page. One count, then closed.
 * Any storage failure means "not saved": the network is then awaited patiently.
 */
async function isSaved(slug: string): Promise<boolean> {
  try {
    const db = await openWartaDatabase();
    try {
      const count = db.transaction('articles').objectStore('articles').count(slug);
      return await new Promise<boolean>((resolve) => {
        count.onsuccess = () => {
          resolve(count.result > 0);
        };
        count.onerror = () => {
          resolve(false);
        };
      });
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** The response, or null when the network fails or takes longer than `ms`. */
async function withTimeout(response: Promise<Response>, ms: number): Promise<Response | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null);
    }, ms);
  });
  try {
    return await Promise.race([response.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A redirected response cannot answer a navigation (a host that sends `/offline/index.html` on
 * to `/offline/`, say), so it is kept as a plain copy.
 */
async function navigable(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
