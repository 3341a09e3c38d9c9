import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { REQUIRED_TERMS } from '../required-terms.js';
import { ownServer, readKeptGlossaryEntry, visitAndKeep } from './own-server.js';

const PATH = '/artikel/2020-10-31-armenia-azerbaijan-jenewa/';
const MINSK_DEFINITION = /^Grup Minsk adalah forum OSCE yang dibentuk pada 1992/u;

function term(page: Page, name: string): Locator {
  return page.getByRole('main').getByRole('button', { name, exact: true });
}

function bubbleOf(page: Page, entry: string): Locator {
  return page.locator(`warta-term[entry="${entry}"] .bubble`);
}

/** Presses Tab until the named term has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element.matches(':focus'))) return;
  }
  throw new Error('Tab never reached the term');
}

async function expectInsideViewport(page: Page, box: Locator): Promise<void> {
  const rect = await box.boundingBox();
  const viewport = page.viewportSize();
  if (rect === null || viewport === null) throw new Error('the bubble has no box');
  expect(rect.x).toBeGreaterThanOrEqual(0);
  expect(rect.y).toBeGreaterThanOrEqual(0);
  expect(rect.x + rect.width).toBeLessThanOrEqual(viewport.width);
  expect(rect.y + rect.height).toBeLessThanOrEqual(viewport.height);
}

for (const mode of ['popover', 'inline disclosure'] as const) {
  test.describe(`glossary terms as toggletips (${mode})`, () => {
    test.beforeEach(async ({ page }) => {
      if (mode === 'inline disclosure') {
        // A browser without the popover API gets the inline disclosure.
        await page.addInitScript(() => {
          Reflect.deleteProperty(HTMLElement.prototype, 'showPopover');
          Reflect.deleteProperty(HTMLElement.prototype, 'popover');
        });
      }
      await page.goto(PATH);
      await expect(term(page, 'Grup Minsk')).toBeVisible();
    });

    test('works with the keyboard alone: Tab, Enter, Tab into the bubble, Escape, Space', async ({ page }) => {
      const minsk = term(page, 'Grup Minsk');
      await tabTo(page, minsk);
      await expect(minsk).toHaveAttribute('aria-expanded', 'false');
      await page.keyboard.press('Enter');
      await expect(minsk).toHaveAttribute('aria-expanded', 'true');
      await expect(page.locator('main p', { has: page.getByRole('button', { name: 'Grup Minsk', exact: true }) }))
        .toMatchAriaSnapshot(`
        - button "Grup Minsk" [expanded]
        - text: /Grup Minsk adalah forum OSCE/
        - link "Lihat di glosarium"
      `);
      await expect(bubbleOf(page, 'grup-minsk').locator('.definition')).toHaveText(MINSK_DEFINITION);
      await expect(page.locator('#pengumuman')).toHaveText(/^Grup Minsk: Grup Minsk adalah forum OSCE/u);
      await page.keyboard.press('Tab');
      await expect(bubbleOf(page, 'grup-minsk').getByRole('link', { name: 'Lihat di glosarium' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(bubbleOf(page, 'grup-minsk')).toBeHidden();
      await expect(minsk).toBeFocused();
      await expect(minsk).toHaveAttribute('aria-expanded', 'false');
      await page.keyboard.press('Space');
      await expect(bubbleOf(page, 'grup-minsk')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(minsk).toBeFocused();
      await expect(bubbleOf(page, 'grup-minsk')).toBeHidden();
    });

    test('works with a pointer: click opens, a click outside closes, a second term closes the first', async ({
      page,
    }) => {
      await term(page, 'Grup Minsk').click();
      await expect(bubbleOf(page, 'grup-minsk')).toBeVisible();
      await page.getByRole('heading', { level: 1 }).click();
      await expect(bubbleOf(page, 'grup-minsk')).toBeHidden();
      await term(page, 'Grup Minsk').click();
      await term(page, 'Al Arabiya').click();
      await expect(bubbleOf(page, 'al-arabiya')).toBeVisible();
      await expect(bubbleOf(page, 'grup-minsk')).toBeHidden();
      await expect(term(page, 'Grup Minsk')).toHaveAttribute('aria-expanded', 'false');
    });

    test('has no axe violations with a bubble open, light and dark', async ({ page }) => {
      await term(page, 'Grup Minsk').click();
      await expect(bubbleOf(page, 'grup-minsk')).toBeVisible();
      await expectNoAxeViolations(page, `bubble open (${mode})`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectNoAxeViolations(page, `bubble open, dark (${mode})`);
    });
  });
}

test.describe('glossary terms on small screens', () => {
  for (const [name, viewport] of [
    ['a 320 px phone, by touch', { width: 320, height: 640 }],
    ['400 % zoom of a 1280 × 720 screen', { width: 320, height: 180 }],
  ] as const) {
    test(`keep the bubble inside the viewport on ${name}`, async ({ browser }) => {
      const context = await browser.newContext({ viewport, hasTouch: true, isMobile: name.includes('touch') });
      const page = await context.newPage();
      await page.goto(PATH);
      for (const [label, entry] of [
        ['Grup Minsk', 'grup-minsk'],
        ['Organisasi untuk Keamanan dan Kerjasama di Eropa', 'osce'],
        ['Vladimir Putin', 'vladimir-putin'],
      ] as const) {
        const button = term(page, label);
        await button.scrollIntoViewIfNeeded();
        await button.tap();
        await expect(bubbleOf(page, entry)).toBeVisible();
        await expectInsideViewport(page, bubbleOf(page, entry));
        // At 180 px high the bubble may cover the term itself; Escape (or a tap outside) closes it.
        await page.keyboard.press('Escape');
        await expect(bubbleOf(page, entry)).toBeHidden();
      }
      await context.close();
    });
  }
});

test.describe('the glossary bubble on screen', () => {
  test('is in its place in the first frame it is painted in', async ({ page }) => {
    await page.goto(PATH);
    await expect(term(page, 'Grup Minsk')).toBeVisible();
    const first = await page.evaluate(async () => {
      const host = document.querySelector('warta-term[entry="grup-minsk"]');
      const button = host?.shadowRoot?.querySelector('button');
      const bubble = host?.shadowRoot?.querySelector<HTMLElement>('.bubble');
      if (!button || !bubble) throw new Error('no term');
      button.click();
      // A frame callback asked for after the click runs just before that frame is painted.
      return new Promise<{ open: boolean; top: string; bottom: number }>((done) => {
        requestAnimationFrame(() => {
          done({
            open: bubble.matches(':popover-open'),
            top: bubble.style.top,
            bottom: bubble.getBoundingClientRect().bottom,
          });
        });
      });
    });
    expect(first.open).toBe(true);
    expect(first.top).not.toBe('');
    expect(first.bottom).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
  });
});

test.describe('the glossary in the article', () => {
  test('marks every listed term once, and lists each in the glossary section in order of first use', async ({
    page,
  }) => {
    await page.goto(PATH);
    const triggers = page.getByRole('main').locator('warta-term');
    const texts = (await triggers.allTextContents()).map((text) => text.trim());
    for (const required of REQUIRED_TERMS) expect(texts).toContain(required);
    expect(new Set(texts).size).toBe(texts.length);
    const section = page.getByRole('main').locator('section[role="doc-glossary"]');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText('Glosarium');
    const entries = await section.locator('dt').allTextContents();
    const entryIds = await triggers.evaluateAll((elements) => elements.map((element) => element.getAttribute('entry')));
    const sectionIds = await section.locator('dt').evaluateAll((dts) => dts.map((dt) => dt.id.replace('istilah-', '')));
    expect(sectionIds).toEqual(entryIds);
    expect(entries).toHaveLength(texts.length);
  });

  test('links each term to its entry and back when scripts are off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PATH);
    const link = page.getByRole('main').locator('a[role="doc-glossref"]', { hasText: 'Grup Minsk' });
    await expect(link).toHaveAttribute('href', '#istilah-grup-minsk');
    await link.click();
    await expect(page).toHaveURL(/#istilah-grup-minsk$/u);
    await expect(page.locator('#istilah-grup-minsk')).toBeInViewport();
    await page.getByRole('link', { name: 'Kembali ke teks: Grup Minsk' }).click();
    await expect(page).toHaveURL(/#rujukan-grup-minsk$/u);
    await expect(page.locator('#rujukan-grup-minsk')).toBeInViewport();
    await context.close();
  });

  test('explains the publisher where the footer names it', async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByRole('contentinfo').locator('.publisher-note')).toHaveText(
      /^MINA \(Mi’raj News Agency\) adalah kantor berita/u,
    );
  });

  test("shows the bubble in the page's UI language, with the matching lang, and carries no other language's", async ({
    page,
  }) => {
    await page.goto(PATH);
    await expect(page.locator('section[role="doc-glossary"] .definition[lang="en"]')).toHaveCount(0);
    // A reader who chose English: the first paint keeps them on the English page.
    await page.addInitScript(() => {
      localStorage.setItem('warta:tampilan', JSON.stringify({ settings: { locale: 'en' }, savedAt: 1 }));
    });
    await page.goto(`/en${PATH}`);
    await expect(page.locator('section[role="doc-glossary"] .definition[lang="id"]')).toHaveCount(0);
    await page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true }).click();
    const definition = bubbleOf(page, 'grup-minsk').locator('.definition');
    await expect(definition).toHaveText(
      /^The Minsk Group was an OSCE forum set up in 1992.*closure was completed by the end of November 2025\./u,
    );
    await expect(definition).toHaveAttribute('lang', 'en');
  });

  test('shows definitions offline, after the server is gone', async ({ page }) => {
    const site = await ownServer();
    try {
      await visitAndKeep(page, `${site.origin}${PATH}`);
      await site.stop();
      await page.reload();
      await expect(page.locator('.stored-notice')).toBeVisible();
      await term(page, 'Grup Minsk').click();
      await expect(bubbleOf(page, 'grup-minsk').locator('.definition')).toHaveText(MINSK_DEFINITION);
    } finally {
      await site.stop().catch(() => undefined);
    }
  });
});

test.describe('a corrected definition', () => {
  test('reaches a device that kept the article, without the article changing, and shows offline', async ({ page }) => {
    const site = await ownServer();
    const corrected = 'Grup Minsk adalah forum OSCE (definisi yang diperbaiki).';
    try {
      await visitAndKeep(page, `${site.origin}${PATH}`);
      // The next build corrects the entry: the article's JSON and hash stay as they were.
      await page.context().route(`${site.origin}${PATH}`, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replaceAll(/Grup Minsk adalah forum OSCE[^"<]*/gu, corrected);
        await route.fulfill({ response, body });
      });
      await page.reload();
      await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', 'kept');
      await expect.poll(() => readKeptGlossaryEntry(page, 'id', 'grup-minsk')).toMatchObject({ definition: corrected });
      await page.context().unroute(`${site.origin}${PATH}`);
      await site.stop();
      await page.reload();
      await expect(page.locator('.stored-notice')).toBeVisible();
      await term(page, 'Grup Minsk').click();
      await expect(bubbleOf(page, 'grup-minsk').locator('.definition')).toHaveText(corrected);
    } finally {
      await site.stop().catch(() => undefined);
    }
  });
});

test.describe('the glossary page', () => {
  test('is reachable from the header and lists every term alphabetically, linking back to the article', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('link', { name: 'Glosarium' }).click();
    await expect(page).toHaveURL('/glosarium/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glosarium');
    const terms = (await page.locator('dt').allTextContents()).map((text) => text.trim());
    expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'id', { sensitivity: 'base' })));
    for (const required of ['Grup Minsk', 'OSCE', 'Nagorno-Karabakh', 'MINA']) expect(terms).toContain(required);
    const back = page
      .locator('#istilah-grup-minsk + dd')
      .getByRole('link', { name: /Armenia dan Azerbaijan Sepakat/u });
    await expect(back).toHaveAttribute('href', `${PATH}#rujukan-grup-minsk`);
    await expectNoAxeViolations(page, 'glossary page');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'glossary page, dark');
  });
});
