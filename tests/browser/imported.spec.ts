import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Page } from '@playwright/test';
import { glossaryJsonUrl } from '../../src/routes.js';
import { LOCALES } from '../../src/sw/app-files.js';
import { serve } from '../../tools/serve.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { HOSTILE, IMPORTED_BUILD, IMPORTED_CONTENT, WITHDRAWN } from './global-setup.js';

/**
 * The importer end to end: every fixture feed of tests/fixtures/import imported by `warta import`,
 * one article withdrawn by `warta withdraw`, the folder built (global-setup.ts), and the site
 * served as it would be deployed.
 */

interface Summary {
  readonly slug: string;
  /** A language tag: feeds name theirs with a region (`en-US`, `id-ID`). */
  readonly lang: string;
}

const inLanguage = (lang: 'id' | 'en') => (article: Summary) => article.lang.split('-')[0] === lang;

/** Every article the build published: its JSON files (`articles/<slug>.json`; the glossary's are not articles). */
const GLOSSARY_FILES = new Set(LOCALES.map((locale) => glossaryJsonUrl(locale).split('/').at(-1)));
const built = readdirSync(`${IMPORTED_BUILD}/articles`)
  .filter((name) => name.endsWith('.json') && !GLOSSARY_FILES.has(name))
  .map((name) => JSON.parse(readFileSync(`${IMPORTED_BUILD}/articles/${name}`, 'utf8')) as Summary);
const slugOf = ({ source, id }: { source: string; id: string }): string => {
  const state = JSON.parse(readFileSync(`${IMPORTED_CONTENT}/sources/${source}.json`, 'utf8')) as {
    ids: Record<string, string>;
  };
  const slug = state.ids[id];
  if (slug === undefined) throw new Error(`the import did not record ${source}:${id}`);
  return slug;
};
const WITHDRAWN_SLUG = slugOf(WITHDRAWN);
const HOSTILE_SLUG = slugOf(HOSTILE);

/** The bidirectional controls that can show text in another order than it is stored. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** What a page's article is made of: each kind of block or sign-off it shows. */
const KINDS = {
  'sub-heading': 'main article > h2',
  list: 'main article > ul',
  'numbered list': 'main article > ol',
  quotation: 'main article > blockquote',
  caption: 'main article p.caption',
  dateline: 'main article .lead .dateline',
  'promotion with a link': '.read-also li a[href^="https://"]',
  byline: 'main article .byline',
  'source line': 'main article .source-line',
  "editors' code": 'main article .editor-code',
  credits: 'main article .credit',
} as const;
type Kind = keyof typeof KINDS;

interface PageState {
  readonly kinds: Kind[];
  /** Anything active that came from a source: an event handler, a script: link, a bidi control. */
  readonly active: string[];
}

/** Runs in the page: which kinds it shows, and anything active in it. */
function readPage(kinds: Record<string, string>): PageState {
  const active: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) active.push(`${element.localName}[${attribute.name}]`);
    }
  }
  for (const link of document.querySelectorAll('[href], [src], [action]')) {
    const target = link.getAttribute('href') ?? link.getAttribute('src') ?? link.getAttribute('action') ?? '';
    if (/^\s*(?:javascript|data|vbscript):/iu.test(target)) active.push(`${link.localName} to ${target}`);
  }
  if (/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u.test(document.body.textContent + document.title)) {
    active.push('a bidirectional control character');
  }
  for (const element of document.querySelectorAll('main :is(script, iframe, object, embed, form, svg, img, style)')) {
    active.push(`a ${element.localName} in the page's main`);
  }
  if ((window as unknown as { __pwned?: boolean }).__pwned === true) active.push('a script from the source ran');
  return {
    kinds: Object.keys(kinds).filter((kind) => document.querySelector(kinds[kind] ?? '') !== null) as Kind[],
    active,
  };
}

/** Any alert, confirm or prompt a source's script might call, noted instead of shown. */
async function trapDialogs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const trap = (): undefined => {
      (window as unknown as { __pwned: boolean }).__pwned = true;
      return undefined;
    };
    Object.assign(window, { alert: trap, confirm: trap, prompt: trap });
  });
}

