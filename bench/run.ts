/**
 * `npm run bench`: a benchmark, not a test. It builds, serves dist/ with the project's serve
 * script on localhost, and drives the system Chromium with DevTools network and CPU
 * emulation. Each figure is the median of RUNS runs. Prints a table and writes
 * bench/results.json.
 *
 * Measured:
 * - lead paragraph painted (Element Timing, `elementtiming="lead"`) on Slow 3G and Slow 4G, for
 *   Warta's first visit and for a bare HTML page of the same article (no CSS, no JS) that this
 *   script writes and serves from the same server; and the ratio Warta / bare;
 * - Warta's repeat visit, online (service worker) and offline (server stopped), at 4x CPU;
 * - bytes the page transferred on a first visit, by type; everything the visit transferred, the
 *   service worker's fetches included, as the server counted it; requests started before first paint;
 * - time from activating a glossary term to its bubble being painted (4x CPU).
 * - time from pressing "Dengarkan" to the first utterance's start, the app already kept, at 4x
 *   CPU: with a scripted engine and with espeak-ng (bench/listen.ts).
 * - sync on Slow 3G (bench/sync.ts): the 20 newest articles, then 5 new ones, against their floor and
 *   against opening the 20 pages; bytes per new article; a cancel.
 * - Lighthouse (mobile, its default) scores for performance, accessibility, best practices and
 *   SEO against the system Chromium, median of 3.
 * - scale: with 1, 100 and 1,000 generated articles (copies of the seed under other slugs), the
 *   content build's time, the home page's load time, and the time for Tersimpan to read that many
 *   articles from IndexedDB and list them.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { parseArticle } from '../src/content/parse-article.js';
import { listenEspeak, listenScripted } from './listen.js';
import { CHROMIUM_ARGS, findChromium } from '../tools/chromium.js';
import { countResponses, serve, type Sent } from '../tools/serve.js';
import { lighthouseRun } from './lighthouse.js';
import { searchBench, type SearchFigures } from './search.js';
import { syncBench, type SyncFigures } from './sync.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/** `BENCH_ONLY=listen`, `search` or `sync` measures read aloud, search or sync only (the whole bench takes minutes). */
const ONLY = process.env['BENCH_ONLY'];
const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
const ARTICLE = `/artikel/${SLUG}/`;
const BARE = '/bench-bare/';

/** DevTools' presets (throughput in bytes per second, latency in ms, as DevTools applies them). */
const NETWORKS = {
  'Slow 3G': { latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 },
  'Slow 4G': {
    latency: 562.5,
    downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
    uploadThroughput: (750 * 1000 * 0.9) / 8,
  },
} as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** The same article as a bare page: the publisher's text in plain elements, nothing else. */
async function writeBarePage(dir: string): Promise<void> {
  const parsed = parseArticle(await readFile(`content/articles/${SLUG}.txt`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const article = parsed.article;
  const html = [
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>bare</title>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>',
    `<h1>${escape(article.title.text)}</h1>`,
    `<p elementtiming="lead">${escape(article.dateline?.text ?? '')} ${escape(article.lead.text)}</p>`,
    ...article.paragraphs.map((p) => `<p>${escape(p.text)}</p>`),
    '</body></html>',
  ].join('\n');
  await mkdir(join(dir, 'bench-bare'), { recursive: true });
  await writeFile(join(dir, 'bench-bare', 'index.html'), html);
}

async function emulate(
  cdp: CDPSession,
  network: (typeof NETWORKS)[keyof typeof NETWORKS] | null,
  cpu: number,
): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network?.latency ?? 0,
    downloadThroughput: network?.downloadThroughput ?? -1,
    uploadThroughput: network?.uploadThroughput ?? -1,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
}

/** Records when the lead paragraph is painted, and what loaded before first paint. */
const OBSERVE = (): void => {
  const record = window as unknown as { __lead?: number; __fcp?: number };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      renderTime: number;
      loadTime: number;
      identifier: string;
    })[]) {
      if (entry.identifier === 'lead') record.__lead = entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') record.__fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
};

