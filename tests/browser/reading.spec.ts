import type { Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { ownServer, visitAndKeep } from './own-server.js';
import { ARTICLE_PATH, HEADLINE } from './seed.js';

/** Scrolls paragraph `index` (0 = the lead) to the top, as a reader would, and lets it be kept. */
async function readUpTo(page: Page, index: number): Promise<void> {
  await page
    .locator('article > p[lang]')
    .nth(index)
    .evaluate((paragraph) => {
      window.scrollTo(0, paragraph.getBoundingClientRect().top + window.scrollY + 2);
    });
  await page.waitForTimeout(1_200);
}

async function topParagraph(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll('article > p[lang]')].findIndex((p) => p.getBoundingClientRect().bottom > 0),
  );
}

test.describe('reading position', () => {
  test('returns to the paragraph where the reader was, after leaving and after a reload', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expectArticleKept(page);
    await readUpTo(page, 5);
    await page.goto('/');
    await page.getByRole('link', { name: HEADLINE }).click();
    await expect.poll(() => topParagraph(page)).toBe(5);
    await expect(page.locator('#pengumuman')).toHaveText('Melanjutkan dari paragraf 6.');
    const back = page.getByRole('button', { name: 'Kembali ke awal artikel' });
    await expect(back).toBeVisible();
    await expectNoAxeViolations(page, 'resumed reading');
    await page.reload();
    await expect.poll(() => topParagraph(page)).toBe(5);
    await back.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('keeps the last paragraph when the reader scrolls past the report, and returns a finished article there', async ({
    page,
  }) => {
    await page.goto(ARTICLE_PATH);
    const paragraphs = await page.locator('article > p[lang]').count();
    // Past the report's end: the promotions and the glossary section fill the screen.
    await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await expect(page.locator('section[role="doc-glossary"]')).toBeInViewport();
    await page.waitForTimeout(1_200);
    await page.reload();
    await expect.poll(() => topParagraph(page)).toBe(paragraphs - 1);
    await expect(page.locator('#pengumuman')).toHaveText(`Melanjutkan dari paragraf ${paragraphs}.`);
    const back = page.getByRole('button', { name: 'Kembali ke awal artikel' });
    await expect(back).toBeVisible();
    await expectNoAxeViolations(page, 'finished article resumed');
    await back.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('returns to it offline too', async ({ page }) => {
    const site = await ownServer();
    try {
      await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
      await readUpTo(page, 7);
      await site.stop();
      await page.reload();
      await expect(page.locator('.stored-notice')).toBeVisible();
      await expect.poll(() => topParagraph(page)).toBe(7);
      await expect(page.locator('#pengumuman')).toContainText('Melanjutkan dari paragraf 8.');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });

  test('does not move a reader who followed a link to a place in the page', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await readUpTo(page, 6);
    await page.goto(`${ARTICLE_PATH}#istilah-grup-minsk`);
    await page.waitForTimeout(500);
    await expect(page.locator('#istilah-grup-minsk')).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Kembali ke awal artikel' })).toHaveCount(0);
  });

  test('shows progress to sighted readers only', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    const bar = page.locator('warta-reader .progress');
    await expect(bar).toHaveAttribute('aria-hidden', 'true');
    await readUpTo(page, 8);
    expect(Number(await bar.getAttribute('data-progress'))).toBeGreaterThan(30);
    const snapshot = await page.locator('warta-reader').ariaSnapshot();
    expect(snapshot).not.toMatch(/progress/iu);
  });
});

test.describe('sharing', () => {
  test('copies the link and says so where there is no share sheet', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.addInitScript(() => {
      Reflect.deleteProperty(Navigator.prototype, 'share');
    });
    await page.goto(`${ARTICLE_PATH}?dari=tautan`);
    await page.getByRole('button', { name: 'Bagikan' }).click();
    await expect(page.locator('#pengumuman')).toHaveText('Tautan artikel disalin.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^http://localhost:\\d+${ARTICLE_PATH}$`, 'u'));
  });

  test('uses the system share sheet where there is one', async ({ page }) => {
    await page.addInitScript(() => {
      const calls: unknown[] = [];
      (window as unknown as { __shared: unknown[] }).__shared = calls;
      Object.defineProperty(navigator, 'canShare', { value: () => true });
      Object.defineProperty(navigator, 'share', {
        value: (data: unknown) => {
          calls.push(data);
          return Promise.resolve();
        },
      });
    });
    await page.goto(ARTICLE_PATH);
    await page.getByRole('button', { name: 'Bagikan' }).click();
    const shared = await page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ title: HEADLINE });
    expect((shared[0] as { url: string }).url).toMatch(new RegExp(`${ARTICLE_PATH}$`, 'u'));
  });
});
