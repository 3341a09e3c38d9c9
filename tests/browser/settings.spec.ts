import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { ownServer, visitAndKeep } from './own-server.js';
import { ARTICLE_PATH } from './seed.js';

const THEMES = [
  ['system', 'Ikuti sistem'],
  ['light', 'Terang'],
  ['dark', 'Gelap'],
  ['sepia', 'Sepia'],
  ['contrast', 'Kontras tinggi'],
] as const;

async function openPanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tampilan' }).click();
  await expect(page.getByRole('region', { name: 'Pengaturan tampilan' })).toBeVisible();
}

function style(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
}

test.describe('display settings', () => {
  test('are reachable from the header and work with the keyboard alone', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    const toggle = page.getByRole('button', { name: 'Tampilan' });
    for (let presses = 0; presses < 10 && !(await toggle.evaluate((el) => el.matches(':focus'))); presses += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Ukuran teks')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('html')).toHaveAttribute('data-text-size', '125');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Pengaturan tampilan' })).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test('each change the page at once and survive a reload', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    const before = {
      size: await style(page, '.lead', 'font-size'),
      line: await style(page, '.lead', 'line-height'),
      margin: await style(page, 'article > p[lang="id"]', 'margin-top'),
      font: await style(page, 'body', 'font-family'),
      bg: await style(page, 'body', 'background-color'),
    };
    await openPanel(page);
    await page.getByLabel('Ukuran teks').selectOption('150');
    await page.getByLabel('Jarak baris').selectOption('loose');
    await page.getByLabel('Jarak paragraf').selectOption('relaxed');
    await page.getByLabel('Huruf').selectOption('serif');
    await page.getByLabel('Tema').selectOption('sepia');
    const after = async () => ({
      size: await style(page, '.lead', 'font-size'),
      line: await style(page, '.lead', 'line-height'),
      margin: await style(page, 'article > p[lang="id"]', 'margin-top'),
      font: await style(page, 'body', 'font-family'),
      bg: await style(page, 'body', 'background-color'),
    });
    const changed = await after();
    expect(parseFloat(changed.size)).toBeCloseTo(parseFloat(before.size) * 1.5, 0);
    expect(parseFloat(changed.line) / parseFloat(changed.size)).toBeCloseTo(2.2, 1);
    expect(parseFloat(changed.margin) / parseFloat(changed.size)).toBeCloseTo(1.75, 1);
    expect(changed.font).toMatch(/Georgia|Serif/iu);
    expect(changed.bg).toBe('rgb(244, 236, 216)');
    expect(changed.bg).not.toBe(before.bg);
    await page.reload();
    expect(await after()).toEqual(changed);
  });

  test('survive an offline reload', async ({ page }) => {
    const site = await ownServer();
    try {
      await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
      await openPanel(page);
      await page.getByLabel('Tema').selectOption('dark');
      await page.getByLabel('Ukuran teks').selectOption('175');
      await site.stop();
      await page.reload();
      await expect(page.locator('.stored-notice')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(await style(page, 'body', 'background-color')).toBe('rgb(20, 20, 19)');
      await expect(page.locator('html')).toHaveAttribute('data-text-size', '175');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });

  test('reflow text at 200 % on a 320 px screen with no horizontal scrolling', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(ARTICLE_PATH);
    await openPanel(page);
    await page.getByLabel('Ukuran teks').selectOption('200');
    await page.keyboard.press('Escape');
    await page.reload();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      size: parseFloat(getComputedStyle(document.querySelector('.lead') ?? document.body).fontSize),
    }));
    expect(widths.size).toBeGreaterThanOrEqual(36);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await context.close();
  });

  test('apply the theme before first paint, even when the script is slow to arrive', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await openPanel(page);
    await page.getByLabel('Tema').selectOption('contrast');
    // The next load: the app's script held back 2 s; record the background of the first frame.
    await page.route('**/assets/*.js', async (route) => {
      await new Promise((done) => setTimeout(done, 2_000));
      await route.continue();
    });
    await page.addInitScript(() => {
      requestAnimationFrame(() => {
        (window as unknown as { __firstFrame: string }).__firstFrame = getComputedStyle(document.body).backgroundColor;
      });
    });
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __firstFrame?: string }).__firstFrame !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __firstFrame: string }).__firstFrame)).toBe(
      'rgb(0, 0, 0)',
    );
    expect(await page.evaluate(() => customElements.get('warta-settings'))).toBeUndefined();
  });

  for (const [theme, label] of THEMES) {
    test(`have no axe violations (contrast included) with the panel open, theme "${theme}"`, async ({ page }) => {
      await page.goto(ARTICLE_PATH);
      await openPanel(page);
      await page.getByLabel('Tema').selectOption({ label });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectNoAxeViolations(page, `settings open, ${theme}`);
      await page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true }).click();
      await expectNoAxeViolations(page, `bubble open, ${theme}`);
    });
  }

  test('give the high-contrast theme at least 7:1 text contrast (WCAG AAA)', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await openPanel(page);
    await page.getByLabel('Tema').selectOption('contrast');
    const results = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
    expect(results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(0);
  });

  test('keep every control visible in forced-colors mode', async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(ARTICLE_PATH);
    await openPanel(page);
    const invisible = await page.evaluate(() => {
      const hidden: string[] = [];
      const roots: (Document | ShadowRoot)[] = [document];
      for (const host of document.querySelectorAll('*')) if (host.shadowRoot !== null) roots.push(host.shadowRoot);
      for (const root of roots) {
        for (const control of root.querySelectorAll<HTMLElement>('button, select, a[href]')) {
          const box = control.getBoundingClientRect();
          if (box.width === 0 || getComputedStyle(control).visibility === 'hidden') continue;
          // A glossary term's button is named by its visible words, a <label> in the same root
          // (aria-labelledby): those words are what must show.
          const labelledBy = control.getAttribute('aria-labelledby');
          const shown =
            labelledBy === null
              ? control
              : (control.getRootNode() as Document | ShadowRoot).getElementById(labelledBy.split(' ')[0] ?? '');
          if (shown === null) {
            hidden.push(control.outerHTML.slice(0, 80));
            continue;
          }
          const style = getComputedStyle(shown);
          // A slotted label is the host's text.
          const slotted =
            shown.querySelector('slot') !== null ? (shown.getRootNode() as ShadowRoot).host.textContent : '';
          const label = `${shown.textContent}${slotted}`.trim();
          const visibleText = style.color !== style.backgroundColor && label !== '';
          if (!visibleText) hidden.push(control.outerHTML.slice(0, 80));
        }
      }
      return hidden;
    });
    expect(invisible).toEqual([]);
    await expectNoAxeViolations(page, 'forced colors, settings open');
  });
});
