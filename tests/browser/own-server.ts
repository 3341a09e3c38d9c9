import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { appFilesIn } from '../../tools/budgets.js';
import { countResponses, serve, type Handler, type Sent } from '../../tools/serve.js';
import { filesFor } from '../../src/sw/app-files.js';
import { localeOfPath } from '../../src/routes.js';
import { expectArticleKept } from './fixtures.js';

/**
 * A server of a test's own, on its own port, that the test can stop: a real outage. (Browser
 * emulation does not reliably cut the service worker's own fetches.)
 */
export interface OwnServer {
  readonly origin: string;
  readonly dir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Serves a copy of the built app (or `copyOf`), so a test may also deploy a new build into it.
 * `fault` sees each request first and may cut its connection (return true), as a dropped link does.
 * `sent` hears of every response and its body size (gzip, as served).
 */
export async function ownServer(
  options: {
    copyOf?: string;
    fault?: (url: string) => boolean;
    sent?: (response: Sent) => void;
    /** Wraps the site's handler first (to slow some responses down, say). */
    wrap?: (handler: Handler) => Handler;
  } = {},
): Promise<OwnServer> {
  const dir = await mkdtemp(join(tmpdir(), 'warta-site-'));
  await cp(resolve(options.copyOf ?? 'dist'), dir, { recursive: true });
  const { fault, sent } = options;
  const wrap = (site: Handler): Handler => {
    const handler = options.wrap === undefined ? site : options.wrap(site);
    const counted = sent === undefined ? handler : countResponses(sent)(handler);
    return (req, res) => {
      if (fault?.(req.url ?? '/') === true) req.socket.destroy();
      else counted(req, res);
    };
  };
  let server = await serve({ dir, port: 0, wrap });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://localhost:${port}`,
    dir,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
    },
    async start() {
      server = await serve({ dir, port, wrap });
    },
  };
}

/** Replaces the served files with another build, as a deploy would. */
export async function deploy(site: OwnServer, build: string): Promise<void> {
  // Over the old files first, then the old-only ones removed: a request the browser makes during
  // the deploy (the manifest, say) never finds its file gone and fails the server with ENOENT.
  await cp(resolve(build), site.dir, { recursive: true, force: true });
  const wanted = new Set(await readdir(resolve(build), { recursive: true }));
  for (const path of await readdir(site.dir, { recursive: true })) {
    if (!wanted.has(path)) await rm(join(site.dir, path), { recursive: true, force: true });
  }
}

/**
 * Waits until a service worker controls the page. `navigator.serviceWorker.ready` never settles
 * when registration fails, so it is raced against a timeout and the failure is reported.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const controlled = await page.evaluate(async () => {
    const ready = navigator.serviceWorker.ready.then(() => true);
    const timeout = new Promise<boolean>((done) =>
      setTimeout(() => {
        done(false);
      }, 15_000),
    );
    if (!(await Promise.race([ready, timeout]))) return false;
    if (navigator.serviceWorker.controller !== null) return true;
    return Promise.race([
      new Promise<boolean>((done) => {
        navigator.serviceWorker.addEventListener(
          'controllerchange',
          () => {
            done(true);
          },
          { once: true },
        );
      }),
      timeout,
    ]);
  });
  if (!controlled) throw new Error('no service worker took control of the page within 15 s');
}

/** The text of the one live region, as a screen reader would last have heard it. */
export async function lastAnnouncement(page: Page): Promise<string> {
  return (await page.locator('#pengumuman').textContent()) ?? '';
}

/**
 * Records every text the live region is given, from the page's start, so a test can count
 * announcements (a flapping connection must not be announced again and again).
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { __announcements: string[] }).__announcements = heard;
    const watch = (): void => {
      const region = document.getElementById('pengumuman');
      if (region === null) return;
      new MutationObserver(() => {
        const text = region.textContent.trim();
        if (text !== '') heard.push(text);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    };
    document.addEventListener('DOMContentLoaded', watch);
  });
}

export async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __announcements?: string[] }).__announcements ?? []);
}

/**
 * Opens an article on a site and waits until a service worker controls the page and the
 * article is kept on the device: the state every offline test starts from.
 */
