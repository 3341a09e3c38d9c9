/**
 * Warta's service worker. It keeps the app (precached: shell, home, library, offline shell and
 * scripts) and never the articles: those live in IndexedDB, so the precache stays the same size
 * at any number of articles.
 *
 * Navigations go to the network first. When it fails, or is slow and the article is saved, the
 * reader gets the offline shell, which renders the saved article with the same template as the
 * prerendered page, or a friendly page listing what is saved.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { DB_NAME } from '../data/names.js';
import { articleSlugFromPath, localeOfPath, offlineShellPath } from '../routes.js';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

/** How long a saved article waits for the network before the saved copy is shown instead. */
const SAVED_TIMEOUT_MS = 3_000;
/** App pages not precached (the English ones) are kept here once visited. */
const PAGES_CACHE = 'warta-pages';
const CACHED_PAGES = /^\/en\/(?:tersimpan\/|glosarium\/)?$/u;
/** How long anything else waits: there is nothing better to show, so be patient on 2G. */
const UNSAVED_TIMEOUT_MS = 20_000;

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, {
  // `/?utm=…` is still the precached home page.
  ignoreURLParametersMatching: [/.*/u],
});

// The first visit is controlled at once, so the reader's very first article is served offline
// next time without a second visit. Activation itself waits for the reader (see below).
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  // workbox-window's messageSkipWaiting(): sent only when the reader chooses "Muat ulang".
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

registerRoute(
  new NavigationRoute(async ({ request }) => {
    const url = new URL(request.url);
    const slug = articleSlugFromPath(url.pathname);
    const network = fetch(request);
    const saved = slug === null ? false : await isSaved(slug);
    const response = await withTimeout(network, saved ? SAVED_TIMEOUT_MS : UNSAVED_TIMEOUT_MS);
    if (response !== null) {
      if (response.ok && CACHED_PAGES.test(url.pathname)) {
        const copy = response.clone();
        void caches.open(PAGES_CACHE).then((cache) => cache.put(url.pathname, copy));
      }
      return response;
    }
    const kept = CACHED_PAGES.test(url.pathname)
      ? await caches.match(url.pathname, { cacheName: PAGES_CACHE })
      : undefined;
    return kept ?? (await offlineAnswer(url.pathname, slug)) ?? Response.error();
  }),
);

/**
 * Whether IndexedDB holds the article, in plain IndexedDB: the worker needs one count, not the
 * app's data layer. Opening without a version never creates or upgrades the database.
 */
function isSaved(slug: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const open = indexedDB.open(DB_NAME);
      open.onerror = () => {
        resolve(false);
      };
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('articles')) {
          db.close();
          resolve(false);
          return;
        }
        const count = db.transaction('articles').objectStore('articles').count(slug);
        count.onsuccess = () => {
          db.close();
          resolve(count.result > 0);
        };
        count.onerror = () => {
          db.close();
          resolve(false);
        };
      };
    } catch {
      resolve(false);
    }
  });
}

/** The precached page for a path (`/tersimpan` or `/tersimpan/`), else the offline shell. */
async function offlineAnswer(pathname: string, slug: string | null): Promise<Response | undefined> {
  if (slug === null) {
    const directory = pathname.endsWith('/') ? pathname : `${pathname}/`;
    const page = await matchPrecache(`${directory}index.html`);
    if (page !== undefined) return page;
  }
  return matchPrecache(`${offlineShellPath(localeOfPath(pathname))}index.html`);
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
