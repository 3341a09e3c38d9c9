import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.js';
import { packRanges, readChangeIndex, type ChangeIndex, type PackRange } from '../../src/content/change-log.js';
import { isStoredArticle } from '../../src/data/articles.js';
import { DB_VERSION } from '../../src/data/schema.js';
import { localDay, SYNC_STATE_KEY, type SyncState } from '../../src/data/sync.js';
import { SYNC_SETTINGS_KEY, type SyncSettings } from '../../src/content/sync-policy.js';
import { appFilesIn } from '../../tools/budgets.js';
import type { Handler } from '../../tools/serve.js';
import { filesFor } from '../../src/sw/app-files.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { MANY_BUILD, MANY_EDITED, MANY_NEXT_BUILD } from './global-setup.js';
import { deploy, keptAppFiles, ownServer, visitAndKeep, type OwnServer } from './own-server.js';

/**
 * Sync (issue 15) under bad networks and faults, each real: the server stopped or answering
 * badly, the worker stopped, the disk full, another version in the database. Every sync here is
 * the service worker's, started as Chromium starts one (a one-off Background Sync, through the
 * DevTools protocol) or by a page loading with automatic downloads on. After each fault, every
 * stored record passes the app's own check, and the article kept before reads offline.
 */

/** An article the reader kept before any sync: older than the newest 20 a sync brings. */
const KEPT = 'artikel-05';
/** How many of the newest articles a sync keeps (the default). */
const COUNT = 20;
/** A dripped pack goes out in pieces of this many bytes, one every PAUSE_MS: an article is ~1.9 kB. */
const PIECE = 1_000;
const PAUSE_MS = 60;
/** Room for a few articles more than the device holds (IndexedDB's reckoning is its own). */
const ROOM = 100_000;

/** What the server did with the packs, and what it will do with the next. */
interface PackTap {
  /** The Range header of each pack request, in order. */
  readonly ranges: string[];
  /** Pack bytes written to the wire. */
  bytes: number;
  /** Whether the packs go out slowly, a piece at a time, as on a slow link. */
  drip: boolean;
  /** Awaited before a pack request is answered (a deploy between the index and the pack). */
  before: (() => Promise<void>) | null;
  /** How each pack response ended: sent whole, or its connection closed before the end. */
  readonly ends: ('whole' | 'cut')[];
}

const isPack = (url: string | undefined): boolean =>
  /^\/perubahan\/\d+\.pack$/u.test(new URL(url ?? '/', 'http://localhost').pathname);

/** Wraps the site's handler to watch, slow down or hold back the packs as `tap` says. */
const tapPacks =
  (tap: PackTap) =>
  (handler: Handler): Handler =>
  (req, res) => {
    if (!isPack(req.url)) {
      handler(req, res);
      return;
    }
    tap.ranges.push(req.headers.range ?? '');
    let closed = false;
    res.on('close', () => {
      closed = true;
      tap.ends.push(res.writableFinished ? 'whole' : 'cut');
    });
    const write = res.write.bind(res) as (chunk: Buffer) => boolean;
    const end = res.end.bind(res) as () => void;
    let queue = Promise.resolve();
    const pause = (): Promise<void> => new Promise((done) => setTimeout(done, tap.drip ? PAUSE_MS : 0));
    res.write = ((chunk: Buffer) => {
      const size = tap.drip ? PIECE : chunk.byteLength;
      for (let start = 0; start < chunk.byteLength; start += size) {
        const piece = chunk.subarray(start, start + size);
        queue = queue.then(pause).then(() => {
          if (closed) return;
          tap.bytes += piece.byteLength;
          write(piece);
        });
      }
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      if (chunk instanceof Buffer) res.write(chunk);
      queue = queue.then(() => {
        if (!closed) end();
      });
      return res;
    }) as typeof res.end;
    const { before } = tap;
    if (before === null) handler(req, res);
    else
      void before().then(() => {
        handler(req, res);
      });
  };

let site: OwnServer;
let tap: PackTap;

