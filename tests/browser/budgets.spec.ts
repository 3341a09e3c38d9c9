import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { filesFor, firstVisitFiles } from '../../src/sw/app-files.js';
import { BUDGETS, SYNC_ALLOWANCE, appFilesIn, measure, type Measured } from '../../tools/budgets.js';
import type { Sent } from '../../tools/serve.js';
import { expectArticleKept } from './fixtures.js';
import { keptAppFiles, ownServer, viewAgainAndKeepTheApp, waitForServiceWorker } from './own-server.js';

// Byte budgets on the built site (gzip, deterministic).
const report = measure('dist');
const files = appFilesIn('dist');
const total = (items: readonly { bytes: number }[]): number => items.reduce((sum, item) => sum + item.bytes, 0);
const listed = (items: readonly Measured[]): string => items.map((item) => `${item.url} ${item.bytes} B`).join(', ');
const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
// A reader of each UI language, with a browser in that language (the first paint otherwise
// redirects to the browser's language).
const READERS = [
  { locale: 'id', language: 'Indonesian', path: `/artikel/${SLUG}/`, browser: 'id-ID' },
  { locale: 'en', language: 'English', path: `/en/artikel/${SLUG}/`, browser: 'en-US' },
] as const;

test.describe('byte budgets', () => {
  test('every article page fits the first TCP window (14 KB gzipped)', () => {
    expect(report.articlePages.length).toBeGreaterThan(0);
    for (const page of report.articlePages) {
      expect(page.bytes, `${page.url} is ${page.bytes - BUDGETS.articleHtml} B over`).toBeLessThanOrEqual(
        BUDGETS.articleHtml,
      );
    }
  });

  for (const { locale, language } of READERS) {
    test(`the JavaScript of a first visit in ${language} stays within 20 KB gzipped`, () => {
      const items = report.firstVisitJs[locale];
      expect(items.length).toBeGreaterThan(0);
      const sum = total(items);
      expect(sum, `${sum - BUDGETS.firstVisitJs} B over: ${listed(items)}`).toBeLessThanOrEqual(BUDGETS.firstVisitJs);
    });

    test(`everything a first visit in ${language} transfers stays within 40 KB gzipped, and 4 KB more only for the worker's share of sync`, () => {
      const items = report.firstVisit[locale];
      const sum = total(items);
      expect(report.firstVisitBudget).toBeGreaterThan(BUDGETS.firstVisitTotal);
      expect(report.firstVisitBudget).toBeLessThanOrEqual(BUDGETS.firstVisitTotal + SYNC_ALLOWANCE);
      expect(sum, `${sum - report.firstVisitBudget} B over: ${listed(items)}`).toBeLessThanOrEqual(
        report.firstVisitBudget,
      );
    });

    test(`what the worker keeps for a reader in ${language} stays within 60 KB gzipped`, () => {
      const items = report.precache[locale];
      const sum = total(items);
      expect(sum, `${sum - BUDGETS.precache} B over: ${listed(items)}`).toBeLessThanOrEqual(BUDGETS.precache);
      expect(items.some((item) => item.url.startsWith('/artikel/'))).toBe(false);
    });
  }

  test('each language has its own script, with its own strings and no localize runtime', () => {
    const [indonesian] = report.firstVisitJs.id;
    const [english] = report.firstVisitJs.en;
    expect(indonesian?.url).toMatch(/^\/assets\/index-/u);
    expect(english?.url).toMatch(/^\/assets\/en-index-/u);
    const code = (item: Measured | undefined): string => readFileSync(join('dist', item?.url ?? ''), 'utf8');
    expect(code(indonesian)).toContain('Sedang offline');
    expect(code(indonesian)).not.toContain('You are offline');
    expect(code(english)).toContain('You are offline');
    expect(code(english)).not.toContain('Sedang offline');
    // @lit/localize's marks: `str`'s tagged values and the runtime's errors and events.
    for (const item of [indonesian, english]) expect(code(item)).not.toMatch(/strTag|lit-localize/u);
  });

  test('the first keep of the real build holds the page script, the offline view and settings, and the shell', () => {
    // Chunk names come from source file names; a renamed file must not drop out of the first keep unseen.
    const names = (locale: 'id' | 'en'): string[] =>
      firstVisitFiles(files, [locale]).map((file) => file.url.replace(/-[\w-]{8}\.js$/u, '.js'));
    const scripts = ['index.js', 'offline-page.js', 'warta-settings-panel.js'];
    expect(names('id').sort()).toEqual([...scripts.map((name) => `/assets/${name}`), '/offline/index.html'].sort());
    expect(names('en').sort()).toEqual(
      [...scripts.map((name) => `/assets/en-${name}`), '/en/offline/index.html'].sort(),
    );
  });
});

