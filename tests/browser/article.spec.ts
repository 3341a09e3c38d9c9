import type { Browser, Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { asReturningReaderWatchingShifts, layoutShiftSoFar } from './layout-shift.js';
import { ARTICLE_PATH, expectEverySeedLineOnce } from './seed.js';

const URL = ARTICLE_PATH;

/**
 * The layout shift (CLS sum) of loading the article at a width and text size (set through the
 * settings mirror, as a returning reader's would be) until every element has upgraded, and then
 * of `after` (something that happens to the reader, not something they do).
 */
async function layoutShiftOnUpgrade(
  browser: Browser,
  width: number,
  textSize: string,
  after: (page: Page) => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await asReturningReaderWatchingShifts(page, textSize);
  await page.goto(URL, { waitUntil: 'load' });
  await expect(page.locator('html')).toHaveAttribute('data-text-size', textSize);
  await expect(page.getByRole('button', { name: /Simpan untuk dibaca offline/u })).toBeVisible();
  await expectArticleKept(page);
  await page.waitForTimeout(300);
  await after(page);
  const shift = await layoutShiftSoFar(page);
  await context.close();
  return shift;
}

test.describe('the article page', () => {
  test('shows the headline, the lead with its dateline, and every paragraph', async ({ page }) => {
    await page.goto(URL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh',
    );
    await expect(page.locator('.lead .dateline')).toHaveText('Jenewa, MINA –');
    await expect(page.locator('article > p[lang="id"]')).toHaveCount(11);
    await expect(page).toHaveTitle(/Armenia dan Azerbaijan Sepakat .* · Warta/u);
  });

  test('has every line of the publisher text exactly once', async ({ page }) => {
    await page.goto(URL);
    await expectEverySeedLineOnce(page);
  });

  test('gives the same text to a reader with JavaScript turned off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(URL);
    await expectEverySeedLineOnce(page);
    await expect(page.locator('warta-age')).toHaveText(/\d+ tahun yang lalu/u);
    await context.close();
  });

  test('dates the report and says plainly that it is from the archive', async ({ page }) => {
    await page.goto(URL);
    await expect(page.locator('time[datetime="2020-10-31"]').first()).toHaveText('Sabtu, 31 Oktober 2020');
    await expect(page.locator('.archive-notice')).toContainText('Arsip. Laporan ini terbit Sabtu, 31 Oktober 2020');
    await expect(page.locator('.archive-notice')).toContainText('Keadaan sesudahnya bisa sudah berubah.');
  });

  test('works out the archive age in the browser with the element upgraded from the built bundle', async ({ page }) => {
    await page.goto(URL);
    // A build whose decorators were not transformed leaves the element undefined or its
    // `datetime` property unset, and the shadow root empty.
    const upgraded = await page.locator('warta-age').evaluate(async (element) => {
      await customElements.whenDefined('warta-age');
      await (element as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      return {
        datetime: (element as HTMLElement & { datetime: string }).datetime,
        shadowText: element.shadowRoot?.textContent.trim() ?? null,
      };
    });
    const now = new Date();
    const years =
      now.getUTCFullYear() -
      2020 -
      (now.getUTCMonth() < 9 || (now.getUTCMonth() === 9 && now.getUTCDate() < 31) ? 1 : 0);
    expect(upgraded).toEqual({ datetime: '2020-10-31', shadowText: `${years} tahun yang lalu` });
  });

  test('puts the source line and editor code in the article footer, with the code explained', async ({ page }) => {
    await page.goto(URL);
    const footer = page.locator('article > footer');
    await expect(footer.locator('.source-line')).toHaveText('Mi’raj News Agency (MINA)');
    await expect(footer.locator('.editor-code')).toContainText('(T/Hju/P2)');
    await expect(footer.locator('.editor-code')).toContainText('singkatan nama penulis dan penyunting');
  });

  test('groups the publisher promotions in their own labelled section after the article, without links', async ({
    page,
  }) => {
    await page.goto(URL);
    const section = page.getByRole('region', { name: 'Dari situs penerbit' });
    await expect(section.getByRole('listitem')).toHaveText([
      'Baca Juga: Pengadilan Belanda Tolak Gugatan Penghentian Ekspor Senjata ke Israel',
      'Baca Juga: Macron Resmi Tunjuk Francois Bayrou sebagai PM Prancis',
      'Baca Juga: Jerman Batalkan Acara Peringatan 60 Tahun Hubungan Diplomatik dengan Israel',
    ]);
    await expect(section.getByRole('link')).toHaveCount(0);
    const after = await page.evaluate(() => {
      const article = document.querySelector('main article');
      const region = document.querySelector('.read-also');
      return (
        article !== null &&
        region !== null &&
        article.compareDocumentPosition(region) === Node.DOCUMENT_POSITION_FOLLOWING
      );
    });
    expect(after).toBe(true);
  });

  test('credits the publisher and says the headline is Warta’s', async ({ page }) => {
    await page.goto(URL);
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('link', { name: 'Kantor Berita MINA' })).toHaveAttribute(
      'href',
      'https://minanews.net/',
    );
    await expect(footer).toContainText('judul di atas ditulis oleh Warta');
  });

  test('exposes banner, main, contentinfo, one level-1 heading and the promotions region', async ({ page }) => {
    await page.goto(URL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);
    await expect(page.locator('body')).toMatchAriaSnapshot(`
      - link "Langsung ke konten"
      - banner:
        - link "Warta"
      - main:
        - article /Armenia dan Azerbaijan Sepakat/:
          - heading /Armenia dan Azerbaijan Sepakat/ [level=1]
          - paragraph:
            - time: Sabtu, 31 Oktober 2020
        - region "Dari situs penerbit":
          - heading "Dari situs penerbit" [level=2]
          - list:
            - listitem: /Pengadilan Belanda/
      - contentinfo:
        - paragraph:
          - link "Kantor Berita MINA"
    `);
  });

  test('lets a keyboard user skip straight to the content', async ({ page }) => {
    await page.goto(URL);
    await expect(page.getByRole('button', { name: /Simpan untuk dibaca offline/u })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Langsung ke konten' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await page.keyboard.press('Tab');
    const focusedInMain = await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement));
    expect(focusedInMain).toBe(true);
  });

  test('marks the page and the article text as Indonesian', async ({ page }) => {
    await page.goto(URL);
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(page.locator('h1')).toHaveAttribute('lang', 'id');
    await expect(page.locator('.lead')).toHaveAttribute('lang', 'id');
  });

  test('reflows at 320 CSS pixels with no horizontal scrolling', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(URL);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const fontSize = await page.locator('.lead').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await context.close();
  });

  for (const width of [1000, 768, 390, 320]) {
    test(`does not shift its layout while the elements upgrade, ${width} px wide`, async ({ browser }) => {
      expect(await layoutShiftOnUpgrade(browser, width, '100')).toBe(0);
    });
  }

  test('does not shift its layout at 200 % text on a 768 px tablet either', async ({ browser }) => {
    expect(await layoutShiftOnUpgrade(browser, 768, '200')).toBe(0);
  });

  for (const [width, textSize] of [
    [320, '200'],
    [360, '150'],
    [390, '200'],
  ] as const) {
    test(`does not shift its layout when the connection drops, ${width} px at ${textSize} % text`, async ({
      browser,
    }) => {
      const goOffline = async (page: Page): Promise<void> => {
        await page.context().setOffline(true);
        await expect(page.locator('warta-status')).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
        await page.waitForTimeout(300);
      };
      expect(await layoutShiftOnUpgrade(browser, width, textSize, goOffline)).toBe(0);
    });
  }

  test('has no axe violations, light or dark', async ({ page }) => {
    await page.goto(URL);
    await expectNoAxeViolations(page, 'article, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'article, dark');
  });

  test('has no axe violations when its script never arrives', async ({ page }) => {
    // axe itself needs JavaScript, so the prerendered page is checked with the app's script
    // blocked rather than with scripting off.
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(URL);
    await expect(page.locator('warta-age')).toHaveText(/\d+ tahun yang lalu/u);
    expect(await page.evaluate(() => customElements.get('warta-age'))).toBeUndefined();
    await expectNoAxeViolations(page, 'article, no app script');
  });
});
