import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { ownServer, waitForServiceWorker } from './own-server.js';
import { ARTICLE_PATH, HEADLINE } from './seed.js';

test.describe('the English UI', () => {
  test.use({ locale: 'en-US' });

  test('follows an English browser: English UI strings and names, the article still Indonesian', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expect(page).toHaveURL(`/en${ARTICLE_PATH}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Saved' })).toHaveAttribute('href', '/en/tersimpan/');
    await expect(nav.getByRole('link', { name: 'Glossary' })).toHaveAttribute('href', '/en/glosarium/');
    await expect(page.getByRole('button', { name: 'Display' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Save for offline reading \([\d.]+ kB\)$/u })).toBeVisible();
    await expect(page.getByText('Kept on this device for now.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
    await expect(page.locator('.archive-notice')).toContainText('This report was published Saturday, October 31, 2020');
    await expect(page.getByRole('region', { name: 'From the publisher’s site' }))
      .toBeVisible()
      .catch(async () => {
        await expect(page.getByRole('region', { name: "From the publisher's site" })).toBeVisible();
      });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'id');
    await expect(page.locator('.lead')).toHaveAttribute('lang', 'id');
    await page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true }).click();
    const definition = page.locator('warta-term[entry="grup-minsk"] .bubble .definition');
    await expect(definition).toHaveText(/^The Minsk Group was an OSCE forum/u);
    await expect(definition).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(page, 'English UI, bubble open');
  });

  test('reads the article offline in English after one visit, from the English script the worker kept', async ({
    page,
  }) => {
    const site = await ownServer();
    try {
      await page.goto(`${site.origin}/en${ARTICLE_PATH}`);
      await waitForServiceWorker(page);
      await expectArticleKept(page);
      await site.stop();

      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
      await expect(page.locator('.stored-notice')).toContainText("Read from this device's storage, saved");
      await expect(page.getByRole('banner').getByText('Offline', { exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
      await expectNoAxeViolations(page, 'English UI, offline, saved article');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });

  test('lets the reader choose Indonesian, and keeps the choice', async ({ page }) => {
    await page.goto(`/en${ARTICLE_PATH}`);
    await page.getByRole('button', { name: 'Display' }).click();
    await expect(page.getByLabel('Display language')).toBeVisible();
    await expect(page.getByLabel('Display language').locator('option[value="id"]')).toHaveAttribute('lang', 'id');
    await expectNoAxeViolations(page, 'English UI, settings open');
    await page.getByLabel('Display language').selectOption('id');
    await expect(page).toHaveURL(ARTICLE_PATH);
    await expect(page.getByRole('link', { name: 'Langsung ke konten' })).toBeAttached();
    await page.reload();
    await expect(page).toHaveURL(ARTICLE_PATH);
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  });
});

test('an Indonesian browser choosing English gets English pages from then on', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Tampilan' }).click();
  await page.getByLabel('Bahasa tampilan').selectOption('en');
  await expect(page).toHaveURL('/en/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Articles');
  await page.goto(ARTICLE_PATH);
  await expect(page).toHaveURL(`/en${ARTICLE_PATH}`);
});
