import type { Page } from '@playwright/test';
import type { PublishedArticle } from '../../src/content/types.js';
import { searchCorpus } from '../unit/search-corpus.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { announcements, ownServer, recordAnnouncements, viewAgainAndKeepTheApp, visitAndKeep } from './own-server.js';
import { ARTICLE_PATH, SLUG } from './seed.js';

const COFFEE = 'id-petani-kopi-gayo-mulai-gunakan';
const FLOOD = 'id-banjir-rob-genangi-permukiman-di';

let corpus: PublishedArticle[] = [];

test.beforeAll(async () => {
  corpus = await searchCorpus();
});

/**
 * Stores the corpus's articles on the device as Warta's writers do: each record with its mark for
 * the search index, in one transaction. The flood report is stored unopened (a sync) and the
 * coffee report is pinned, so results show "belum dibaca" and "tersimpan".
 */
async function storeLibrary(page: Page): Promise<void> {
  const records = corpus
    .filter((article) => article.slug !== SLUG)
    .map((article) => ({
      slug: article.slug,
      article,
      hash: article.hash,
      fetchedAt: 2000,
      lastReadAt: article.slug === FLOOD ? 0 : 2000,
      ...(article.slug === FLOOD ? { unread: true } : {}),
      size: 1000,
      pinned: article.slug === COFFEE,
    }));
  await page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('warta');
      open.onsuccess = () => {
        done(open.result);
      };
      open.onerror = () => {
        fail(new Error('no database'));
      };
    });
    const tx = db.transaction(['articles', 'search-pending'], 'readwrite');
    for (const record of list) {
      tx.objectStore('articles').put(record);
      tx.objectStore('search-pending').put({ slug: record.slug, mark: Math.random() });
    }
    await new Promise((done) => {
      tx.oncomplete = done;
    });
    db.close();
  }, records);
}

const field = (page: Page) => page.getByRole('searchbox', { name: 'Cari' });
const results = (page: Page) => page.locator('warta-search-results').first();
const resultLinks = (page: Page) => results(page).locator('li a');

test.describe('searching what is on the device', () => {
  test('shows results as the reader types, loading the search code only then, and announces the count once', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await recordAnnouncements(page);
    await visitAndKeep(page, ARTICLE_PATH);
    await storeLibrary(page);
    await page.goto('/');
    await expect(page.getByRole('search')).toBeVisible();
    expect(asked.filter((url) => url.includes('warta-search'))).toEqual([]);
    await field(page).pressSequentially('kesepakatan');
    expect(asked.filter((url) => url.includes('warta-search'))).toHaveLength(1);
    await expect(results(page)).toHaveAttribute('data-state', 'results');
    await expect(resultLinks(page).first()).toHaveAccessibleName(/Armenia dan Azerbaijan/u);
    await expect(results(page).locator('.snippet mark', { hasText: /^kesepakatan$/iu })).toBeVisible();
    await expectNoAxeViolations(page, 'type-ahead results');
    await expect.poll(() => announcements(page)).toContain("1 hasil untuk 'kesepakatan'");
    // Typing paused once; the count is said once, never for the words on the way.
    await page.waitForTimeout(1_500);
    expect((await announcements(page)).filter((text) => text.includes('hasil'))).toEqual([
      "1 hasil untuk 'kesepakatan'",
    ]);
  });

  test('submits to the results page, with the words marked and each article’s state', async ({ page }) => {
    await recordAnnouncements(page);
    await visitAndKeep(page, ARTICLE_PATH);
    await storeLibrary(page);
    await field(page).fill('rumah');
    await field(page).press('Enter');
    await expect(page).toHaveURL(/\/cari\/\?q=rumah$/u);
    await expect(results(page)).toHaveAttribute('data-state', 'results');
    await expect(field(page)).toHaveValue('rumah');
    await expect(page.locator('main').getByText(/^\d+ hasil untuk 'rumah'$/u)).toBeVisible();
    await expect(results(page).locator('li', { hasText: 'Banjir Rob' })).toContainText('belum dibaca');
    await expect(results(page).locator('li', { hasText: 'Petani Kopi' })).toContainText('tersimpan');
    await expectNoAxeViolations(page, 'results page');
    await expect.poll(async () => (await announcements(page)).filter((text) => text.includes('hasil'))).toHaveLength(1);
  });

  test('goes from the field to the results in order, and Escape clears them', async ({ page }) => {
    await visitAndKeep(page, ARTICLE_PATH);
    await storeLibrary(page);
    await page.goto('/cari/?q=warga');
    await expect(results(page)).toHaveAttribute('data-state', 'results');
    const titles = await resultLinks(page).allTextContents();
    expect(titles.length).toBeGreaterThan(2);
    await field(page).focus();
    for (const title of titles.slice(0, 3)) {
      await page.keyboard.press('Tab');
      await expect(resultLinks(page).filter({ hasText: title }).first()).toBeFocused();
    }
    await page.keyboard.press('Escape');
    await expect(field(page)).toBeFocused();
    await expect(field(page)).toHaveValue('');
    await expect(results(page)).toHaveAttribute('data-state', 'idle');
    await expect(page).toHaveURL(/\/cari\/$/u);
    await expectNoAxeViolations(page, 'empty search');
  });

  test('says so when nothing on the device matches, and what search covers', async ({ page }) => {
    await visitAndKeep(page, ARTICLE_PATH);
    await page.goto('/cari/?q=zzzyxw');
    await expect(results(page)).toHaveAttribute('data-state', 'none');
    await expect(page.locator('main').getByText("Tidak ada hasil untuk 'zzzyxw'")).toBeVisible();
    await expect(page.getByRole('link', { name: 'Lihat daftar artikel' })).toHaveAttribute('href', '/');
    await expectNoAxeViolations(page, 'no results');
  });

  test('finds an article by a glossary alias and by a word with a typo', async ({ page }) => {
    await visitAndKeep(page, ARTICLE_PATH);
    await page.goto('/cari/?q=tawanan%20perang');
    await expect(resultLinks(page).first()).toHaveAccessibleName(/Armenia dan Azerbaijan/u);
    await field(page).fill('pertempuan');
    await expect(results(page).locator('mark').first()).toHaveText(/pertempuran/iu);
  });

  test('searches offline once the app is kept', async ({ page }) => {
    const site = await ownServer();
    try {
      await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
      await viewAgainAndKeepTheApp(page);
      await site.stop();
      await page.goto(`${site.origin}/cari/?q=pertempuran`);
      await expect(results(page)).toHaveAttribute('data-state', 'results');
      await expect(resultLinks(page).first()).toHaveAccessibleName(/Armenia dan Azerbaijan/u);
      await expectNoAxeViolations(page, 'offline results');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });
});

test.describe('without JavaScript', () => {
  test('the form still submits, and the results page says search needs JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ARTICLE_PATH);
    await field(page).fill('pertempuran');
    await field(page).press('Enter');
    await expect(page).toHaveURL(/\/cari\/\?q=pertempuran$/u);
    await expect(page.getByText('Pencarian memerlukan JavaScript.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Lihat daftar artikel' })).toHaveAttribute('href', '/');
    await context.close();
  });

  test('the results page reads well when its script does not load', async ({ page }) => {
    // axe needs script in the page; the page's own script is what is missing.
    await page.route('**/assets/**', (route) => route.abort());
    await page.goto('/cari/?q=pertempuran');
    await expect(page.getByText('Pencarian memerlukan JavaScript.')).toBeVisible();
    await expectNoAxeViolations(page, 'results page without its script');
  });
});