test.beforeEach(async ({ context }) => {
  tap = { ranges: [], bytes: 0, drip: false, before: null, ends: [] };
  site = await ownServer({ copyOf: MANY_BUILD, wrap: tapPacks(tap) });
  await hearSyncs(context);
});

/** Every document hears the sync channel from its start: what a sync says when it ends. */
async function hearSyncs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const heard: unknown[] = [];
    (window as unknown as { __syncHeard: unknown[] }).__syncHeard = heard;
    new BroadcastChannel('warta-sync').onmessage = (event) => {
      heard.push(event.data);
    };
  });
}

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

/** The change log as a build publishes it. */
async function changeIndex(build: string): Promise<ChangeIndex> {
  const read = readChangeIndex(JSON.parse(await readFile(join(build, 'perubahan', 'index.json'), 'utf8')));
  if (!read.ok) throw new Error(`${build}: ${read.reason}`);
  return read.value;
}

/** Where each of the newest `COUNT` articles lies in its pack, as a sync from nothing plans it. */
async function newestRanges(build: string): Promise<PackRange[]> {
  const index = await changeIndex(build);
  const ranges = index.recent.flatMap((page) => packRanges(page));
  return ranges
    .sort((a, b) => ((a.entry.published ?? '') < (b.entry.published ?? '') ? 1 : -1))
    .slice(0, COUNT)
    .sort((a, b) => a.start - b.start);
}

/** The Range header of one request for these adjacent articles. */
const rangeOf = (ranges: readonly PackRange[]): string =>
  `bytes=${String(ranges[0]?.start)}-${String((ranges.at(-1)?.end ?? 0) - 1)}`;

/** The service worker, through the DevTools protocol, as Chromium's own Background Sync drives it. */
interface WorkerControl {
  /** Fires a one-off Background Sync (the reader asked, offline): the worker syncs. */
  sync(): Promise<void>;
  /** Terminates the worker, as the browser does to an idle or runaway one. */
  stop(): Promise<void>;
  readonly session: CDPSession;
}

async function controlWorker(page: Page): Promise<WorkerControl> {
  const session = await page.context().newCDPSession(page);
  const registration = new Promise<string>((done) => {
    session.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(site.origin) && !r.isDeleted);
      if (ours !== undefined) done(ours.registrationId);
    });
  });
  await session.send('ServiceWorker.enable');
  const registrationId = await registration;
  return {
    async sync() {
      await session.send('ServiceWorker.dispatchSyncEvent', {
        origin: site.origin,
        registrationId,
        tag: 'warta-sync',
        lastChance: false,
      });
    },
    async stop() {
      await session.send('ServiceWorker.stopAllWorkers');
    },
    session,
  };
}

/** The `ended` messages this document heard on the sync channel. */
function endings(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() =>
    ((window as unknown as { __syncHeard?: { type?: string }[] }).__syncHeard ?? []).filter(
      (message) => message.type === 'ended',
    ),
  );
}

/** Runs `start` and waits for this document to hear the sync it starts end; returns what it said. */
async function syncEnds(page: Page, start: () => Promise<void>): Promise<Record<string, unknown>> {
  const before = (await endings(page)).length;
  await start();
  await expect.poll(async () => (await endings(page)).length, { timeout: 15_000 }).toBeGreaterThan(before);
  return (await endings(page))[before] ?? {};
}

/** Every article record in the database, as stored. */
function records(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((done, fail) => {
        const open = indexedDB.open('warta');
        open.onerror = () => {
          fail(new Error('no database'));
        };
        open.onsuccess = () => {
          const all = open.result.transaction('articles').objectStore('articles').getAll();
          all.onsuccess = () => {
            open.result.close();
            done(all.result);
          };
        };
      }),
  );
}

/**
 * The slugs of the stored articles, after checking every record as the app checks what it reads
 * (`isStoredArticle`): none is half written.
 */
async function storedSlugs(page: Page): Promise<string[]> {
  const all = await records(page);
  const bad = all.filter((record) => !isStoredArticle(record));
  expect(bad, 'records the app would refuse').toEqual([]);
  return all.filter(isStoredArticle).map((record) => record.slug);
}

