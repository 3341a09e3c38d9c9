/**
 * Search in the benchmark (`BENCH_ONLY=search npm run bench`), in the page, at 4x CPU slowdown,
 * with 1,000 saved articles (bench/search-corpus.ts) on the device beside the seed:
 *
 * - indexing: the library written as Warta's writers write it (each article marked for the
 *   index), then the whole of it taken in by the first search: milliseconds per article;
 * - the first query after a reload, the index read from IndexedDB (the search part itself is
 *   already loaded: the results page loads it at once);
 * - warm queries: the matching table's queries (tests/unit/search-table.ts) submitted again and
 *   again on the results page, at least 200 in all: median and 95th percentile;
 * - the index's size against the body text of the articles it covers (lead and paragraphs, UTF-8).
 *
 * Times are the page's own measures, from the search's start (after typing's pause): to the list
 * of results on screen (`warta-search`: titles and dates, from the index), and to their passages
 * and state shown too (`warta-search-details`: read from the stored articles);
 * `warta-search-index` for indexing.
 */
import type { Browser, Page } from '@playwright/test';
import { searchableBlocks } from '../src/content/search/analyze.js';
import { TABLE } from '../tests/unit/search-table.js';
import { generateLibrary } from './search-corpus.js';

export interface SearchFigures {
  readonly articles: number;
  readonly bodyBytes: number;
  readonly indexBytes: number;
  readonly indexToBody: number;
  readonly indexingMsPerArticle4xCpu: number;
  /** The first query, to the list shown; and with passages. */
  readonly firstQueryMs4xCpu: number;
  readonly firstQueryDetailsMs4xCpu: number;
  /** Warm queries, to the list shown. */
  readonly warmMedianMs4xCpu: number;
  readonly warmP95Ms4xCpu: number;
  /** Warm queries, to the passages shown. */
  readonly warmDetailsMedianMs4xCpu: number;
  readonly warmDetailsP95Ms4xCpu: number;
  readonly warmRuns: number;
}

const ARTICLES = 1000;
const ROUNDS = 6;

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
}

/** Submits `query` on the results page and returns the page's measure of that search. */
async function timedSearch(page: Page, query: string): Promise<{ listed: number; detailed: number }> {
  return page.evaluate(async (text) => {
    const before = performance.getEntriesByName('warta-search-details').length;
    const field = document.querySelector<HTMLInputElement>('warta-search input[type="search"]');
    const form = document.querySelector<HTMLFormElement>('warta-search form');
    if (field === null || form === null) throw new Error('no search form');
    field.value = text;
    form.requestSubmit();
    for (;;) {
      const detailed = performance.getEntriesByName('warta-search-details');
      const listed = performance.getEntriesByName('warta-search');
      const last = detailed[detailed.length - 1];
      if (detailed.length > before && last !== undefined) {
        return { listed: listed[listed.length - 1]?.duration ?? NaN, detailed: last.duration };
      }
      if (document.querySelector('warta-search-results[data-state="failed"]') !== null) {
        throw new Error(`the search for "${text}" failed`);
      }
      await new Promise((done) => setTimeout(done, 5));
    }
  }, query);
}

async function storeLibrary(page: Page): Promise<number> {
  const library = generateLibrary(ARTICLES);
  const encoder = new TextEncoder();
  const bodyBytes = library.reduce(
    (sum, article) => sum + searchableBlocks(article).reduce((bytes, block) => bytes + encoder.encode(block).length, 0),
    0,
  );
  for (let at = 0; at < library.length; at += 100) {
    const records = library.slice(at, at + 100).map((article, index) => ({
      slug: article.slug,
      article,
      hash: article.hash,
      fetchedAt: 1000 + at + index,
      lastReadAt: 1000 + at + index,
      size: 3000,
      pinned: true,
    }));
    await page.evaluate(async (list) => {
      const db = await new Promise<IDBDatabase>((done) => {
        const open = indexedDB.open('warta');
        open.onsuccess = () => {
          done(open.result);
        };
      });
      const tx = db.transaction(['articles', 'search-pending'], 'readwrite');
      for (const record of list) {
        tx.objectStore('articles').put(record);
        tx.objectStore('search-pending').put({ slug: record.slug, mark: Math.random() });
      }
      await new Promise((done) => {
        tx.oncomplete = done;
      });
      db.close();
    }, records);
  }
  return bodyBytes;
}

export async function searchBench(browser: Browser, origin: string, article: string): Promise<SearchFigures> {
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    // Keep the article and then the whole app (a second view), the search part among it.
    await page.goto(`${origin}${article}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await page.locator('warta-article-tools[data-state="kept"]').waitFor({ timeout: 20_000 });
    await page.reload();
    await page.waitForFunction(
      async () => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((request) => request.url.includes('warta-search'))) return true;
        }
        return false;
      },
      undefined,
      { timeout: 30_000, polling: 250 },
    );
    const bodyBytes = await storeLibrary(page);

    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/cari/`);
    await page.locator('warta-search-results[data-state="idle"]').waitFor();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await timedSearch(page, 'pertempuran');
    const indexing = await page.evaluate(() => {
      const entry = performance.getEntriesByName('warta-search-index')[0] as PerformanceMeasure | undefined;
      return { ms: entry?.duration ?? NaN, articles: (entry?.detail as { articles?: number } | null)?.articles ?? 0 };
    });
    const indexBytes = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const open = indexedDB.open('warta');
          open.onsuccess = () => {
            const get = open.result.transaction('search').objectStore('search').get('meta');
            get.onsuccess = () => {
              open.result.close();
              done((get.result as { bytes: number }).bytes);
            };
          };
        }),
    );

    // A new page: the index is read again from IndexedDB by the first query.
    await page.goto(`${origin}/cari/`);
    await page.locator('warta-search-results[data-state="idle"]').waitFor();
    const first = await timedSearch(page, 'gencatan senjata');
    const warm: { listed: number; detailed: number }[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [query] of TABLE) warm.push(await timedSearch(page, query));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      articles: indexing.articles,
      bodyBytes,
      indexBytes,
      indexToBody: indexBytes / bodyBytes,
      indexingMsPerArticle4xCpu: indexing.ms / Math.max(1, indexing.articles),
      firstQueryMs4xCpu: first.listed,
      firstQueryDetailsMs4xCpu: first.detailed,
      warmMedianMs4xCpu: percentile(
        warm.map((run) => run.listed),
        0.5,
      ),
      warmP95Ms4xCpu: percentile(
        warm.map((run) => run.listed),
        0.95,
      ),
      warmDetailsMedianMs4xCpu: percentile(
        warm.map((run) => run.detailed),
        0.5,
      ),
      warmDetailsP95Ms4xCpu: percentile(
        warm.map((run) => run.detailed),
        0.95,
      ),
      warmRuns: warm.length,
    };
  } finally {
    await context.close();
  }
}