async function leadPainted(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __lead?: number }).__lead !== undefined, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => (window as unknown as { __lead: number }).__lead);
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
  await context.addInitScript(OBSERVE);
  return context;
}

async function firstVisit(browser: Browser, origin: string, path: string, network: keyof typeof NETWORKS) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await emulate(cdp, NETWORKS[network], 1);
  const bytes: Record<string, number> = {};
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + event.encodedDataLength;
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
  const lead = await leadPainted(page);
  await page.waitForLoadState('load');
  const beforePaint = await page.evaluate(() => {
    const fcp = (window as unknown as { __fcp?: number }).__fcp ?? Infinity;
    return 1 + performance.getEntriesByType('resource').filter((entry) => entry.startTime < fcp).length;
  });
  await context.close();
  return { lead, bytes, beforePaint };
}

/**
 * Everything a first visit transfers, counted by the server (so the service worker's own
 * fetches are in it), once the worker has installed: per file and in total.
 */
async function firstVisitTransfer(browser: Browser, dir: string): Promise<{ total: number; files: Sent[] }> {
  const files: Sent[] = [];
  const server = await serve({
    dir,
    port: 0,
    wrap: countResponses((response) => {
      files.push(response);
    }),
  });
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}${ARTICLE}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await context.close();
  } finally {
    server.close();
  }
  return { total: files.reduce((sum, file) => sum + file.bytes, 0), files };
}

async function repeatVisit(browser: Browser, origin: string, stop: () => Promise<void>, offline: boolean) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${origin}${ARTICLE}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await page.locator('warta-article-tools[data-state="kept"]').waitFor({ timeout: 20_000 });
  await page.close();
  if (offline) await stop();
  const again = await context.newPage();
  const cdp = await context.newCDPSession(again);
  await emulate(cdp, null, 4);
  await again.goto(`${origin}${ARTICLE}`, { waitUntil: 'commit' });
  const lead = await leadPainted(again);
  await context.close();
  return lead;
}