/** How many articles are stored, read without checking (while a sync writes). */
async function storedCount(page: Page): Promise<number> {
  return (await records(page)).length;
}

function readSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (wanted) =>
      new Promise<unknown>((done) => {
        const open = indexedDB.open('warta');
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get(wanted);
          get.onsuccess = () => {
            open.result.close();
            done((get.result as { value?: unknown } | undefined)?.value ?? null);
          };
        };
      }),
    key,
  );
}

function putSetting(page: Page, key: string, value: unknown): Promise<void> {
  return page.evaluate(
    ([wanted, stored]) =>
      new Promise<void>((done) => {
        const open = indexedDB.open('warta');
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: wanted, value: stored });
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
        };
      }),
    [key, value],
  );
}

async function syncState(page: Page): Promise<Partial<SyncState>> {
  const stored = (await readSetting(page, SYNC_STATE_KEY)) as Partial<SyncState> | null;
  return stored ?? {};
}

/** Automatic downloads on any connection: a page that loads starts a sync. */
const AUTOMATIC: SyncSettings = { count: COUNT, categories: [], auto: 'always', dailyCap: 1_000_000 };

/** The newest 20 of MANY_BUILD: numbers 26 to 45. */
const slugsFrom = (first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, n) => `artikel-${String(first + n).padStart(2, '0')}`);

/** With the server stopped, each article opens from the device, whole. */
async function expectReadableOffline(page: Page, slugs: readonly string[]): Promise<void> {
  await site.stop();
  for (const slug of slugs) {
    await page.goto(`${site.origin}/artikel/${slug}/`);
    await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`\\(${slug.slice(-2)}\\)$`, 'u'));
  }
}

/** Keeps KEPT as a reader does, with the worker in control, and returns the worker's controls. */
async function keepOneArticle(page: Page): Promise<WorkerControl> {
  await visitAndKeep(page, `${site.origin}/artikel/${KEPT}/`);
  return controlWorker(page);
}