// The pages are what is under test, not keeping them: without a service worker installing and
// keeping each article, a page loads in half the time. (The other specs test the worker.)
test.use({ serviceWorkers: 'block' });

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = await serve({ dir: IMPORTED_BUILD, port: 0 });
  origin = `http://localhost:${String((server.address() as AddressInfo).port)}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
});

test('builds every imported article, and only the withdrawn one is missing', () => {
  const files = readdirSync(`${IMPORTED_CONTENT}/articles`).filter((name) => name.endsWith('.txt'));
  expect(files.length).toBeGreaterThanOrEqual(4 * 50);
  expect(built.map((article) => `${article.slug}.txt`).sort()).toEqual(files.sort());
  expect(readdirSync(`${IMPORTED_CONTENT}/withdrawn`)).toEqual([`${WITHDRAWN_SLUG}.txt`]);
  expect(built.filter(inLanguage('id')).length).toBeGreaterThanOrEqual(100);
  expect(built.filter(inLanguage('en')).length).toBeGreaterThanOrEqual(100);
});

/**
 * Every page is loaded, read and checked with axe (about 110 per language, one page object, in a
 * loop: a test per page would cost a browser context each). About 1.6 minutes a language on two
 * workers, most of it axe; the loop also records which block kinds it met, so the fixtures are
 * known to cover every form.
 */
for (const lang of ['id', 'en'] as const) {
  test(`renders every imported ${lang === 'id' ? 'Indonesian' : 'English'} article with nothing active, no page error and no axe violation, covering every block kind`, async ({
    page,
  }) => {
    // axe on about a hundred pages: a minute on a quiet machine, more when the cores are shared.
    test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await trapDialogs(page);
    const articles = built.filter(inLanguage(lang));
    const checked = new Set<Kind>();
    for (const { slug } of articles) {
      const response = await page.goto(`${origin}/artikel/${slug}/`);
      expect(response?.status(), slug).toBe(200);
      await expect(page.locator('main article h1')).toHaveAttribute('lang', new RegExp(`^${lang}\\b`, 'u'));
      const state = await page.evaluate(readPage, KINDS);
      expect(state.active, slug).toEqual([]);
      await expectNoAxeViolations(page, `${slug}: ${state.kinds.join(', ')}`);
      for (const kind of state.kinds) checked.add(kind);
    }
    expect(errors).toEqual([]);
    // The fixtures cover every form: each kind was on some page, and so was checked.
    expect([...checked].sort()).toEqual(Object.keys(KINDS).sort());
  });
}

test('shows English articles with the English interface', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    // Two with promotions, whose section is labelled in the interface's language.
    const promoting = built.filter(inLanguage('en')).filter(({ slug }) => {
      const article = JSON.parse(readFileSync(`${IMPORTED_BUILD}/articles/${slug}.json`, 'utf8')) as {
        readAlso: unknown[];
      };
      return article.readAlso.length > 0;
    });
    expect(promoting.length).toBeGreaterThanOrEqual(2);
    for (const { slug } of promoting.slice(0, 2)) {
      await page.goto(`${origin}/en/artikel/${slug}/`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('main article h1')).toHaveAttribute('lang', /^en\b/u);
      await expect(page.getByRole('region', { name: /From the publisher/u })).toBeVisible();
    }
    await expectNoAxeViolations(page, 'an imported English article, English interface');
  } finally {
    await context.close();
  }
});

test('leaves a withdrawn article out of the site: its address answers 404 and no list names it', async ({ page }) => {
  for (const path of [
    `/artikel/${WITHDRAWN_SLUG}/`,
    `/en/artikel/${WITHDRAWN_SLUG}/`,
    `/articles/${WITHDRAWN_SLUG}.json`,
  ]) {
    expect((await page.request.get(`${origin}${path}`)).status(), path).toBe(404);
  }
  // Home and every page of the archive (numbered from the oldest), in both interfaces.
  for (const prefix of ['', '/en']) {
    const listed = new Set<string>();
    for (let number = 0; ; number += 1) {
      const response = await page.goto(`${origin}${prefix}/${number === 0 ? '' : `arsip/${String(number)}/`}`);
      if (response?.status() === 404) break;
      const links = await page
        .locator('main a[href*="/artikel/"]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      expect(links.length, `${prefix} list page ${String(number)} lists articles`).toBeGreaterThan(0);
      expect(links.filter((href) => href.includes(`/artikel/${WITHDRAWN_SLUG}/`))).toEqual([]);
      for (const link of links) listed.add(link);
    }
    // The lists add up to the whole site: nothing is missing from them but the withdrawn article.
    expect(listed.size, `${prefix || '/'}: articles listed`).toBe(built.length);
  }
  expect(built.map((article) => article.slug)).not.toContain(WITHDRAWN_SLUG);
});

test('shows a hostile item as inert text: no script ran, no handler, no script: link, no bidi override', async ({
  page,
}) => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await trapDialogs(page);
  const response = await page.goto(`${origin}/artikel/${HOSTILE_SLUG}/`);
  expect(response?.status()).toBe(200);
  const state = await page.evaluate(readPage, KINDS);
  expect(state.active).toEqual([]);
  const article = page.locator('main article');
  // The words are kept, as text: the title's tags, the link and the promotions without their links.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Judul\s+Berbahaya tebalik/u);
  await expect(article.getByText('Paragraf dengan tautan jahat dan')).toBeVisible();
  await expect(article.getByRole('link')).toHaveCount(0);
  await expect(page.locator('.read-also li')).toHaveText(['Tautan Baca Juga yang Jahat', 'Tautan Data']);
  await expect(page.locator('.read-also a')).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toMatch(BIDI_CONTROLS);
  await expect(page.getByText('disuntikkan')).toHaveCount(0);
  expect(dialogs).toBe(0);
  await expectNoAxeViolations(page, 'the hostile item');
});

/** The `href` of every link in the page's main that matches `selector`. */
async function hrefs(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
}

/** The head links to the feeds of the page's language. */
async function expectFeedLinks(page: Page, prefix: string): Promise<void> {
  await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    'href',
    `${prefix}/feed.xml`,
  );
  await expect(page.locator('head link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute(
    'href',
    `${prefix}/feed.json`,
  );
}

test('pages every imported category like the archive, axe-clean in each kind of page, each linked from its articles', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto(`${origin}/kategori/`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expectFeedLinks(page, '');
  await expectNoAxeViolations(page, 'the index of categories');
  const categories = await hrefs(page, 'main li a');
  const counts = await page
    .locator('main li')
    .evaluateAll((items) => items.map((item) => Number(/(\d+) artikel/u.exec(item.textContent)?.[1] ?? 0)));
  expect(categories.length).toBeGreaterThanOrEqual(20);
  // Every page is one template: axe checks every page of the largest category (newest page and
  // archive pages) and the first page of one category in each language its names are in. Axe on
  // each of the 30 pages took 1.2 to 2.5 minutes on a loaded two-core machine.
  const largest = counts.indexOf(Math.max(...counts));
  const languagesChecked = new Set<string>();
  for (const [index, path] of categories.entries()) {
    // A category's newest page, then each older one, by its "older" link, to the first.
    const listed: string[] = [];
    for (let next: string | null = path; next !== null;) {
      expect((await page.goto(`${origin}${next}`))?.status(), next).toBe(200);
      const lang = (await page.locator('main h1').getAttribute('lang')) ?? '';
      expect(lang, next).toMatch(/^(?:id|en)\b/u);
      if (index === largest || (next === path && !languagesChecked.has(lang))) {
        languagesChecked.add(lang);
        await expectNoAxeViolations(page, `category page ${next}`);
      }
      listed.push(...(await hrefs(page, 'main .article-list h2 a')));
      const older = page.locator('main a[rel="next"]');
      next = (await older.count()) > 0 ? await older.getAttribute('href') : null;
    }
    // The pages hold each of its articles once (the newest page repeats the last archive page's).
    expect(new Set(listed).size, path).toBe(counts[index]);
    expect(listed.filter((href) => href.includes(`/artikel/${WITHDRAWN_SLUG}/`))).toEqual([]);
  }
  expect([...new Set([...languagesChecked].map((lang) => lang.split('-')[0]))].sort()).toEqual(['en', 'id']);

  // An article's page links its categories, and each leads to a page that lists it.
  await page.goto(`${origin}${categories[0] ?? ''}`);
  const article = (await hrefs(page, 'main .article-list h2 a'))[0] ?? '';
  await page.goto(`${origin}${article}`);
  await expectFeedLinks(page, '');
  const own = await hrefs(page, 'footer a[href^="/kategori/"]');
  expect(own).toContain(categories[0]);
  await page.locator(`footer a[href="${categories[0] ?? ''}"]`).click();
  await expect(page.locator(`main a[href="${article}"]`)).toBeVisible();
});

test('shows the categories with the English interface, linking its own feeds', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/en/kategori/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('main h1')).toHaveText('Categories');
    await expectFeedLinks(page, '/en');
    await expectNoAxeViolations(page, 'the index of categories, English interface');
    await page.locator('main li a').first().click();
    await expect(page.locator('main .article-list')).toBeVisible();
    await expect(page.locator('main h1')).toHaveAttribute('lang', /^(?:id|en)\b/u);
    await expectNoAxeViolations(page, 'a category page, English interface');
  } finally {
    await context.close();
  }
});

test('publishes the feeds and the change log without the withdrawn article, which the log withdraws', async ({
  page,
}) => {
  for (const [path, type] of [
    ['/feed.xml', /xml/u],
    ['/en/feed.xml', /xml/u],
    ['/feed.json', /json/u],
    ['/en/feed.json', /json/u],
  ] as const) {
    const response = await page.request.get(`${origin}${path}`);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(type);
    expect(await response.text(), path).not.toContain(`/artikel/${WITHDRAWN_SLUG}/`);
  }
  const index = (await (await page.request.get(`${origin}/perubahan/index.json`)).json()) as {
    pages: { page: number }[];
  };
  const entries: { slug: string; withdrawn?: string }[] = [];
  for (const { page: number } of index.pages) {
    const log = (await (await page.request.get(`${origin}/perubahan/${String(number)}.json`)).json()) as {
      entries: { slug: string; withdrawn?: string }[];
    };
    entries.push(...log.entries);
  }
  const withdrawn = entries.filter((entry) => entry.slug === WITHDRAWN_SLUG);
  expect(withdrawn).toHaveLength(1);
  expect(withdrawn[0]?.withdrawn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u);
  expect(entries.length).toBe(built.length + 1);
});