async function bubbleTime(browser: Browser, origin: string): Promise<number> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}${ARTICLE}`);
  await page.getByRole('button', { name: 'Grup Minsk', exact: true }).waitFor();
  await emulate(cdp, null, 4);
  const ms = await page.evaluate(async () => {
    const term = document.querySelector('warta-term[entry="grup-minsk"]');
    const button = term?.shadowRoot?.querySelector('button');
    if (!button) throw new Error('no term button');
    const start = performance.now();
    button.click();
    // The bubble is painted in the frame after the click: wait for that frame to be produced,
    // and count it only if the bubble was open and in its place (not at the top layer's default).
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const bubble = term?.shadowRoot?.querySelector<HTMLElement>('.bubble');
    if (!bubble?.matches(':popover-open')) throw new Error('the bubble did not open');
    if (bubble.style.top === '') throw new Error('the bubble was painted before it was placed');
    return performance.now() - start;
  });
  await context.close();
  return ms;
}

/** A content folder of `count` articles: the seed under other slugs, titles and dates. */
async function generateContent(count: number): Promise<string> {
  const seed = await readFile(`content/articles/${SLUG}.txt`, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), `warta-content-${count}-`));
  for (let index = 0; index < count; index += 1) {
    const day = String((index % 28) + 1).padStart(2, '0');
    const text = seed
      .replace(/^title: (.*)$/mu, `title: $1 (${index + 1})`)
      .replace(/^date: .*$/mu, `date: 2020-10-${day}`);
    await writeFile(join(dir, `2020-10-${day}-artikel-${index + 1}.txt`), text);
  }
  return dir;
}

interface ScaleFigures {
  articles: number;
  buildSeconds: number;
  homeLoadMs: number;
  libraryListMs: number;
  /** Why the build failed at this size, if it did. */
  failed?: string;
}

async function scale(browser: Browser, count: number): Promise<ScaleFigures> {
  const content = await generateContent(count);
  const out = await mkdtemp(join(tmpdir(), `warta-build-${count}-`));
  const start = performance.now();
  try {
    execFileSync('npx', ['tsx', 'tools/build.ts', '--out', out, '--content', content], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? error);
    const failed = output.slice(0, 200);
    return {
      articles: count,
      buildSeconds: (performance.now() - start) / 1000,
      homeLoadMs: NaN,
      libraryListMs: NaN,
      failed,
    };
  }
  const buildSeconds = (performance.now() - start) / 1000;
  const server = await serve({ dir: out, port: 0 });
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    const home: number[] = [];
    const list: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      home.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? NaN));
      // Keep one article through the app, then copy its record under every slug the build made.
      const first = await page.locator('.article-list a').first().getAttribute('href');
      await page.goto(`${origin}${first ?? '/'}`);
      await page.locator('warta-article-tools[data-state="kept"]').waitFor();
      await page.evaluate(async (total) => {
        const db = await new Promise<IDBDatabase>((done) => {
          const open = indexedDB.open('warta');
          open.onsuccess = () => {
            done(open.result);
          };
        });
        const store = db.transaction('articles', 'readwrite').objectStore('articles');
        const [record] = await new Promise<Record<string, unknown>[]>((done) => {
          const all = store.getAll();
          all.onsuccess = () => {
            done(all.result as Record<string, unknown>[]);
          };
        });
        if (record === undefined) throw new Error('no kept article');
        const article = record['article'] as Record<string, unknown>;
        for (let index = 0; index < total; index += 1) {
          const slug = `salinan-${index}`;
          store.put({ ...record, slug, lastReadAt: index, article: { ...article, slug } });
        }
        await new Promise((done) => {
          store.transaction.oncomplete = done;
        });
        db.close();
      }, count);
      await page.goto(`${origin}/tersimpan/`);
      list.push(
        await page.evaluate(async (total) => {
          const host = document.querySelector('warta-library');
          for (;;) {
            const items = host?.shadowRoot?.querySelectorAll('li').length ?? 0;
            if (items >= total) return performance.now();
            await new Promise((done) => requestAnimationFrame(done));
          }
        }, count),
      );
      await context.close();
    }
    return { articles: count, buildSeconds, homeLoadMs: median(home), libraryListMs: median(list) };
  } finally {
    server.close();
  }
}

const started = Date.now();
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const dir = await mkdtemp(join(tmpdir(), 'warta-bench-'));
await cp('dist', dir, { recursive: true });
await writeBarePage(dir);

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
const results: Record<string, unknown> = { date: new Date().toISOString(), runs: RUNS, chromium: browser.version() };
try {
  const server = await serve({ dir, port: 0 });
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  if (ONLY === undefined) {
    const text: Record<string, { warta: number; bare: number; ratio: number }> = {};
    let firstBytes: Record<string, number> = {};
    let beforePaint = 0;
    for (const network of Object.keys(NETWORKS) as (keyof typeof NETWORKS)[]) {
      const warta: number[] = [];
      const bare: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const visit = await firstVisit(browser, origin, ARTICLE, network);
        warta.push(visit.lead);
        firstBytes = visit.bytes;
        beforePaint = visit.beforePaint;
        bare.push((await firstVisit(browser, origin, BARE, network)).lead);
      }
      text[network] = { warta: median(warta), bare: median(bare), ratio: median(warta) / median(bare) };
    }
    results['textVisibleMs'] = text;
    results['firstVisitBytesByType'] = firstBytes;
    results['requestsBeforeFirstPaint'] = beforePaint;
    results['firstVisitTransfer'] = await firstVisitTransfer(browser, dir);

    const online: number[] = [];
    for (let run = 0; run < RUNS; run += 1)
      online.push(await repeatVisit(browser, origin, () => Promise.resolve(), false));
    results['repeatVisitOnlineMs4xCpu'] = median(online);

    const offline: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const own = await serve({ dir, port: 0 });
      const ownOrigin = `http://localhost:${(own.address() as AddressInfo).port}`;
      const stop = (): Promise<void> =>
        new Promise((done) => {
          own.closeAllConnections();
          own.close(() => {
            done();
          });
        });
      offline.push(await repeatVisit(browser, ownOrigin, stop, true));
    }
    results['repeatVisitOfflineMs4xCpu'] = median(offline);

    const bubble: number[] = [];
    for (let run = 0; run < RUNS; run += 1) bubble.push(await bubbleTime(browser, origin));
    results['glossaryBubbleMs4xCpu'] = median(bubble);

    const sizes = (process.env['BENCH_SCALE'] ?? '1,100,1000').split(',').map(Number);
    const scaled: ScaleFigures[] = [];
    for (const count of sizes) scaled.push(await scale(browser, count));
    results['scale'] = scaled;

    const audits: Record<string, number>[] = [];
    for (let run = 0; run < 3; run += 1) audits.push((await lighthouseRun(`${origin}${ARTICLE}`)).scores);
    results['lighthouseMobile'] = Object.fromEntries(
      Object.keys(audits[0] ?? {}).map((id) => [id, median(audits.map((audit) => audit[id] ?? 0))]),
    );
  }
  if (ONLY === undefined || ONLY === 'listen') {
    const scripted: number[] = [];
    for (let run = 0; run < RUNS; run += 1) scripted.push(await listenScripted(browser, `${origin}${ARTICLE}`));
    results['listenPlayToStartMs4xCpu'] = median(scripted);
    const espeak: number[] = [];
    for (let run = 0; run < RUNS; run += 1) espeak.push(await listenEspeak(`${origin}${ARTICLE}`, run));
    results['listenPlayToStartEspeakMs4xCpu'] = median(espeak);
  }
  if (ONLY === undefined || ONLY === 'search') results['search'] = await searchBench(browser, origin, ARTICLE);
  if (ONLY === undefined || ONLY === 'sync')
    results['sync'] = await syncBench(browser, ONLY === 'sync' ? RUNS : Math.min(RUNS, 3));
  server.close();
} finally {
  await browser.close();
}
results['benchSeconds'] = Math.round((Date.now() - started) / 1000);