/** Keeps one article, then starts the worker's sync with the packs dripping, and waits until three articles are in. */
async function syncCaughtMidway(page: Page): Promise<WorkerControl> {
  const worker = await keepOneArticle(page);
  tap.drip = true;
  await worker.sync();
  await expect.poll(() => storedCount(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(1 + 3);
  return worker;
}

test.describe('a sync under faults', () => {
  test('cut off mid-batch by an outage keeps the articles that came whole, and the next sync asks only for the rest', async ({
    page,
  }) => {
    const newest = await newestRanges(MANY_BUILD);
    const worker = await syncCaughtMidway(page);
    await site.stop();
    await expect.poll(async () => (await endings(page)).length, { timeout: 10_000 }).toBe(1);
    expect((await endings(page))[0]?.['outcome']).toMatchObject({ kind: 'failed', failure: 'offline' });

    const kept = await storedSlugs(page);
    expect(kept).toContain(KEPT);
    expect(kept.length).toBeLessThan(1 + COUNT);
    // The log position stays where it was: the next sync plans again.
    expect(await syncState(page)).toMatchObject({ cursor: null, lastSyncAt: 0 });
    await expectReadableOffline(page, [KEPT, kept.find((slug) => slug !== KEPT) ?? '']);

    await site.start();
    tap.drip = false;
    tap.ranges.length = 0;
    await syncEnds(page, () => worker.sync());
    const missing = newest.filter((range) => !kept.includes(range.entry.slug));
    expect(tap.ranges).toEqual([rangeOf(missing)]);
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, 45)].sort());
    expect((await syncState(page)).cursor).toEqual((await changeIndex(MANY_BUILD)).pages.at(-1)?.last);
  });

  test('refuses an article whose bytes came corrupt and keeps the rest; a change log cut short changes nothing', async ({
    page,
  }) => {
    const worker = await keepOneArticle(page);
    const index = await changeIndex(MANY_BUILD);
    const newest = await newestRanges(MANY_BUILD);
    const bad = newest.find((range) => range.entry.slug === 'artikel-40');
    if (bad === undefined) throw new Error('artikel-40 is not among the newest');
    // One byte flipped in the middle of one article's gzip member, as a bad disk or proxy leaves it.
    const pack = join(site.dir, 'perubahan', `${String(index.pages.length)}.pack`);
    const whole = await readFile(pack);
    const corrupt = Buffer.from(whole);
    const at = Math.floor((bad.start + bad.end) / 2);
    corrupt[at] = (corrupt[at] ?? 0) ^ 0xff;
    await writeFile(pack, corrupt);
    const refused = await syncEnds(page, () => worker.sync());
    expect(refused['outcome']).toMatchObject({ kind: 'done', refused: 1, saved: COUNT - 1 });
    const others = slugsFrom(26, 45).filter((slug) => slug !== 'artikel-40');
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...others].sort());
    // Not everything planned is on the device: the log position stays.
    expect(await syncState(page)).toMatchObject({ cursor: null, lastSyncAt: 0 });

    // The change log cut off half-way (a deploy caught mid-upload): refused whole, nothing touched.
    await writeFile(pack, whole);
    const log = join(site.dir, 'perubahan', 'index.json');
    const text = await readFile(log, 'utf8');
    await rm(`${log}.gz`);
    await writeFile(log, text.slice(0, text.length / 2));
    tap.ranges.length = 0;
    const cut = await syncEnds(page, () => worker.sync());
    expect(cut['outcome']).toMatchObject({ kind: 'failed', failure: 'corrupt', saved: 0 });
    expect(tap.ranges).toEqual([]);
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...others].sort());

    // Whole again: the next sync asks for the refused article alone.
    await writeFile(log, text);
    await syncEnds(page, () => worker.sync());
    expect(tap.ranges).toEqual([rangeOf([bad])]);
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, 45)].sort());
    await expectReadableOffline(page, [KEPT, 'artikel-40']);
  });

  test('stops when the disk is full, says so, keeps what fit, and stops downloading the rest', async ({ csp }) => {
    // A profile on disk: in Playwright's usual in-memory profile, IndexedDB is never full.
    const profile = await mkdtemp(join(tmpdir(), 'warta-profile-'));
    const launch = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: findChromium(),
        args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        locale: 'id-ID',
      });
      await hearSyncs(context);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (message) => {
        if (/Content Security Policy|Trusted Type/iu.test(message.text())) csp.violations.push(message.text());
      });
      return { context, page };
    };
    let { context, page } = await launch();
    try {
      await visitAndKeep(page, `${site.origin}/artikel/${KEPT}/`);
      // The app kept whole (a page viewed again asks for it), so the room below is for articles.
      await page.reload();
      const app = filesFor(appFilesIn(MANY_BUILD), ['id']).map((file) => file.url);
      await expect.poll(() => keptAppFiles(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(app));
      const { usage } = await (
        await context.newCDPSession(page)
      ).send('Storage.getUsageAndQuota', {
        origin: site.origin,
      });
      // The browser again, with room for what the device holds and a few articles more: set
      // before the database opens, since IndexedDB reckons its room when it opens.
      await context.close();
      ({ context, page } = await launch());
      const session = await context.newCDPSession(page);
      await session.send('Storage.overrideQuotaForOrigin', { origin: site.origin, quotaSize: usage + ROOM });
      await page.goto(`${site.origin}/artikel/${KEPT}/`);
      const worker = await controlWorker(page);
      // Tersimpan open meanwhile: the worker's sync is shown there, and how it ended.
      const library = await context.newPage();
      await library.goto(`${site.origin}/tersimpan/`);
      await expect(library.locator('warta-sync')).toHaveAttribute('data-state', 'idle');
      tap.drip = true;
      const ended = await syncEnds(page, () => worker.sync());
      expect(ended['outcome']).toMatchObject({ kind: 'failed', failure: 'quota' });
      await expect(library.locator('warta-sync')).toHaveAttribute('data-state', 'failed');
      await expect(library.locator('warta-sync .status').first()).toHaveText(
        /^Penyimpanan perangkat penuh\. \d+ artikel yang muat tetap tersimpan\. Hapus artikel yang tidak diperlukan untuk memberi ruang\.$/u,
      );
      await expectNoAxeViolations(library, 'a worker sync stopped by a full disk, in Tersimpan');
      await library.close();
      const kept = await storedSlugs(page);
      expect(kept).toContain(KEPT);
      expect(kept.length).toBeGreaterThan(1);
      expect(kept.length).toBeLessThan(1 + COUNT);
      expect(await syncState(page)).toMatchObject({ cursor: null, lastSyncAt: 0 });
      // Nothing more is downloaded for articles that cannot be stored.
      await expect.poll(() => [...tap.ends]).toEqual(['cut']);
      await expectReadableOffline(page, [KEPT, kept.find((slug) => slug !== KEPT) ?? '']);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  test('started by two tabs and a Background Sync at once runs once: each article is asked for and stored once', async ({
    page,
    context,
  }) => {
    const worker = await keepOneArticle(page);
    const newest = await newestRanges(MANY_BUILD);
    await putSetting(page, SYNC_SETTINGS_KEY, AUTOMATIC);
    const other = await context.newPage();
    tap.drip = true;
    // Both pages load together and each tells the worker so: each asks for a sync.
    await Promise.all([page.reload(), other.goto(`${site.origin}/`)]);
    await expect.poll(() => tap.ranges.length).toBe(1);
    // And the browser fires the reader's one-off sync while the first runs.
    await worker.sync();
    await expect.poll(async () => (await endings(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => syncLocks(page)).toBe(0);
    expect(tap.ranges).toEqual([rangeOf(newest)]);
    expect(tap.bytes).toBe(newest.reduce((sum, range) => sum + range.end - range.start, 0));
    expect((await endings(other)).length).toBeGreaterThan(0);
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, 45)].sort());
    await other.close();
    await expectReadableOffline(page, [KEPT, 'artikel-45']);
  });

  test('cut off by the browser terminating the worker leaves no article half written, and the next sync continues', async ({
    page,
  }) => {
    const newest = await newestRanges(MANY_BUILD);
    const worker = await syncCaughtMidway(page);
    await worker.stop();
    // The worker's lock went with it: nothing waits on a sync that is gone.
    await expect.poll(() => syncLocks(page)).toBe(0);
    const kept = await storedSlugs(page);
    expect(kept).toContain(KEPT);
    expect(kept.length).toBeLessThan(1 + COUNT);
    expect(await syncState(page)).toMatchObject({ cursor: null, lastSyncAt: 0 });

    tap.drip = false;
    tap.ranges.length = 0;
    await syncEnds(page, () => worker.sync());
    expect(tap.ranges).toEqual([rangeOf(newest.filter((range) => !kept.includes(range.entry.slug)))]);
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, 45)].sort());
    await expectReadableOffline(page, [KEPT, 'artikel-45']);
  });

  test('stores nothing wrong when the change log grows between the log and the pack, and the next sync brings the rest', async ({
    page,
  }) => {
    const worker = await keepOneArticle(page);
    const [before, after] = await Promise.all([changeIndex(MANY_BUILD), changeIndex(MANY_NEXT_BUILD)]);
    // The publisher deploys between the device reading the log and asking for the pack: five
    // articles published, and number MANY_EDITED edited, so the bytes after it moved.
    let deployed = false;
    tap.before = async () => {
      if (deployed) return;
      deployed = true;
      await deploy(site, MANY_NEXT_BUILD);
    };
    const first = await syncEnds(page, () => worker.sync());
    expect(first['outcome']).toMatchObject({ kind: 'done', refused: 45 - MANY_EDITED + 1 });
    // Each article stored is one a log named, whole: the bytes that moved were refused.
    const named = new Map<string, Set<string>>();
    for (const page of [...before.recent, ...after.recent]) {
      for (const { entry } of packRanges(page))
        named.set(entry.slug, new Set([...(named.get(entry.slug) ?? []), entry.hash]));
    }
    for (const record of (await records(page)).filter(isStoredArticle)) {
      expect([...(named.get(record.slug) ?? [])]).toContain(record.hash);
    }
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, MANY_EDITED - 1)].sort());
    expect(await syncState(page)).toMatchObject({ cursor: null, lastSyncAt: 0 });

    tap.before = null;
    await syncEnds(page, () => worker.sync());
    // The newest 20 now: numbers 31 to 50 (the edit did not make number 30 newer).
    expect((await storedSlugs(page)).sort()).toEqual(
      [KEPT, ...slugsFrom(26, MANY_EDITED - 1), ...slugsFrom(MANY_EDITED + 1, 50)].sort(),
    );
    expect((await syncState(page)).cursor).toEqual(after.pages.at(-1)?.last);
    await expectReadableOffline(page, [KEPT, 'artikel-26', 'artikel-50']);
  });

  test('a clock that ran a day ahead stops neither automatic syncs nor the daily cap from starting again', async ({
    page,
  }) => {
    await keepOneArticle(page);
    const newest = await newestRanges(MANY_BUILD);
    const tomorrow = Date.now() + 24 * 60 * 60 * 1000;
    await putSetting(page, SYNC_SETTINGS_KEY, AUTOMATIC);
    // As a clock a day ahead left it: synced "tomorrow", with the cap reached that day.
    const wrong: SyncState = {
      cursor: null,
      day: localDay(tomorrow),
      bytesToday: AUTOMATIC.dailyCap,
      lastSyncAt: tomorrow,
    };
    await putSetting(page, SYNC_STATE_KEY, wrong);
    await syncEnds(page, async () => {
      await page.reload();
    });
    expect((await storedSlugs(page)).sort()).toEqual([KEPT, ...slugsFrom(26, 45)].sort());
    const state = await syncState(page);
    expect(state.lastSyncAt).toBeLessThanOrEqual(Date.now());
    expect(state.lastSyncAt).toBeGreaterThan(tomorrow - 24 * 60 * 60 * 1000 - 60_000);
    // Today's bytes, counted from nothing on the right day.
    expect(state).toMatchObject({
      day: localDay(Date.now()),
      bytesToday: newest.reduce((sum, range) => sum + range.end - range.start, 0),
    });
    await expectReadableOffline(page, [KEPT, 'artikel-45']);
  });

  test('an older worker mid-sync gives way at once to a newer page upgrading the database, and stops cleanly', async ({
    page,
  }) => {
    await syncCaughtMidway(page);
    // A newer Warta opens the database at its version: it must not wait on the old worker.
    const opened = await page.evaluate(
      (version) =>
        new Promise<string>((done) => {
          const timer = setTimeout(() => {
            done('still blocked after 5 s');
          }, 5_000);
          const open = indexedDB.open('warta', version);
          open.onsuccess = () => {
            clearTimeout(timer);
            open.result.close();
            done('upgraded');
          };
          open.onerror = () => {
            clearTimeout(timer);
            done(`error: ${open.error?.name ?? ''}`);
          };
        }),
      DB_VERSION + 1,
    );
    expect(opened).toBe('upgraded');
    await expect.poll(async () => (await endings(page)).length, { timeout: 10_000 }).toBe(1);
    expect((await endings(page))[0]?.['outcome']).toMatchObject({ kind: 'failed', failure: 'storage' });
    // It downloads no more for a database it can no longer write.
    await expect.poll(() => [...tap.ends]).toEqual(['cut']);
    // Every record is whole, as the newer Warta finds it (the old app cannot open a newer
    // database, by design: a newer Warta brings its own worker).
    const kept = await storedSlugs(page);
    expect(kept).toContain(KEPT);
    expect(kept.length).toBeLessThan(1 + COUNT);
  });
});

/** Locks named for sync held or waited for in this origin (the page, other tabs, the worker). */
function syncLocks(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const { held = [], pending = [] } = await navigator.locks.query();
    return [...held, ...pending].filter((lock) => lock.name === 'warta-sync').length;
  });
}
