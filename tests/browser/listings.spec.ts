import { readFile } from 'node:fs/promises';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { PUBLISHED_BUILD, PUBLISHED_TITLE } from './global-setup.js';
import {
  announcements,
  deploy,
  ownServer,
  recordAnnouncements,
  viewAgainAndKeepTheApp,
  visitAndKeep,
  type OwnServer,
} from './own-server.js';

const ARTICLE = '/artikel/2020-10-31-armenia-azerbaijan-jenewa/';

let site: OwnServer;

test.beforeEach(async () => {
  site = await ownServer();
});

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

test.describe('listings are content, not app', () => {
  test('publishing an article changes no byte of the worker', async () => {
    const [before, after] = await Promise.all([readFile('dist/sw.js'), readFile(`${PUBLISHED_BUILD}/sw.js`)]);
    expect(after.equals(before)).toBe(true);
  });

  test('shows an article published while the tab was open on the next page online, with no update bar', async ({
    page,
  }) => {
    await visitAndKeep(page, `${site.origin}${ARTICLE}`);
    await viewAgainAndKeepTheApp(page);
    await page.goto(`${site.origin}/`);
    await expect(page.getByRole('link', { name: PUBLISHED_TITLE })).toHaveCount(0);
    await deploy(site, PUBLISHED_BUILD);
    await page
      .getByRole('link', { name: /Armenia dan Azerbaijan/u })
      .first()
      .click();
    await expect(page).toHaveURL(`${site.origin}${ARTICLE}`);
    await page.getByRole('banner').getByRole('link', { name: 'Warta', exact: true }).click();
    await expect(page.getByRole('main').getByRole('link', { name: PUBLISHED_TITLE })).toBeVisible();
    // Nothing for the reader to do: the app did not change, only the news.
    await page.waitForTimeout(1_000);
    await expect(page.locator('warta-update-prompt').getByRole('button', { name: 'Muat ulang' })).toBeHidden();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBe(
      null,
    );
  });

  test('offline, home is the copy kept when last online, and says when it was kept', async ({ page }) => {
    await visitAndKeep(page, `${site.origin}${ARTICLE}`);
    await viewAgainAndKeepTheApp(page);
    await page.goto(`${site.origin}/`);
    await site.stop();
    await recordAnnouncements(page);
    await page.goto(`${site.origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artikel');
    await expect(
      page
        .getByRole('main')
        .getByRole('link', { name: /Armenia dan Azerbaijan/u })
        .first(),
    ).toBeVisible();
    const notice = page.locator('.stored-notice');
    await expect(notice).toContainText('Jaringan tidak menjawab. Halaman ini salinan tersimpan dari');
    await expect(notice).toContainText('2026');
    await expect
      .poll(() => announcements(page))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^Jaringan tidak menjawab\. Halaman ini salinan/u)]));
    await expectNoAxeViolations(page, 'home, the kept copy, offline');
  });

  test('offline, Glosarium opens though never visited: it was kept with the rest of the app', async ({ page }) => {
    await visitAndKeep(page, `${site.origin}${ARTICLE}`);
    await viewAgainAndKeepTheApp(page);
    await expect
      .poll(() =>
        page.evaluate(async () => (await caches.open('warta-pages')).match('/glosarium/').then((r) => r !== undefined)),
      )
      .toBe(true);
    await site.stop();
    await page.goto(`${site.origin}/glosarium/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glosarium');
    await expect(page.locator('.stored-notice')).toBeVisible();
  });
});