const round = (value: unknown): string =>
  typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 0) : String(value);
const listenRows: [string, string, string][] = [
  ['Dengarkan to first start, scripted, 4x CPU', `${round(results['listenPlayToStartMs4xCpu'])} ms`, 'target ≤ 300 ms'],
  ['Dengarkan to first start, espeak-ng, 4x CPU', `${round(results['listenPlayToStartEspeakMs4xCpu'])} ms`, ''],
];
const search = results['search'] as SearchFigures | undefined;
const searchRows: [string, string, string][] =
  search === undefined
    ? []
    : [
        [
          `search, ${String(search.articles)} articles: indexing`,
          `${round(search.indexingMsPerArticle4xCpu)} ms`,
          'per article, 4x CPU, target ≤ 10 ms',
        ],
        [
          'search: first query, index loaded',
          `${round(search.firstQueryMs4xCpu)} ms`,
          `4x CPU, target ≤ 500 ms; passages ${round(search.firstQueryDetailsMs4xCpu)} ms`,
        ],
        [
          'search: warm query, median / p95',
          `${round(search.warmMedianMs4xCpu)} / ${round(search.warmP95Ms4xCpu)} ms`,
          `${String(search.warmRuns)} runs, 4x CPU, target p95 ≤ 30 ms`,
        ],
        [
          'search: warm, with passages, med / p95',
          `${round(search.warmDetailsMedianMs4xCpu)} / ${round(search.warmDetailsP95Ms4xCpu)} ms`,
          'read from the stored articles',
        ],
        [
          'search: index / body text',
          search.indexToBody.toFixed(2),
          `${String(search.indexBytes)} B / ${String(search.bodyBytes)} B, target ≤ 1.5`,
        ],
      ];
