import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { filesFor } from '../../src/sw/app-files.js';
import { appFilesIn } from '../../tools/budgets.js';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.js';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { NEXT_BUILD } from './global-setup.js';
import {
  announcements,
  cutPageBeforeItsData,
  deploy,
  keptAppFiles,
  ownServer,
  readKeptGlossaryEntry,
  readStoredArticle,
  recordAnnouncements,
  viewAgainAndKeepTheApp,
  visitAndKeep,
  type OwnServer,
} from './own-server.js';

const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
const PATH = `/artikel/${SLUG}/`;
const HEADLINE = 'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh';
const LAST_PARAGRAPH = /mendekati 5\.000\.$/u;

let site: OwnServer;

test.beforeEach(async () => {
  site = await ownServer();
});

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

/** Opens the article online and waits until the app, the worker and the saved copy are in place. */
async function firstVisit(page: Page): Promise<void> {
  await visitAndKeep(page, `${site.origin}${PATH}`);
}

async function expectSavedArticle(page: Page): Promise<void> {
  await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.locator('.stored-notice')).toContainText('Dibaca dari simpanan perangkat, disimpan');
  await expect(page.locator('article > p[lang="id"]').last()).toHaveText(LAST_PARAGRAPH);
  await expect(page.getByRole('region', { name: 'Dari situs penerbit' })).toBeVisible();
}

