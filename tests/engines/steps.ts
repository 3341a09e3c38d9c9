import { deepStrictEqual } from 'node:assert/strict';
import { storedArticleRecord, storedArticleSlugs, type OwnServer } from '../browser/own-server.js';
import { ARTICLE_PATH, HEADLINE, SLUG, seedLineProblems } from '../browser/seed.js';
import type { EnginePage, Watched } from './page.js';
import type { Path } from './page-script.js';
import { describeReport, type ViolationReport } from './server.js';

/** What every step has: the page, the site (which it may stop) and the reports the engine sent. */
export interface StepContext {
  readonly page: EnginePage;
  readonly site: OwnServer;
  readonly reports: readonly ViolationReport[];
}

export interface Step {
  /** A sentence: what the engine does. */
  readonly name: string;
  run(context: StepContext): Promise<void>;
}

const term = (entry: string): Path => [`warta-term[entry="${entry}"]`, 'button'];
const bubble = (entry: string): Path => [`warta-term[entry="${entry}"]`, '.bubble'];
const definition = (entry: string): Path => [`warta-term[entry="${entry}"]`, '.definition'];
const setting = (key: string): Path => ['warta-settings', 'warta-settings-panel', `#pilihan-${key}`];
const SETTINGS_TOGGLE: Path = ['warta-settings', 'button'];
const SAVED_LINK: Path = ['warta-library', `a.title[href="${ARTICLE_PATH}"]`];
const SEPIA = 'rgb(244, 236, 216)';

/** The engines' site (tests/engines/run.ts builds it): the project's content and a few more articles. */
export const ENGINE_BUILD = 'test-results/dist-engines';
export const SYNC_EXTRA = 3;
export const SYNC_SLUG_PREFIX = 'sinkron-mesin-';
// Tersimpan's list renders the sync control in its own shadow root.
const SYNC_CONTROL: Path = ['warta-library', 'warta-sync'];
const SYNC_START: Path = [...SYNC_CONTROL, 'button[data-focus="start"]'];
const SYNC_CONFIRM: Path = [...SYNC_CONTROL, 'button[data-focus="confirm"]'];

/** The state the sync control says it is in (`data-state`). */
function syncState(): string | null {
  const library = document.querySelector('warta-library')?.shadowRoot;
  return library?.querySelector('warta-sync')?.getAttribute('data-state') ?? null;
}

function expanded(page: EnginePage, path: Path): Promise<string | null> {
  return page.on(path, (element) => element?.getAttribute('aria-expanded') ?? null);
}

/** The display settings as the page shows them: the attributes on <html> and the page's background. */
function shownSettings(): { size: string | null; theme: string | null; background: string } {
  return {
    size: document.documentElement.getAttribute('data-text-size'),
    theme: document.documentElement.getAttribute('data-theme'),
    background: getComputedStyle(document.body).backgroundColor,
  };
}

/**
 * The cross-engine suite: one list of steps, run in order by each engine's driver (a step may
 * rely on what the ones before it did, as a reader's visit does). Each step also fails on any
 * page error in its time; the last one checks the violation reports of the whole run.
 */