const sync = results['sync'] as SyncFigures | undefined;
const syncRows: [string, string, string][] =
  sync === undefined
    ? []
    : [
        [
          'sync 20 newest, none on the device',
          `${round(sync.syncNewestMs)} ms`,
          `${String(sync.syncNewestBytes)} B; floor ${round(sync.syncNewestFloorMs)} ms, target ≤ ${round(sync.syncNewestTargetMs)} ms; runs ${sync.syncNewestRunsMs.join(', ')}`,
        ],
        [
          'sync after 5 new articles',
          `${round(sync.syncAfterFiveMs)} ms`,
          `${String(sync.syncAfterFiveBytes)} B; floor ${round(sync.syncAfterFiveFloorMs)} ms, target ≤ ${round(sync.syncAfterFiveTargetMs)} ms; runs ${sync.syncAfterFiveRunsMs.join(', ')}`,
        ],
        [
          'opening the same 20 pages in turn',
          `${round(sync.openTwentyPagesMs)} ms`,
          `${sync.pagesOverSync.toFixed(1)}× the sync (target ≥ 5×)`,
        ],
        [
          'bytes per new article',
          `${String(sync.bytesPerNewArticle)} B`,
          `its own gzipped JSON ${String(sync.ownGzipPerArticle)} B: ${(sync.bytesPerNewArticleRatio * 100).toFixed(1)} % (target ≤ 110 %)`,
        ],
        ['cancel to stopped', `${round(sync.cancelToStoppedMs)} ms`, sync.network],
      ];
const text = (results['textVisibleMs'] ?? {}) as Record<string, { warta: number; bare: number; ratio: number }>;
const rows: [string, string, string][] =
  ONLY === 'listen'
    ? listenRows
    : ONLY === 'search'
      ? searchRows
      : ONLY === 'sync'
        ? syncRows
        : [
            ...Object.entries(text).flatMap(([network, t]): [string, string, string][] => [
              [
                `lead painted, first visit, ${network}`,
                `${round(t.warta)} ms`,
                `bare ${round(t.bare)} ms, ratio ${t.ratio.toFixed(2)} (target ≤ 1.10)`,
              ],
            ]),
            ['repeat visit online, 4x CPU', `${round(results['repeatVisitOnlineMs4xCpu'])} ms`, ''],
            ['repeat visit offline, 4x CPU', `${round(results['repeatVisitOfflineMs4xCpu'])} ms`, 'target ≤ 1000 ms'],
            ['glossary bubble painted, 4x CPU', `${round(results['glossaryBubbleMs4xCpu'])} ms`, 'target ≤ 50 ms'],
            ...listenRows,
            ...searchRows,
            ...syncRows,
            ['requests before first paint', String(results['requestsBeforeFirstPaint']), ''],
            ...Object.entries(results['lighthouseMobile'] as Record<string, number>).map(
              ([id, score]): [string, string, string] => [`Lighthouse mobile, ${id}`, String(score), 'target 100'],
            ),
            ...(results['scale'] as ScaleFigures[]).map((figures): [string, string, string] => [
              `scale, ${figures.articles} articles`,
              figures.failed === undefined ? `${figures.buildSeconds.toFixed(1)} s build` : 'build FAILED',
              figures.failed ??
                `home ${figures.homeLoadMs.toFixed(0)} ms, Tersimpan lists them in ${figures.libraryListMs.toFixed(0)} ms, build ${((figures.buildSeconds * 1000) / figures.articles).toFixed(1)} ms per article`,
            ]),
            ...Object.entries(results['firstVisitBytesByType'] as Record<string, number>).map(
              ([type, value]): [string, string, string] => [
                `first-visit bytes the page saw, ${type}`,
                `${value} B`,
                '',
              ],
            ),
            [
              'first-visit transfer, worker included',
              `${String((results['firstVisitTransfer'] as { total: number }).total)} B`,
              'budget ≤ 40960 B',
            ],
          ];
for (const [name, value, note] of rows) process.stdout.write(`${name.padEnd(40)} ${value.padStart(10)}  ${note}\n`);
// A run of one part is added to the last full run's results, under its own key (`listenRun`,
// `searchRun`); a full run keeps the scale figures, which `npm run bench:scale` measures apart
// (bench/scale.ts).
const previous = JSON.parse(await readFile('bench/results.json', 'utf8')) as Record<string, unknown>;
const written =
  ONLY === undefined
    ? { ...results, ...(previous['scaleRun'] === undefined ? {} : { scaleRun: previous['scaleRun'] }) }
    : { ...previous, [`${ONLY}Run`]: results };
await writeFile('bench/results.json', `${JSON.stringify(written, null, 2)}\n`);
process.stdout.write('wrote bench/results.json\n');