for (const { locale, language, path, browser } of READERS) {
  test.describe(`what a first visit in ${language} really transfers`, () => {
    test.use({ locale: browser });

    test('asks the server for just what the budget counts, byte for byte', async ({ page, context }) => {
      const sent: Sent[] = [];
      const site = await ownServer({
        sent: (response) => {
          sent.push(response);
        },
      });
      try {
        await page.goto(`${site.origin}${path}`);
        await waitForServiceWorker(page);
        // Installed means the worker's first keep is done. A browser with a window judges whether
        // the site can be installed (manifest and primary icon); headless Chromium does on request.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.getInstallabilityErrors');
        await expect.poll(() => sent.some((response) => response.url.endsWith('.png'))).toBe(true);
        // Screenshots are fetched only for an install sheet: outside the budget, as the issue says.
        const counted = new Map(report.firstVisit[locale].map((item) => [item.url, item.bytes]));
        const transferred = sent.filter((response) => !response.url.startsWith('/screenshots/'));
        for (const response of transferred) {
          expect(counted.get(response.url), `${response.url} is not counted by tools/budgets.ts`).toBe(response.bytes);
        }
        const asked = new Set(transferred.map((response) => response.url));
        expect([...counted.keys()].filter((url) => !asked.has(url))).toEqual([]);
        expect(total(transferred)).toBeLessThanOrEqual(report.firstVisitBudget);
      } finally {
        await site.stop();
      }
    });

    test('keeps only what reading offline needs, and the rest of the app on a later page view', async ({ page }) => {
      const site = await ownServer();
      try {
        await page.goto(`${site.origin}${path}`);
        await waitForServiceWorker(page);
        const firstKeep = firstVisitFiles(files, [locale]).map((file) => file.url);
        expect((await keptAppFiles(page)).sort()).toEqual([...firstKeep].sort());

        await viewAgainAndKeepTheApp(page);
        const kept = await keptAppFiles(page);
        const ours = filesFor(files, [locale]);
        const others = files.filter((file) => !ours.includes(file)).map((file) => file.url);
        expect(others.length).toBeGreaterThan(0);
        expect(kept.filter((url) => others.includes(url))).toEqual([]);
        expect(kept.length).toBeGreaterThan(firstKeep.length);
      } finally {
        await site.stop();
      }
    });
  });
}

test.describe('what a first visit with Save-Data keeps', () => {
  test('with Save-Data, keeps no more than reading offline needs', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'connection', { value: { saveData: true } });
      const posted: unknown[] = [];
      (window as unknown as { __posted: unknown[] }).__posted = posted;
      // Every message a page posts to the worker, on its way there.
      const worker = ServiceWorker.prototype as unknown as { postMessage: (this: unknown, ...args: unknown[]) => void };
      const post = worker.postMessage;
      worker.postMessage = function (this: unknown, ...args: unknown[]) {
        posted.push(args[0]);
        post.apply(this, args);
      };
    });
    const site = await ownServer();
    try {
      await page.goto(`${site.origin}/artikel/${SLUG}/`);
      await waitForServiceWorker(page);
      await page.reload();
      await expectArticleKept(page);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      // The page tells the worker it loaded, and asks it to keep nothing more.
      expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([
        { type: 'LOADED', locale: 'id', keep: false },
      ]);
      const firstKeep = firstVisitFiles(files, ['id']).map((file) => file.url);
      expect((await keptAppFiles(page)).sort()).toEqual([...firstKeep].sort());
    } finally {
      await site.stop();
    }
  });
});