export const STEPS: readonly Step[] = [
  {
    name: 'renders the article with its landmarks and every line of the seed',
    async run({ page }) {
      await page.goto(ARTICLE_PATH);
      const outline = await page.evaluate(() => {
        // Header and footer are banner and contentinfo only outside sectioning content.
        const topLevel = (selector: string) =>
          [...document.querySelectorAll(selector)].filter(
            (element) => element.parentElement?.closest('article, aside, main, nav, section') === null,
          ).length;
        const region = document.querySelector('section.read-also');
        const label = document.getElementById(region?.getAttribute('aria-labelledby') ?? '');
        return {
          lang: document.documentElement.lang,
          headings: [...document.querySelectorAll('h1')].map((heading) => heading.textContent.trim()),
          banner: topLevel('header'),
          navigation: [...document.querySelectorAll('nav')].map((nav) => nav.getAttribute('aria-label')),
          main: document.querySelectorAll('main').length,
          region: label?.textContent.trim() ?? null,
          contentinfo: topLevel('footer'),
        };
      }, undefined);
      deepStrictEqual(outline, {
        lang: 'id',
        headings: [HEADLINE],
        banner: 1,
        navigation: ['Utama'],
        main: 1,
        region: 'Dari situs penerbit',
        contentinfo: 1,
      });
      deepStrictEqual(seedLineProblems(await page.evaluate(() => document.body.innerText, undefined)), []);
    },
  },
  {
    name: 'opens a glossary toggletip with Enter and closes it with Escape, focus staying on the term',
    async run({ page }) {
      const entry = 'nagorno-karabakh';
      await page.waitForElement(term(entry), 'present');
      // From the top of the page, as a keyboard user comes to the article's first term.
      for (let presses = 0; !(await page.hasFocus(term(entry))); presses += 1) {
        if (presses === 30) throw new Error('30 presses of Tab never reached the first glossary term');
        await page.press('Tab');
      }
      deepStrictEqual(await expanded(page, term(entry)), 'false');
      await page.press('Enter');
      await page.waitForElement(bubble(entry), 'visible');
      deepStrictEqual(await expanded(page, term(entry)), 'true');
      const text = await page.on(definition(entry), (element) => element?.textContent.trim() ?? '');
      if (!text.startsWith('Nagorno-Karabakh')) throw new Error(`the bubble says "${text}"`);
      await page.press('Escape');
      await page.waitForElement(bubble(entry), 'hidden');
      deepStrictEqual(await expanded(page, term(entry)), 'false');
      if (!(await page.hasFocus(term(entry)))) throw new Error('Escape closed the bubble and focus left the term');
    },
  },
  {
    name: 'opens a glossary toggletip with a click and closes it with a click outside',
    async run({ page }) {
      const entry = 'grup-minsk';
      await page.click(term(entry));
      await page.waitForElement(bubble(entry), 'visible');
      deepStrictEqual(await expanded(page, term(entry)), 'true');
      await page.click(['h1']);
      await page.waitForElement(bubble(entry), 'hidden');
      deepStrictEqual(await expanded(page, term(entry)), 'false');
    },
  },
  {
    name: 'changes the display settings from the keyboard and keeps them after a reload',
    async run({ page }) {
      await page.waitForElement(SETTINGS_TOGGLE, 'present');
      await page.click(SETTINGS_TOGGLE);
      await page.waitForElement(setting('theme'), 'visible');
      if ((await page.evaluate(shownSettings, undefined)).background === SEPIA) throw new Error('sepia already');
      // A closed native select takes the next option on ArrowDown: 100 → 125 %, system → light → dark → sepia.
      await page.focus(setting('textSize'));
      await page.press('ArrowDown');
      await page.focus(setting('theme'));
      for (let presses = 0; presses < 3; presses += 1) await page.press('ArrowDown');
      const wanted = { size: '125', theme: 'sepia', background: SEPIA };
      await page.waitFor('the new settings on the page', shownSettings, undefined, {
        until: (shown) => JSON.stringify(shown) === JSON.stringify(wanted),
      });
      await page.press('Escape');
      await page.reload();
      deepStrictEqual(await page.evaluate(shownSettings, undefined), wanted);
    },
  },
  {
    name: 'is controlled by the service worker and keeps the article in IndexedDB',
    async run({ page }) {
      const controlled = () => navigator.serviceWorker.controller !== null;
      await page.waitFor('a service worker to control the page', controlled, undefined, { ms: 15_000 });
      await page.waitFor(`the article in IndexedDB (warta › articles › ${SLUG})`, storedArticleRecord, SLUG, {
        until: (record) => (record as { slug?: string } | null)?.slug === SLUG,
      });
    },
  },
  {
    name: 'reads the article from IndexedDB on a reload with the server stopped',
    async run({ page, site }) {
      await site.stop();
      try {
        await page.reload();
        const shown = await page.waitFor(
          'the saved article, rendered from IndexedDB under its stored-copy notice',
          () => ({
            notice: document.querySelector('.stored-notice') !== null,
            headline: document.querySelector('h1')?.textContent.trim(),
            last: [...document.querySelectorAll('article > p[lang="id"]')].at(-1)?.textContent.trim(),
            theme: document.documentElement.getAttribute('data-theme'),
          }),
          undefined,
          { until: (value) => value.notice },
        );
        deepStrictEqual(shown.headline, HEADLINE);
        deepStrictEqual(shown.last?.endsWith('mendekati 5.000.'), true, `last paragraph: ${shown.last ?? 'none'}`);
        deepStrictEqual(shown.theme, 'sepia', 'the display settings offline');
      } finally {
        await site.start();
      }
    },
  },
  {
    name: 'lists the opened article in the saved list',
    async run({ page }) {
      await page.goto('/tersimpan/');
      await page.waitForElement(SAVED_LINK, 'present');
      deepStrictEqual(await page.on(SAVED_LINK, (element) => element?.textContent.trim()), HEADLINE);
    },
  },
  {
    name: 'downloads the newest articles with “Unduh” in Tersimpan, and reads one never opened offline',
    async run({ page, site }) {
      await page.goto('/tersimpan/');
      await page.waitFor('the sync control, idle', syncState, undefined, { until: (state) => state === 'idle' });
      await page.click(SYNC_START);
      // A first sync shows its size and asks.
      await page.waitFor('the size asked about', syncState, undefined, { until: (state) => state === 'confirming' });
      await page.click(SYNC_CONFIRM);
      await page.waitFor('the sync done', syncState, undefined, { until: (state) => state === 'done', ms: 30_000 });
      const slugs = await page.evaluate(storedArticleSlugs, undefined);
      for (let day = 1; day <= SYNC_EXTRA; day += 1) {
        deepStrictEqual(slugs.includes(`${SYNC_SLUG_PREFIX}${String(day)}`), true, `stored: ${slugs.join(', ')}`);
      }
      await page.waitForElement(SYNC_CONTROL, 'present');
      await site.stop();
      try {
        await page.goto(`/artikel/${SYNC_SLUG_PREFIX}2/`);
        const headline = await page.waitFor(
          'the synced article, rendered from IndexedDB offline',
          () =>
            document.querySelector('.stored-notice') === null ? null : document.querySelector('h1')?.textContent.trim(),
          undefined,
          { until: (value) => typeof value === 'string' },
        );
        deepStrictEqual(headline, `${HEADLINE} (2)`);
      } finally {
        await site.start();
      }
    },
  },
  {
    name: 'sent no CSP or Trusted Types violation report, and the report endpoint hears one caused on purpose',
    async run({ page, reports }) {
      await page.goto('/tersimpan/?warta-canary');
      // An image from another origin (img-src 'self'), and an HTML string into a DOM sink where
      // the engine enforces Trusted Types: their reports show that the channel works, and, sent
      // after everything else, that every earlier report has had time to arrive.
      const trustedTypes = await page.evaluate(() => {
        const image = document.createElement('img');
        image.src = 'http://127.0.0.1:9/warta-canary.png';
        document.body.append(image);
        if (!('trustedTypes' in window)) return false;
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>warta-canary</b>');
        } catch {
          // Refused, as it must be.
        }
        return true;
      }, undefined);
      const onPurpose = (report: ViolationReport): boolean =>
        report.document.includes('warta-canary') &&
        (report.blocked.includes('warta-canary') || report.directive === 'require-trusted-types-for');
      const heard = (directive: string): boolean =>
        reports.some((report) => onPurpose(report) && report.directive.startsWith(directive));
      const wanted = trustedTypes ? ['img-src', 'require-trusted-types-for'] : ['img-src'];
      for (const end = Date.now() + 10_000; !wanted.every(heard);) {
        if (Date.now() > end) {
          const got = reports.map(describeReport).join('\n  ') || 'nothing';
          throw new Error(`the report endpoint did not hear ${wanted.join(' and ')} within 10 s; it heard:\n  ${got}`);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      // The page's own listener saw them too: caused on purpose, they are not page errors.
      await page.evaluate(() => {
        const seen = (window as unknown as Watched).__wartaPageErrors ?? [];
        const others = seen.filter(
          (entry) => !/^CSP: (img-src blocked \S*warta-canary|require-trusted-types-for)/u.test(entry),
        );
        seen.splice(0, seen.length, ...others);
      }, undefined);
      deepStrictEqual(reports.filter((report) => !onPurpose(report)).map(describeReport), []);
    },
  },
];