test.describe('reading offline', () => {
  test('reads a once-opened article again with the server gone: reload, new tab, deep links', async ({
    page,
    context,
  }) => {
    await firstVisit(page);
    await site.stop();

    await page.reload();
    await expectSavedArticle(page);
    await expect(page.getByRole('banner').getByText('Offline', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'offline, saved article');

    const tab = await context.newPage();
    await tab.goto(`${site.origin}/artikel/${SLUG}?utm_source=wa`);
    await expectSavedArticle(tab);
    expect(new URL(tab.url()).pathname).toBe(PATH);
    expect(new URL(tab.url()).search).toBe('?utm_source=wa');
    await tab.goto(`${site.origin}${PATH}?dari=beranda#judul`);
    await expectSavedArticle(tab);
  });

  test('reads it after the browser itself restarts (cold start)', async ({ playwright }) => {
    const profile = await mkdtemp(join(tmpdir(), 'warta-profile-'));
    const launch = () =>
      playwright.chromium.launchPersistentContext(profile, {
        executablePath: findChromium(),
        args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      });
    let browser = await launch();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await firstVisit(page);
    await browser.close();
    await site.stop();

    browser = await launch();
    const cold = browser.pages()[0] ?? (await browser.newPage());
    await cold.goto(`${site.origin}${PATH}`);
    await expectSavedArticle(cold);
    await browser.close();
  });

  test('explains an article never opened on this device and lists what can be read', async ({ page }) => {
    await firstVisit(page);
    await site.stop();
    await page.goto(`${site.origin}/artikel/belum-pernah-dibuka/`);
    await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'not-kept');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artikel ini belum tersimpan di perangkat ini');
    await expect(page.getByRole('button', { name: 'Coba lagi' })).toBeVisible();
    const saved = page.getByRole('main').getByRole('link', { name: HEADLINE });
    await expect(saved).toHaveAttribute('href', PATH);
    await expectNoAxeViolations(page, 'offline, friendly page');
    await saved.click();
    await expectSavedArticle(page);
  });

  test('after a single visit, a page not kept yet says so offline and lists what can be read', async ({ page }) => {
    await firstVisit(page);
    await site.stop();
    await page.goto(`${site.origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman ini belum tersimpan di perangkat ini');
    await expect(page.getByRole('main').getByRole('link', { name: HEADLINE })).toHaveAttribute('href', PATH);
    await expectNoAxeViolations(page, 'offline, page not kept yet');
  });

  test('after a second page view, opens the home page and the saved list with the server gone', async ({ page }) => {
    await firstVisit(page);
    await viewAgainAndKeepTheApp(page);
    await site.stop();
    await page.goto(`${site.origin}/?utm_source=wa`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artikel');
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('link', { name: 'Tersimpan' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tersimpan');
    await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  });

  test('offers a newer version of the open article when the connection returns, without swapping the text', async ({
    page,
  }) => {
    await firstVisit(page);
    await site.stop();
    await page.reload();
    await expectSavedArticle(page);

    await deploy(site, NEXT_BUILD);
    await site.start();
    // The browser fires "online" when its connection returns; here only the server came back.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const view = page.locator('#tampilan-offline');
    await expect(view).toHaveAttribute('data-state', 'newer', { timeout: 10_000 });
    const show = page.getByRole('button', { name: 'Versi baru tersedia — tampilkan' });
    await expect(show).toBeVisible();
    await expect(page.locator('article > p[lang="id"]').last()).toHaveText(LAST_PARAGRAPH);
    await show.click();
    await expect(view).toHaveAttribute('data-state', 'kept');
    await expect(page.locator('article > p[lang="id"]').last()).toHaveText(/mendekati 5\.000 orang \(diperbarui\)\.$/u);
  });
});

test.describe('keeping an article', () => {
  test('keeps an article from its own page: no second request for it', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/articles/')) asked.push(request.url());
    });
    await firstVisit(page);
    const stored = (await readStoredArticle(page, SLUG)) as { hash?: string } | null;
    const carried = JSON.parse((await page.locator('#data-artikel').textContent()) ?? '') as {
      article: { hash: string };
    };
    expect(stored?.hash).toBe(carried.article.hash);
    expect(asked).toEqual([]);
  });
});

test.describe('a flaky network', () => {
  test('keeps the page when the saved copy cannot be fetched, says so, and saves it once the network is back', async ({
    page,
  }) => {
    await cutPageBeforeItsData(page, PATH);
    await page.route('**/articles/*.json', (route) => route.abort('internetdisconnected'));
    await page.goto(`${site.origin}${PATH}`);
    await expect(page.getByText('Belum tersimpan: jaringan terputus. Dicoba lagi saat tersambung.')).toBeVisible();
    await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', 'not-yet');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await page.unroute('**/articles/*.json');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expectArticleKept(page, { timeout: 10_000 });
  });

  test('pins an article asked to be kept while it could not be fetched, as soon as the network lets it be kept', async ({
    page,
  }) => {
    await recordAnnouncements(page);
    await cutPageBeforeItsData(page, PATH);
    await page.route('**/articles/*.json', (route) => route.abort('internetdisconnected'));
    await page.goto(`${site.origin}${PATH}`);
    const tools = page.locator('warta-article-tools');
    await expect(tools).toHaveAttribute('data-state', 'not-yet');
    const pin = tools.getByRole('button', { name: /^Simpan untuk dibaca offline/u });
    await pin.click();
    // Said, and shown, rather than nothing happening: the press is remembered.
    await expect(tools).toContainText('Akan disimpan untuk dibaca offline begitu bisa diunduh.');
    await expect.poll(() => announcements(page)).toContain('Akan disimpan untuk dibaca offline begitu bisa diunduh.');
    await expect(tools).toHaveAttribute('data-state', 'not-yet');
    await expect(pin).toHaveAttribute('aria-pressed', 'false');
    await expectNoAxeViolations(page, 'pin asked while the article cannot be fetched');
    await page.unroute('**/articles/*.json');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(tools).toHaveAttribute('data-state', 'pinned', { timeout: 10_000 });
    await expect(pin).toHaveAttribute('aria-pressed', 'true');
    expect(((await readStoredArticle(page, SLUG)) as { pinned?: boolean } | null)?.pinned).toBe(true);
    await expect.poll(() => announcements(page)).toContain('Tersimpan untuk dibaca offline.');
  });

  test('keeps the glossary entries with an article fetched because its page arrived cut short', async ({ page }) => {
    await cutPageBeforeItsData(page, PATH);
    await page.goto(`${site.origin}${PATH}`);
    await expectArticleKept(page, { timeout: 10_000 });
    // The article's JSON names its entries by id; their words came from the glossary's own file.
    expect(await readKeptGlossaryEntry(page, 'id', 'grup-minsk')).toMatchObject({
      lang: 'id',
      id: 'grup-minsk',
      term: 'Grup Minsk',
    });
  });

  test('gives up on a stalled response with a clear notice instead of hanging', async ({ page }) => {
    await page.clock.install();
    let asked: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => {
      asked = resolve;
    });
    await cutPageBeforeItsData(page, PATH);
    await page.route('**/articles/*.json', () => {
      // Never answered: the request stalls.
      asked();
    });
    await page.goto(`${site.origin}${PATH}`);
    await expect(page.getByRole('button', { name: /Simpan untuk dibaca offline/u })).toBeVisible();
    // Fast-forward only once the request (and so its timeout) has started.
    await requested;
    await page.clock.fastForward(13_000);
    await expect(page.getByText('Belum tersimpan: jaringan terlalu lambat. Dicoba lagi nanti.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  });

  test('refuses a truncated copy and keeps showing the page', async ({ page, request }) => {
    const body = await (await request.get(`${site.origin}/articles/${SLUG}.json`)).text();
    await cutPageBeforeItsData(page, PATH);
    await page.route('**/articles/*.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: body.slice(0, body.length / 2) }),
    );
    await page.goto(`${site.origin}${PATH}`);
    await expect(
      page.getByText('Belum tersimpan: salinan dari server rusak atau tidak lengkap. Dicoba lagi nanti.'),
    ).toBeVisible();
    await expect(page.locator('article > p[lang="id"]').last()).toHaveText(LAST_PARAGRAPH);
  });

  test('announces a flapping connection once, not at every flap', async ({ page, context }) => {
    await recordAnnouncements(page);
    await firstVisit(page);
    for (let flap = 0; flap < 4; flap += 1) {
      await context.setOffline(true);
      await page.waitForTimeout(200);
      await context.setOffline(false);
      await page.waitForTimeout(200);
    }
    await context.setOffline(true);
    const status = page.getByRole('banner').getByText('Offline', { exact: true });
    await expect(status).toBeVisible({ timeout: 5_000 });
    await page.waitForTimeout(2_500);
    expect((await announcements(page)).filter((text) => text.startsWith('Sedang offline'))).toHaveLength(1);
    await context.setOffline(false);
    await expect(status).toBeHidden({ timeout: 10_000 });
    await expect
      .poll(async () => (await announcements(page)).filter((text) => text === 'Kembali online.'))
      .toHaveLength(1);
  });
});

/** Deploys the next build under the open page, checks for it, and returns the update prompt once shown. */
async function deployAndWaitForPrompt(page: Page): Promise<Locator> {
  await deploy(site, NEXT_BUILD);
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  const prompt = page.getByRole('region', { name: 'Pembaruan Warta' });
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  return prompt;
}

test.describe('updates', () => {
  test('offers a new build without reloading, and after "Muat ulang" runs it with the saved article kept', async ({
    page,
  }) => {
    await firstVisit(page);
    await page.evaluate(() => {
      (window as unknown as { __stillHere: boolean }).__stillHere = true;
      window.scrollTo(0, 400);
    });
    const prompt = await deployAndWaitForPrompt(page);
    await expect(prompt).toContainText('Versi baru Warta siap.');
    await expectNoAxeViolations(page, 'update waiting');
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);

    await prompt.getByRole('button', { name: 'Muat ulang' }).click();
    await page.waitForFunction(() => document.documentElement.dataset['wartaVersion'] === 'berikutnya');
    expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBeUndefined();
    expect(await page.evaluate(() => window.scrollY)).toBe(400);
    await page.goto(`${site.origin}/tersimpan/`);
    await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  });

  test('gives a device that keeps the whole app the whole new version, and clears the old one', async ({ page }) => {
    await firstVisit(page);
    await viewAgainAndKeepTheApp(page);
    const prompt = await deployAndWaitForPrompt(page);
    await prompt.getByRole('button', { name: 'Muat ulang' }).click();
    await page.waitForFunction(() => document.documentElement.dataset['wartaVersion'] === 'berikutnya');

    const next = filesFor(appFilesIn(NEXT_BUILD), ['id']).map((file) => file.url);
    expect((await keptAppFiles(page)).sort()).toEqual(next.sort());
    // Glosarium is a listing: the new worker dropped the old version's copy (it pointed at the old
    // scripts) and keeps a new one once the reloaded page has loaded.
    await expect
      .poll(() => page.evaluate(async () => (await caches.open('warta-pages')).match('/glosarium/').then(Boolean)), {
        timeout: 15_000,
      })
      .toBe(true);
    await site.stop();
    await page.goto(`${site.origin}/glosarium/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glosarium');
    expect(await page.evaluate(() => document.documentElement.dataset['wartaVersion'])).toBe('berikutnya');
  });

  test('lets the reader put an update off with "Nanti"', async ({ page }) => {
    await firstVisit(page);
    const prompt = await deployAndWaitForPrompt(page);
    await prompt.getByRole('button', { name: 'Nanti' }).click();
    await expect(prompt).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.dataset['wartaVersion'])).not.toBe('berikutnya');
  });
});
