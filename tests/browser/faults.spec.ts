import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { NEXT_BUILD } from './global-setup.js';
import { deploy, ownServer, readStoredArticle, waitForServiceWorker, type OwnServer } from './own-server.js';
import { ARTICLE_PATH, HEADLINE, SLUG, expectEverySeedLineOnce } from './seed.js';

const PATH = ARTICLE_PATH;

let site: OwnServer | null = null;

test.afterEach(async () => {
  await site?.stop().catch(() => undefined);
  site = null;
});

/** The page's errors: an uncaught exception or rejection in the app fails the fault test. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openAndKeep(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}${PATH}`);
  await expectArticleKept(page);
}

/** The stored record of the seed, read straight from IndexedDB, valid and complete. */
async function expectStoredSeed(page: Page): Promise<void> {
  expect(await readStoredArticle(page, SLUG)).toMatchObject({
    slug: SLUG,
    article: { slug: SLUG, title: { text: HEADLINE } },
  });
}

/** Every previously saved article is still there and still readable afterwards. */
async function expectSavedArticlesReadable(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/tersimpan/`);
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  await expectStoredSeed(page);
}

async function clearSiteData(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.detach();
}

/** A small deterministic generator (mulberry32), so the "random" faults are the same every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test.describe('the fault suite', () => {
  test('1. a connection cut during the service worker install is completed on the next visit', async ({ page }) => {
    let cutting = true;
    site = await ownServer({ fault: (url) => cutting && url.startsWith('/offline/index.html') });
    const errors = collectErrors(page);
    await openAndKeep(page, site.origin);
    const active = await page.evaluate(async () => {
      await new Promise((done) => setTimeout(done, 1_500));
      return (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none';
    });
    expect(active).toBe('none');

    cutting = false;
    await page.reload();
    await waitForServiceWorker(page);
    await site.stop();
    await page.reload();
    await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
    await site.start();
    await expectSavedArticlesReadable(page, site.origin);
    expect(errors).toEqual([]);
  });

  for (const [name, breakWorker] of [
    // The gzip copy goes too: the server would otherwise still send the old worker.
    ['missing (404)', (dir: string) => Promise.all([rm(join(dir, 'sw.js')), rm(join(dir, 'sw.js.gz'))])],
    [
      'throwing',
      (dir: string) =>
        Promise.all([writeFile(join(dir, 'sw.js'), 'throw new Error("sw.js rusak");'), rm(join(dir, 'sw.js.gz'))]),
    ],
  ] as const) {
    test(`2. a service worker that is ${name} leaves the site working online`, async ({ page }) => {
      site = await ownServer();
      await breakWorker(site.dir);
      const errors = collectErrors(page);
      await openAndKeep(page, site.origin);
      await expectEverySeedLineOnce(page);
      await page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true }).click();
      await expect(page.locator('warta-term[entry="grup-minsk"] .bubble')).toBeVisible();
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      await expectSavedArticlesReadable(page, site.origin);
      expect(errors).toEqual([]);
    });
  }

  test('4. after the browser clears site data the app starts clean and says the library is empty', async ({
    page,
    context,
  }) => {
    site = await ownServer();
    await openAndKeep(page, site.origin);
    await waitForServiceWorker(page);
    await clearSiteData(context, page, site.origin);
    await page.goto(`${site.origin}/tersimpan/`);
    await expect(
      page.getByText('Belum ada artikel tersimpan. Artikel yang Anda buka akan tersimpan otomatis.'),
    ).toBeVisible();
    await openAndKeep(page, site.origin);
    await expectSavedArticlesReadable(page, site.origin);
  });

  test('5. with 30 % of requests aborted (fixed seed) over 50 navigations, nothing hangs and nothing is lost', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    site = await ownServer();
    // Page-level routing sees every request only without a service worker in between.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await openAndKeep(page, site.origin);
    const random = seeded(20201031);
    let aborted = 0;
    await context.route('**/*', async (route) => {
      if (random() < 0.3) {
        aborted += 1;
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    const paths = ['/', PATH, '/tersimpan/', '/glosarium/', `/artikel/${SLUG}?dari=beranda`];
    let loaded = 0;
    for (let visit = 0; visit < 50; visit += 1) {
      // A tab per navigation, so one failed load cannot interrupt the next.
      const tab = await context.newPage();
      const path = paths[visit % paths.length] ?? '/';
      // Each navigation either loads or fails fast; a hang would hit this timeout and fail.
      const response = await tab.goto(`${site.origin}${path}`, { timeout: 10_000 }).catch((error: unknown) => {
        expect(String(error)).toMatch(/ERR_CONNECTION_RESET|ERR_FAILED/u);
        return null;
      });
      if (response !== null) {
        loaded += 1;
        await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
      }
      await tab.close();
    }
    expect(aborted).toBeGreaterThan(10);
    expect(loaded).toBeGreaterThan(10);
    await context.unroute('**/*');
    await expectSavedArticlesReadable(page, site.origin);
    await context.close();
  });

  test('6. when JavaScript fails to load, the article is still fully readable', async ({ page }) => {
    site = await ownServer();
    await openAndKeep(page, site.origin);
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.reload();
    await expectEverySeedLineOnce(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await expect(page.locator('section[role="doc-glossary"] dt')).toHaveCount(11);
    await page.unroute('**/assets/*.js');
    await expectSavedArticlesReadable(page, site.origin);
  });
});

test.describe('the fault suite, after a deploy', () => {
  test('3. a page that asks for a chunk removed by a deploy offers a reload, not a blank panel', async ({
    browser,
  }) => {
    site = await ownServer();
    // No service worker: otherwise it would still serve the old, precached chunk.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await openAndKeep(page, site.origin);
    const oldVersion = await page.evaluate(() => document.documentElement.dataset['wartaVersion']);
    await deploy(site, NEXT_BUILD);

    await page.getByRole('button', { name: 'Tampilan' }).click();
    const prompt = page.getByRole('region', { name: 'Pembaruan Warta' });
    await expect(prompt).toContainText('Warta sudah diperbarui, dan bagian ini perlu versi baru.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await prompt.getByRole('button', { name: 'Muat ulang' }).click();
    await page.waitForFunction((old) => document.documentElement.dataset['wartaVersion'] !== old, oldVersion);
    await page.getByRole('button', { name: 'Tampilan' }).click();
    await expect(page.getByLabel('Ukuran teks')).toBeVisible();
    await expectSavedArticlesReadable(page, site.origin);
    expect(errors).toEqual([]);
    await context.close();
  });
});

test.describe('the fault suite, a connection dropped before a part was kept', () => {
  test('3b. a part that cannot load says the connection dropped, not that Warta was updated', async ({ browser }) => {
    site = await ownServer();
    // No service worker, so nothing but the network could answer for the settings form.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await openAndKeep(page, site.origin);
    await site.stop();

    await page.getByRole('button', { name: 'Tampilan' }).click();
    const prompt = page.getByRole('region', { name: 'Pembaruan Warta' });
    await expect(prompt).toContainText('Bagian ini belum tersimpan di perangkat ini. Muat ulang setelah tersambung.');
    await expect(prompt).not.toContainText('sudah diperbarui');
    await expect(page.getByRole('banner').getByText('Offline', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await expectNoAxeViolations(page, 'a part not loaded, offline');
    expect(errors).toEqual([]);
    await context.close();
  });
});