export async function visitAndKeep(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForServiceWorker(page);
  await expectArticleKept(page);
}

/**
 * Serves an article page as a dropped connection leaves it: cut off before the JSON at its end,
 * so the app has to fetch the article to keep it.
 */
export async function cutPageBeforeItsData(page: Page, path: string): Promise<void> {
  await page.route(`**${path}`, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const headers = Object.fromEntries(
      Object.entries(response.headers()).filter(([name]) => !/^content-(?:encoding|length)$/u.test(name)),
    );
    await route.fulfill({ status: 200, headers, body: html.slice(0, html.indexOf('<script type="application/json"')) });
  });
}

/** The paths of the app files the service worker keeps (its cache keys, without revisions). */
export function keptAppFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await caches.has('warta-app'))) return [];
    const cache = await caches.open('warta-app');
    const paths = (await cache.keys()).map((request) => new URL(request.url).pathname);
    // The worker's own record of which languages it keeps whole is not an app file.
    return paths.filter((path) => !path.startsWith('/__warta/'));
  });
}

/**
 * Views the page again: a page the worker served asks it to keep the rest of the app. Waits
 * until every app file of the page's language is kept (home, Tersimpan, Glosarium and the other
 * parts).
 */
export async function viewAgainAndKeepTheApp(page: Page): Promise<void> {
  await page.reload();
  const wanted = filesFor(appFilesIn('dist'), [localeOfPath(new URL(page.url()).pathname)]).map((file) => file.url);
  await expect.poll(() => keptAppFiles(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(wanted));
}

/** A glossary entry as the device keeps it (IndexedDB `glossary`, by language and id), or undefined. */
export function readKeptGlossaryEntry(page: Page, lang: 'id' | 'en', id: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise<unknown>((done) => {
        const open = indexedDB.open('warta');
        open.onsuccess = () => {
          const get = open.result.transaction('glossary').objectStore('glossary').get(key);
          get.onsuccess = () => {
            open.result.close();
            done(get.result);
          };
        };
      }),
    [lang, id],
  );
}

/** An article's record, read straight from IndexedDB (null when there is none). */
export function readStoredArticle(page: Page, slug: string): Promise<unknown> {
  return page.evaluate(storedArticleRecord, slug);
}

/**
 * Runs in the page: the article's record in IndexedDB, or null. A database the app has not made
 * yet is left unmade (the upgrade is aborted), so asking early cannot give the app an empty one.
 */
export function storedArticleRecord(slug: string): Promise<unknown> {
  return new Promise<unknown>((done) => {
    const open = indexedDB.open('warta');
    open.onupgradeneeded = () => {
      open.transaction?.abort();
    };
    open.onerror = () => {
      done(null);
    };
    open.onsuccess = () => {
      const get = open.result.transaction('articles').objectStore('articles').get(slug);
      get.onsuccess = () => {
        open.result.close();
        done(get.result ?? null);
      };
    };
  });
}

/**
 * Runs in the page: the slugs of the stored articles (none when the app has made no database yet,
 * which is left unmade, as `storedArticleRecord` leaves it).
 */
export function storedArticleSlugs(): Promise<string[]> {
  return new Promise<string[]>((done) => {
    const open = indexedDB.open('warta');
    open.onupgradeneeded = () => {
      open.transaction?.abort();
    };
    open.onerror = () => {
      done([]);
    };
    open.onsuccess = () => {
      const keys = open.result.transaction('articles').objectStore('articles').getAllKeys();
      keys.onsuccess = () => {
        open.result.close();
        done(keys.result.map(String));
      };
    };
  });
}

/**
 * Opens Warta's database at `version` from the page, as a newer Warta in another tab would:
 * "upgraded" when every older connection (other tabs, the service worker) gave way, "blocked"
 * when one held on.
 */
export function openAsNewerVersion(page: Page, version: number): Promise<string> {
  return page.evaluate(
    (wanted) =>
      new Promise<string>((done) => {
        const open = indexedDB.open('warta', wanted);
        open.onblocked = () => {
          done('blocked');
        };
        open.onsuccess = () => {
          open.result.close();
          done('upgraded');
        };
        open.onerror = () => {
          done(`error: ${open.error?.name ?? ''}`);
        };
      }),
    version,
  );
}
