/**
 * Sync in the benchmark (`BENCH_ONLY=sync npm run bench`; issue 15 part 6), on DevTools' Slow 3G
 * (400 kbps, 2 s latency), side by side in one run, each figure the median of `runs`:
 *
 * - the reader's "Unduh" in Tersimpan bringing the 20 newest articles onto a device that has none
 *   (the app already loaded, then the network slowed): from the press to "done", less the time
 *   the bench took to answer the size question;
 * - the same after 5 new articles were published, onto the device that synced before;
 * - the physical floor for the same bytes: one round trip plus bytes ÷ bandwidth, and the issue's
 *   target, two round trips plus 1.1 × bytes ÷ bandwidth;
 * - opening the same 20 article pages one after another, each to its `load` event, the app kept;
 * - bytes per new article (the packs' bytes sent, over the articles) against each article's own
 *   JSON gzipped alone (`/articles/<slug>.json.gz`);
 * - a cancelled sync: from pressing "Hentikan unduhan" to the control saying it stopped.
 *
 * Bytes are counted by the server (the response bodies it sent, gzip as served). The network is
 * shaped at the server (each response held back by the latency, every body sent through one
 * 400 kbps pipe), not by DevTools: DevTools' emulation slows the page's own requests but not the
 * service worker's, which answer every navigation; shaped at the server, the sync and the 20 pages
 * cross the same slow link.
 */
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from '../tools/build.js';
import { countResponses, serve, type Handler, type Sent } from '../tools/serve.js';

/** DevTools' Slow 3G, as DevTools applies it (bytes per second, ms). */
const SLOW_3G = { latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 };
const FIRST = 25;
const PUBLISHED = 5;
const COUNT = 20;

