import type { Locator, Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { PUBLISHED_BUILD, PUBLISHED_TITLE } from './global-setup.js';
import { ownServer, viewAgainAndKeepTheApp, visitAndKeep, type OwnServer } from './own-server.js';
import { ARTICLE_PATH, HEADLINE, SLUG } from './seed.js';

let site: OwnServer;

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

/** The card of an article on home, found by its headline's text (a link or not). */
function card(page: Page, headline: string | RegExp): Locator {
  return page
    .getByRole('main')
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: headline }) });
}

/** Records every layout shift from the start of each page load. */
async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((a, b) => a + b, 0));
}

/** Marks the stored article as a sync leaves it: stored, never opened. Runs in the page. */
function markUnread(slug: string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const open = indexedDB.open('warta');
    open.onsuccess = () => {
      const store = open.result.transaction('articles', 'readwrite').objectStore('articles');
      const get = store.get(slug);
      get.onsuccess = () => {
        const record = get.result as Record<string, unknown>;
        const put = store.put({ ...record, unread: true, lastReadAt: 0 });
        put.onsuccess = () => {
          open.result.close();
          done();
        };
        put.onerror = () => {
          fail(new Error('could not write the record'));
        };
      };
    };
  });
}

test.describe('the lists say what is on the device', () => {
  test('marks a kept article available offline; offline, one not kept is no link and says so, until back online', async ({
    page,
  }) => {
    site = await ownServer({ copyOf: PUBLISHED_BUILD });
    // A phone's width, where a longer date line would wrap first.
    await page.setViewportSize({ width: 360, height: 740 });
    await watchShifts(page);
    await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
    await viewAgainAndKeepTheApp(page);
    await page.goto(`${site.origin}/`);
    const kept = card(page, HEADLINE);
    const notKept = card(page, PUBLISHED_TITLE);
    await expect(kept.locator('.meta')).toContainText('tersedia offline');
    // Tabbing to the link, a screen reader hears the mark as its description.
    await expect(kept.getByRole('link', { name: HEADLINE })).toHaveAccessibleDescription('tersedia offline');
    await expect(notKept.getByRole('link', { name: PUBLISHED_TITLE })).toBeVisible();
    await expect(notKept).not.toContainText('offline');
    expect(await layoutShift(page)).toBeLessThan(0.01);
    await expectNoAxeViolations(page, 'home online, one article kept');

    await site.stop();
    await page.goto(`${site.origin}/`);
    await expect(page.locator('.stored-notice')).toBeVisible();
    await expect(page.locator('warta-status')).toHaveAttribute('data-state', 'offline');
    await expect(notKept.getByRole('link')).toHaveCount(0);
    await expect(notKept.getByRole('heading', { name: PUBLISHED_TITLE })).toBeVisible();
    await expect(notKept.locator('.meta')).toContainText('tidak tersedia offline');
    await expect(kept.getByRole('link', { name: HEADLINE })).toHaveAttribute('href', ARTICLE_PATH);
    await expect(kept.locator('.meta')).toContainText('tersedia offline');
    await expectNoAxeViolations(page, 'home offline, one article not on the device');

    await site.start();
    // The browser's news that the network is back: the monitor checks, then says so.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.locator('warta-status')).toHaveAttribute('data-state', 'online');
    await expect(notKept.getByRole('link', { name: PUBLISHED_TITLE })).toHaveAttribute(
      'href',
      '/artikel/2020-11-01-pertukaran-tawanan/',
    );
    await expect(notKept).not.toContainText('offline');
    await expectNoAxeViolations(page, 'home back online');
  });

  test('says "belum dibaca" of an article a sync stored, on home and in Tersimpan with the storage it takes, until it is opened', async ({
    page,
  }) => {
    site = await ownServer();
    await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
    await viewAgainAndKeepTheApp(page);
    await page.evaluate(markUnread, SLUG);
    await page.goto(`${site.origin}/`);
    await expect(card(page, HEADLINE).locator('.meta')).toContainText('tersedia offline · belum dibaca');
    await expect(page.getByRole('link', { name: HEADLINE })).toHaveAccessibleDescription(
      'tersedia offline · belum dibaca',
    );
    await expectNoAxeViolations(page, 'home, an unread article');

    await page.goto(`${site.origin}/tersimpan/`);
    const library = page.locator('warta-library');
    await expect(library).toHaveAttribute('data-state', 'listed');
    await expect(library.locator('li .details')).toContainText('belum dibaca');
    await expect(library.locator('.storage')).toHaveText(
      /^Artikel tersimpan memakai \d+(,\d)? kB di perangkat ini\. 1 di antaranya belum dibaca\.\s*$/u,
    );
    await expectNoAxeViolations(page, 'Tersimpan, an unread article');

    await page.goto(`${site.origin}${ARTICLE_PATH}`);
    await expectArticleKept(page);
    await page.goto(`${site.origin}/tersimpan/`);
    await expect(library.locator('.storage')).toHaveText(
      /^Artikel tersimpan memakai \d+(,\d)? kB di perangkat ini\.\s*$/u,
    );
    await page.goto(`${site.origin}/`);
    await expect(card(page, HEADLINE).locator('.meta')).toContainText('tersedia offline');
    await expect(card(page, HEADLINE)).not.toContainText('belum dibaca');
  });

  test('marks a kept article beside each of its links on Glosarium, without moving the page', async ({ page }) => {
    site = await ownServer();
    await page.setViewportSize({ width: 360, height: 740 });
    await watchShifts(page);
    await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
    await page.goto(`${site.origin}/glosarium/`);
    const links = page.getByRole('main').getByRole('link', { name: HEADLINE });
    await expect(links.first()).toHaveAccessibleDescription('tersedia offline');
    const count = await links.count();
    expect(count).toBeGreaterThan(1);
    await expect(page.getByRole('main').getByText('tersedia offline', { exact: true })).toHaveCount(count);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    await expectNoAxeViolations(page, 'Glosarium, one article kept');
  });
});

test.describe('the lists in English', () => {
  test.use({ locale: 'en-US' });

  test('marks in the English interface are in English, and say so in their lang', async ({ page }) => {
    site = await ownServer();
    await visitAndKeep(page, `${site.origin}/en${ARTICLE_PATH}`);
    await page.goto(`${site.origin}/en/`);
    const mark = card(page, HEADLINE).locator('.meta [lang]').last();
    await expect(mark).toHaveText(/available offline/u);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(mark).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(page, 'English home, one article kept');
  });
});
