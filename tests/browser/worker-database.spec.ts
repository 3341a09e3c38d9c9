import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { DB_VERSION } from '../../src/data/schema.js';
import { VIEWS } from '../../src/sw/app-files.js';
import { NEXT_BUILD } from './global-setup.js';
import {
  deploy,
  ownServer,
  readStoredArticle,
  visitAndKeep,
  waitForServiceWorker,
  type OwnServer,
  openAsNewerVersion,
} from './own-server.js';

const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';

let site: OwnServer;

test.beforeEach(async () => {
  site = await ownServer();
});

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

/** The database as the browser holds it: its version and stores (null when there is none). */
function databaseShape(page: Page): Promise<{ version: number; stores: string[] } | null> {
  return page.evaluate(async () => {
    const known = await indexedDB.databases();
    const info = known.find((database) => database.name === 'warta');
    if (info === undefined) return null;
    return new Promise((done) => {
      const open = indexedDB.open('warta');
      open.onsuccess = () => {
        const shape = { version: open.result.version, stores: [...open.result.objectStoreNames].sort() };
        open.result.close();
        done(shape);
      };
      open.onerror = () => {
        done(null);
      };
    });
  });
}

/** Clears the site's IndexedDB only, as a browser's "clear site data" for storage may: the worker stays. */
async function clearIndexedDb(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Storage.clearDataForOrigin', { origin: site.origin, storageTypes: 'indexeddb' });
  await session.detach();
}

test.describe('the service worker and the database', () => {
  test('never creates an empty database: an article opened after storage was cleared is kept again', async ({
    page,
  }) => {
    await visitAndKeep(page, `${site.origin}/artikel/${SLUG}/`);
    await clearIndexedDb(page);
    // The worker answers this navigation and looks the article up first, before the page opens
    // the database: it must create the database with the app's schema, or not at all.
    await page.goto(`${site.origin}/artikel/${SLUG}/`);
    await expect.poll(() => readStoredArticle(page, SLUG), { timeout: 10_000 }).not.toBeNull();
    // The schema the page and the worker share, whole: not an empty database of version 1.
    expect(await databaseShape(page)).toEqual({
      version: DB_VERSION,
      stores: expect.arrayContaining(['articles', 'glossary', 'positions', 'settings']) as unknown as string[],
    });
  });

  test('lets a newer version of the page upgrade the database the worker uses', async ({ page }) => {
    await visitAndKeep(page, `${site.origin}/artikel/${SLUG}/`);
    // A navigation the worker answers makes it open its connection to the database.
    await page.reload();
    const outcome = await openAsNewerVersion(page, 99);
    expect(outcome).toBe('upgraded');
  });
});

test.describe('an update of the service worker', () => {
  test.use({ locale: 'en-US' });

  test('drops the pages the old version kept, so none points at scripts the new version deleted', async ({ page }) => {
    await page.goto(`${site.origin}/en/artikel/${SLUG}/`);
    await waitForServiceWorker(page);
    await expect.poll(() => readStoredArticle(page, SLUG)).not.toBeNull();
    // The English listings are not app files: the worker keeps a first copy of each once it has
    // kept the app in English, and the home again when it is visited. Waiting for all of them
    // means the old worker has finished keeping before the new one arrives.
    await page.goto(`${site.origin}/en/`);
    const listings = VIEWS.filter((view) => view.keep.en === 'listing').map((view) => view.path('en'));
    expect(listings).toContain('/en/');
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await caches.open('warta-pages')).keys()).map((request) => new URL(request.url).pathname).sort(),
        ),
      )
      .toEqual(listings.sort());

    await deploy(site, NEXT_BUILD);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
      const waiting = registration?.waiting ?? registration?.installing;
      if (waiting === null || waiting === undefined) throw new Error('no new worker');
      // Activated, not merely in control: a page changes controller as the new worker starts
      // activating, before its activate step (which drops the kept pages) has run.
      await new Promise<void>((done) => {
        waiting.addEventListener('statechange', () => {
          if (waiting.state === 'installed') waiting.postMessage({ type: 'SKIP_WAITING' });
          if (waiting.state === 'activated') done();
        });
        if (waiting.state === 'installed') waiting.postMessage({ type: 'SKIP_WAITING' });
      });
    });

    expect(
      await page.evaluate(async () => (await (await caches.open('warta-pages')).keys()).length),
      'pages kept by the old version',
    ).toBe(0);

    await site.stop();
    await page.goto(`${site.origin}/en/`);
    // The page shown offline runs the new version's script: nothing the old version left behind.
    await expect(page.locator('html')).toHaveAttribute('data-warta-version', 'berikutnya');
  });
});