export interface SyncFigures {
  readonly network: string;
  readonly syncNewestMs: number;
  readonly syncNewestBytes: number;
  readonly syncNewestFloorMs: number;
  readonly syncNewestTargetMs: number;
  readonly syncAfterFiveMs: number;
  readonly syncAfterFiveBytes: number;
  readonly syncAfterFiveFloorMs: number;
  readonly syncAfterFiveTargetMs: number;
  /** Every run's figure, in run order: how far the median stands from the spread. */
  readonly syncNewestRunsMs: readonly number[];
  readonly syncAfterFiveRunsMs: readonly number[];
  readonly openTwentyPagesMs: number;
  readonly pagesOverSync: number;
  readonly bytesPerNewArticle: number;
  readonly ownGzipPerArticle: number;
  readonly bytesPerNewArticleRatio: number;
  readonly cancelToStoppedMs: number;
  readonly runs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const slugOf = (day: number): string => `banyak-${String(day).padStart(2, '0')}`;

async function writeArticles(content: string, upTo: number): Promise<void> {
  const seed = await readFile('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');
  await mkdir(content, { recursive: true });
  for (let day = 1; day <= upTo; day += 1) {
    const number = String(day).padStart(2, '0');
    await writeFile(
      join(content, `${slugOf(day)}.txt`),
      seed
        .replace(/^title: (.*)$/mu, `title: $1 (${number})`)
        .replace(/^date: .*$/mu, `date: ${new Date(Date.UTC(2020, 10, day)).toISOString().slice(0, 10)}`),
    );
  }
}

/** The floor for these bytes in one round trip, and the target: two, and 10 % slack on the bytes. */
function bounds(bytes: number): { floor: number; target: number } {
  const transfer = (bytes / SLOW_3G.downloadThroughput) * 1000;
  return { floor: SLOW_3G.latency + transfer, target: 2 * SLOW_3G.latency + 1.1 * transfer };
}

/**
 * Slow 3G at the server, while `on()` says so: each response starts `latency` ms after its request
 * came, and every body goes through one pipe of `downloadThroughput` bytes a second, 1 KB at a time.
 */
function shaped(on: () => boolean): (handler: Handler) => Handler {
  let free = 0;
  return (handler) => (req, res) => {
    if (!on()) {
      handler(req, res);
      return;
    }
    const write = res.write.bind(res) as (chunk: Buffer) => boolean;
    const end = res.end.bind(res) as () => void;
    let last = Promise.resolve();
    const send = (chunk: Buffer): void => {
      for (let start = 0; start < chunk.byteLength; start += 1024) {
        const piece = chunk.subarray(start, start + 1024);
        const at = Math.max(performance.now(), free);
        free = at + (piece.byteLength / SLOW_3G.downloadThroughput) * 1000;
        last = last.then(
          () =>
            new Promise((done) =>
              setTimeout(() => {
                if (!res.destroyed) write(piece);
                done();
              }, at - performance.now()),
            ),
        );
      }
    };
    const bytes = (chunk: unknown): Buffer =>
      Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.alloc(0);
    res.write = ((chunk: unknown) => {
      send(bytes(chunk));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      send(bytes(chunk));
      void last.then(() => {
        if (!res.destroyed) end();
      });
      return res;
    }) as typeof res.end;
    setTimeout(() => {
      handler(req, res);
    }, SLOW_3G.latency);
  };
}

const control = (page: Page) => page.locator('warta-sync');

/** Polls the control's state every 20 ms until it is one of `states`; returns it. */
async function waitState(page: Page, states: readonly string[], timeout = 120_000): Promise<string> {
  const until = performance.now() + timeout;
  for (;;) {
    const state = (await control(page).getAttribute('data-state')) ?? '';
    if (states.includes(state)) return state;
    if (performance.now() > until) throw new Error(`the sync control stayed ${state}, not ${states.join(' or ')}`);
    await page.waitForTimeout(20);
  }
}

/**
 * Tersimpan on a device that keeps the app, its sync control idle: loaded at full speed, under
 * the worker, so that only the sync is measured.
 */
async function openTersimpan(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/tersimpan/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.reload();
  await control(page).and(page.locator('[data-state="idle"]')).waitFor();
  return page;
}

/**
 * Records in the page, on the page's clock, when each button of the control is pressed (the
 * click event's own time) and when the control's `data-state` changes (as the change is made):
 * what the reader lives through, without the time the bench's driver takes to click and to poll.
 */
async function watchControl(page: Page): Promise<void> {
  await control(page).evaluate((host) => {
    const marks: { what: string; at: number }[] = [];
    Object.assign(window, { __syncMarks: marks });
    host.addEventListener(
      'click',
      (event) => {
        const button = event.composedPath().find((target) => target instanceof HTMLButtonElement);
        if (button instanceof HTMLButtonElement)
          marks.push({
            what: `press ${button.textContent.trim()}`,
            at: performance.timeOrigin + event.timeStamp,
          });
      },
      true,
    );
    new MutationObserver(() => {
      marks.push({
        what: `state ${host.getAttribute('data-state') ?? ''}`,
        at: performance.timeOrigin + performance.now(),
      });
    }).observe(host, { attributes: true, attributeFilter: ['data-state'] });
  });
}

/**
 * Presses "Unduh" and waits for the end, answering the size question at once. Timed in the page
 * (see `watchControl`): from the press to the control saying "done", less the time the size
 * question stood on screen until its answer was pressed (the reader's, not the sync's).
 */
async function timedSync(page: Page): Promise<number> {
  await watchControl(page);
  await control(page)
    .getByRole('button', { name: /^Unduh \d+ artikel terbaru$/u })
    .click();
  if ((await waitState(page, ['confirming', 'done', 'failed'])) === 'confirming') {
    await control(page).getByRole('button', { name: 'Unduh', exact: true }).click();
    await waitState(page, ['done', 'failed']);
  }
  if ((await control(page).getAttribute('data-state')) !== 'done') throw new Error('the sync did not end done');
  const marks = await page.evaluate(
    () => (window as unknown as { __syncMarks: { what: string; at: number }[] }).__syncMarks,
  );
  const at = (what: RegExp): number => {
    const mark = marks.find((candidate) => what.test(candidate.what));
    if (mark === undefined) throw new Error(`no mark ${what.source} in ${JSON.stringify(marks)}`);
    return mark.at;
  };
  const asked = marks.some((mark) => mark.what === 'state confirming')
    ? at(/^press Unduh$/u) - at(/^state confirming$/u)
    : 0;
  return at(/^state done$/u) - at(/^press Unduh \d+ artikel terbaru$/u) - asked;
}

export async function syncBench(browser: Browser, runs: number): Promise<SyncFigures> {
  const work = await mkdtemp(join(tmpdir(), 'warta-bench-sync-'));
  try {
    const content = join(work, 'content');
    const [first, next, served] = [join(work, 'first'), join(work, 'next'), join(work, 'served')];
    await writeArticles(content, FIRST);
    await build({ out: first, content, log: () => undefined });
    await writeArticles(content, FIRST + PUBLISHED);
    await build({ out: next, content, log: () => undefined });

    let sent: Sent[] = [];
    const figures: Record<string, number[]> = {};
    const add = (name: string, value: number): void => {
      (figures[name] ??= []).push(value);
    };
    const packBytes = (): number =>
      sent
        .filter(
          (response) =>
            /^\/perubahan\/(index\.json|\d+\.pack)$/u.test(response.url) ||
            response.url.startsWith('/articles/glossary-'),
        )
        .reduce((sum, response) => sum + response.bytes, 0);
    const articleBytes = (): number =>
      sent.filter((response) => response.url.endsWith('.pack')).reduce((sum, response) => sum + response.bytes, 0);

    for (let run = 0; run < runs; run += 1) {
      await rm(served, { recursive: true, force: true });
      await cp(first, served, { recursive: true });
      let slow = false;
      const counting = countResponses((response) => sent.push(response));
      const shaping = shaped(() => slow);
      const server = await serve({ dir: served, port: 0, wrap: (handler) => counting(shaping(handler)) });
      const origin = `http://localhost:${String((server.address() as AddressInfo).port)}`;
      const context = await browser.newContext({ locale: 'id-ID' });
      try {
        const page = await openTersimpan(context, origin);
        slow = true;

        sent = [];
        add('syncNewestMs', await timedSync(page));
        add('syncNewestBytes', packBytes());
        const newest = Array.from({ length: COUNT }, (_, index) => slugOf(FIRST - index));
        let own = 0;
        for (const slug of newest) own += (await stat(join(first, 'articles', `${slug}.json.gz`))).size;
        add('bytesPerNewArticle', articleBytes() / COUNT);
        add('ownGzipPerArticle', own / COUNT);

        await cp(next, served, { recursive: true, force: true });
        sent = [];
        add('syncAfterFiveMs', await timedSync(page));
        add('syncAfterFiveBytes', packBytes());

        // The same 20 pages opened one after another, each to its load event (the app kept).
        const pages = await context.newPage();
        const opening = performance.now();
        for (const slug of newest)
          await pages.goto(`${origin}/artikel/${slug}/`, { waitUntil: 'load', timeout: 120_000 });
        add('openTwentyPagesMs', performance.now() - opening);
        await pages.close();
      } finally {
        slow = false;
        await context.close();
      }

      // A cancelled sync, on a fresh device.
      const fresh = await browser.newContext({ locale: 'id-ID' });
      try {
        const page = await openTersimpan(fresh, origin);
        slow = true;
        await control(page)
          .getByRole('button', { name: /^Unduh \d+ artikel terbaru$/u })
          .click();
        await control(page).getByRole('button', { name: 'Unduh', exact: true }).click({ timeout: 60_000 });
        const stop = control(page).getByRole('button', { name: 'Hentikan unduhan' });
        await stop.waitFor();
        const pressed = performance.now();
        await stop.click();
        await waitState(page, ['cancelled'], 60_000);
        add('cancelToStoppedMs', performance.now() - pressed);
      } finally {
        slow = false;
        await fresh.close();
        await new Promise((done) => server.close(done));
      }
    }
    const m = (name: string): number => Math.round(median(figures[name] ?? []));
    const newestBounds = bounds(m('syncNewestBytes'));
    const fiveBounds = bounds(m('syncAfterFiveBytes'));
    return {
      network: 'Slow 3G (400 kbps, 2 s latency)',
      syncNewestMs: m('syncNewestMs'),
      syncNewestBytes: m('syncNewestBytes'),
      syncNewestFloorMs: Math.round(newestBounds.floor),
      syncNewestTargetMs: Math.round(newestBounds.target),
      syncAfterFiveMs: m('syncAfterFiveMs'),
      syncAfterFiveBytes: m('syncAfterFiveBytes'),
      syncAfterFiveFloorMs: Math.round(fiveBounds.floor),
      syncAfterFiveTargetMs: Math.round(fiveBounds.target),
      syncNewestRunsMs: (figures['syncNewestMs'] ?? []).map(Math.round),
      syncAfterFiveRunsMs: (figures['syncAfterFiveMs'] ?? []).map(Math.round),
      openTwentyPagesMs: m('openTwentyPagesMs'),
      pagesOverSync: Math.round((m('openTwentyPagesMs') / m('syncNewestMs')) * 10) / 10,
      bytesPerNewArticle: m('bytesPerNewArticle'),
      ownGzipPerArticle: m('ownGzipPerArticle'),
      bytesPerNewArticleRatio: Math.round((m('bytesPerNewArticle') / m('ownGzipPerArticle')) * 1000) / 1000,
      cancelToStoppedMs: m('cancelToStoppedMs'),
      runs,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
