import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangedArticle, WithdrawnArticle } from '../../src/content/change-log.js';
import { planSync, type LogPage } from '../../src/content/sync-plan.js';
import {
  autoSyncVerdict,
  DEFAULT_SYNC_SETTINGS,
  looksUnmetered,
  readSyncSettings,
} from '../../src/content/sync-policy.js';
import type { StoredArticle } from '../../src/content/types.js';
import { openWartaDatabase } from '../../src/data/schema.js';
import { readSyncState, sync, SYNC_STATE_KEY, WITHDRAWN_KEY, type SyncOutcome } from '../../src/data/sync.js';
import { build } from '../../tools/build.js';
import { withdrawalText } from '../../tools/import/store.js';
import { serve, type Handler } from '../../tools/serve.js';

const hash = (n: number): string => n.toString(16).padStart(64, '0');

function changed(n: number, extra: Partial<ChangedArticle> = {}): ChangedArticle {
  const day = `2024-01-${String(n).padStart(2, '0')}T08:00:00Z`;
  return {
    slug: `a-${String(n)}`,
    modified: day,
    published: day,
    hash: hash(n),
    bytes: 3000,
    gz: 1000 + n,
    categories: ['nasional'],
    ...extra,
  };
}

const page = (number: number, entries: (ChangedArticle | WithdrawnArticle)[]): LogPage => ({ page: number, entries });
const slugs = (plan: ReturnType<typeof planSync>): string[] => plan.downloads.map((d) => d.entry.slug);

describe('a sync plan', () => {
  const log = [
    page(
      1,
      [1, 2, 3, 4, 5].map((n) => changed(n)),
    ),
    page(
      2,
      [6, 7, 8].map((n) => changed(n)),
    ),
  ];

  it('downloads the newest articles the device lacks, in the order their bytes lie in the packs', () => {
    const plan = planSync(log, new Map(), { count: 3, categories: [] });
    expect(slugs(plan)).toEqual(['a-6', 'a-7', 'a-8']);
    expect(plan.downloads.map((d) => [d.page, d.start, d.end])).toEqual([
      [2, 0, 1006],
      [2, 1006, 2013],
      [2, 2013, 3021],
    ]);
    expect(plan.bytes).toBe(1006 + 1007 + 1008);
  });

  it('downloads nothing for a device that holds the newest already, nor anything twice', () => {
    const held = new Map([6, 7, 8].map((n) => [`a-${String(n)}`, hash(n)]));
    expect(slugs(planSync(log, held, { count: 3, categories: [] }))).toEqual([]);
    expect(slugs(planSync(log, held, { count: 5, categories: [] }))).toEqual(['a-4', 'a-5']);
  });

  it('refreshes a held article whose hash changed, however old, and removes a withdrawn one', () => {
    const held = new Map([
      ['a-1', 'f'.repeat(64)],
      ['a-2', hash(2)],
    ]);
    const withWithdrawal = [
      log[0] ?? page(1, []),
      page(2, [changed(6), { slug: 'a-2', withdrawn: '2024-02-01T00:00:00Z' }]),
    ];
    const plan = planSync(withWithdrawal, held, { count: 1, categories: [] });
    expect(plan.downloads.map((d) => [d.entry.slug, d.kind])).toEqual([
      ['a-1', 'refresh'],
      ['a-6', 'new'],
    ]);
    expect(plan.withdrawn).toEqual(['a-2']);
  });

  it('keeps to the categories the reader chose', () => {
    const mixed = [page(1, [changed(1), changed(2, { categories: ['ekonomi'] }), changed(3)])];
    expect(slugs(planSync(mixed, new Map(), { count: 5, categories: ['ekonomi'] }))).toEqual(['a-2']);
  });

  it('asks for an older page while the pages read cannot tell which articles are the newest', () => {
    const late = page(2, [changed(1, { modified: '2024-03-01T00:00:00Z' }), changed(9)]);
    expect(planSync([late], new Map(), { count: 2, categories: [] }).complete).toBe(false);
    expect(planSync([page(1, [changed(5)]), late], new Map(), { count: 2, categories: [] }).complete).toBe(true);
    expect(planSync(log.slice(1), new Map(), { count: 3, categories: [] }).complete).toBe(true);
  });
});

describe('a stored sync state', () => {
  it('starts today’s byte count again on a new local day, and reads a corrupt record as none', () => {
    const now = new Date(2026, 10, 30, 12).getTime();
    const state = { cursor: { time: null, slug: 'a' }, day: '2026-11-30', bytesToday: 500, lastSyncAt: 1 };
    expect(readSyncState(state, now).bytesToday).toBe(500);
    expect(readSyncState(state, now + 24 * 3600_000).bytesToday).toBe(0);
    expect(readSyncState({ cursor: 5 }, now).cursor).toBeNull();
    expect(readSyncState('x', now)).toEqual({ cursor: null, day: '2026-11-30', bytesToday: 0, lastSyncAt: 0 });
  });
});

/**
 * A real build of a small site, served by the project's own server (tools/serve.ts, which serves
 * ranges as static hosts do), synced into a fresh database; then articles are published, edited
 * and withdrawn, and the site built again in the same folder.
 */
describe('a sync from a built site', () => {
  const SEED = readFile('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');
  const made: string[] = [];
  let content: string;
  let out: string;
  let server: Server;
  let origin: string;
  const requests: { url: string; range: string | undefined; bytes: number }[] = [];
  /** What the server does to the next pack it sends (a fault). */
  let fault: ((res: ServerResponse) => void) | null = null;

  async function article(n: number, extra = ''): Promise<void> {
    const date = new Date(Date.UTC(2023, 0, n)).toISOString().slice(0, 10);
    const text = (await SEED)
      .replace(/^title: (.*)$/mu, `title: $1 (${String(n)})${extra}`)
      .replace(/^date: .*$/mu, `date: ${date}`);
    await writeFile(join(content, 'articles', `artikel-${String(n).padStart(2, '0')}.txt`), text);
  }

  async function rebuild(): Promise<void> {
    await build({ out, content, log: () => undefined });
  }

  const wrap =
    (handler: Handler): Handler =>
    (req: IncomingMessage, res: ServerResponse) => {
      const entry = { url: req.url ?? '', range: req.headers.range, bytes: 0 };
      requests.push(entry);
      const write = res.write.bind(res);
      res.write = ((chunk: Buffer, ...rest: never[]) => {
        entry.bytes += chunk.byteLength;
        return write(chunk, ...rest);
      }) as typeof res.write;
      if (entry.url.endsWith('.pack') && fault !== null) {
        const apply = fault;
        fault = null;
        apply(res);
      }
      handler(req, res);
    };

  async function stored(): Promise<Map<string, StoredArticle>> {
    const db = await openWartaDatabase();
    const all = await new Promise<StoredArticle[]>((resolve) => {
      const request = db.transaction('articles').objectStore('articles').getAll();
      request.onsuccess = () => {
        resolve(request.result as StoredArticle[]);
      };
    });
    db.close();
    return new Map(all.map((record) => [record.slug, record]));
  }

  async function setting(key: string): Promise<unknown> {
    const db = await openWartaDatabase();
    const value = await new Promise<unknown>((resolve) => {
      const request = db.transaction('settings').objectStore('settings').get(key);
      request.onsuccess = () => {
        resolve((request.result as { value?: unknown } | undefined)?.value);
      };
    });
    db.close();
    return value;
  }

  const run = (count = 10): Promise<SyncOutcome> => sync({ choice: { count, categories: [] }, lang: 'id' });
  const packBytes = (): number => requests.filter((r) => r.url.endsWith('.pack')).reduce((sum, r) => sum + r.bytes, 0);

  beforeAll(async () => {
    content = await mkdtemp(join(tmpdir(), 'warta-sync-content-'));
    out = await mkdtemp(join(tmpdir(), 'warta-sync-out-'));
    made.push(content, out);
    await mkdir(join(content, 'articles'));
    await mkdir(join(content, 'withdrawn'));
    for (let n = 1; n <= 12; n += 1) await article(n);
    await rebuild();
    server = await serve({ dir: out, port: 0, wrap });
    origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(new URL(url, origin), init));
  }, 120_000);

  afterAll(async () => {
    vi.unstubAllGlobals();
    await new Promise((done) => server.close(done));
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  beforeEach(() => {
    requests.length = 0;
    fault = null;
  });

  it('brings the newest articles in two requests, each article’s bytes once, and none twice', async () => {
    indexedDB = new IDBFactory();
    const outcome = await run(10);
    expect(outcome).toMatchObject({ kind: 'done', saved: 10, withdrawn: 0, refused: 0 });
    const held = await stored();
    expect([...held.keys()].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `artikel-${String(i + 3).padStart(2, '0')}`),
    );
    expect([...held.values()].every((record) => record.unread === true && !record.pinned)).toBe(true);
    // The index (which carries the newest entries), then together the glossary and one range of
    // each pack that holds a wanted article: no change page, no article file of its own.
    const [index, ...rest] = requests;
    expect(index?.url).toBe('/perubahan/index.json');
    expect(rest.map((r) => r.url).filter((url) => !/^\/perubahan\/\d+\.pack$/u.test(url))).toEqual([
      '/articles/glossary-id.json',
    ]);
    const packs = rest.filter((r) => r.url.endsWith('.pack'));
    expect(new Set(packs.map((r) => r.url)).size).toBe(packs.length);
    expect(packs.every((r) => /^bytes=\d+-\d+$/u.test(r.range ?? ''))).toBe(true);
    // Exactly the articles' own gzipped JSON, as /articles/<slug>.json.gz holds it.
    let own = 0;
    for (const slug of held.keys()) own += (await readFile(join(out, 'articles', `${slug}.json.gz`))).byteLength;
    expect(packBytes()).toBe(own);
    expect(outcome.kind === 'done' && outcome.bytes).toBe(own);

    requests.length = 0;
    expect(await run(10)).toMatchObject({ kind: 'done', saved: 0 });
    expect(requests.map((r) => r.url)).toEqual(['/perubahan/index.json']);
  });

  it('after new, edited and withdrawn articles, downloads only the new and the edited, and removes the withdrawn', async () => {
    await article(13);
    await article(14);
    await article(5, '\nmodified: 2024-06-01T08:00:00+07:00');
    await writeFile(
      join(content, 'withdrawn', 'artikel-04.txt'),
      withdrawalText({
        slug: 'artikel-04',
        source: null,
        sourceId: null,
        reason: null,
        withdrawn: '2024-06-02T10:00:00+07:00',
      }),
    );
    await rebuild();
    const outcome = await run(10);
    expect(outcome).toMatchObject({ kind: 'done', saved: 3, withdrawn: 1 });
    const held = await stored();
    expect(held.has('artikel-04')).toBe(false);
    expect(held.get('artikel-05')?.article.title).toMatchObject({ text: expect.stringContaining('(5)') as string });
    expect(held.get('artikel-05')?.article.modified).toBe('2024-06-01T08:00:00+07:00');
    expect(held.has('artikel-13') && held.has('artikel-14')).toBe(true);
    expect(await setting(WITHDRAWN_KEY)).toEqual([expect.objectContaining({ slug: 'artikel-04' })]);
    expect(requests.filter((r) => r.url.endsWith('.pack')).length).toBeLessThanOrEqual(2);
  }, 120_000);

  it('stops with “offline” when the connection drops mid-pack, keeps what arrived whole, and continues from the first missing article', async () => {
    indexedDB = new IDBFactory();
    fault = (res) => {
      let sent = 0;
      const write = res.write.bind(res);
      res.write = ((chunk: Buffer, ...rest: never[]) => {
        sent += chunk.byteLength;
        // About two and a half articles in, the connection is reset.
        if (sent > 5000) {
          res.socket?.destroy();
          return false;
        }
        return write(chunk, ...rest);
      }) as typeof res.write;
    };
    const cut = await run(10);
    expect(cut.kind).toBe('failed');
    expect(cut.kind === 'failed' && cut.failure).toBe('offline');
    const kept = await stored();
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(10);
    expect(readSyncState(await setting(SYNC_STATE_KEY), Date.now()).cursor).toBeNull();
    requests.length = 0;
    const again = await run(10);
    expect(again).toMatchObject({ kind: 'done', saved: 10 - kept.size });
    expect(requests.find((r) => r.url.endsWith('.pack'))?.range).toMatch(/^bytes=\d+-\d+$/u);
    expect((await stored()).size).toBe(10);
  });

  it('refuses an article whose bytes arrive corrupt and keeps the others', async () => {
    indexedDB = new IDBFactory();
    fault = (res) => {
      const write = res.write.bind(res);
      let flipped = false;
      res.write = ((chunk: Buffer, ...rest: never[]) => {
        if (!flipped && chunk.byteLength > 100) {
          chunk = Buffer.from(chunk);
          chunk[60] = (chunk[60] ?? 0) ^ 0xff;
          flipped = true;
        }
        return write(chunk, ...rest);
      }) as typeof res.write;
    };
    const outcome = await run(10);
    expect(outcome).toMatchObject({ kind: 'done', saved: 9, refused: 1 });
    // A refusal leaves the position where it was: the next sync asks for the article again.
    requests.length = 0;
    expect(await run(10)).toMatchObject({ kind: 'done', saved: 1, refused: 0 });
  });

  it('stops when cancelled and keeps what it wrote', async () => {
    indexedDB = new IDBFactory();
    const stop = new AbortController();
    const outcome = await sync({
      choice: { count: 10, categories: [] },
      lang: 'id',
      signal: stop.signal,
      progress: (progress) => {
        if (progress.done === 3) stop.abort();
      },
    });
    expect(outcome.kind).toBe('cancelled');
    expect((await stored()).size).toBeGreaterThanOrEqual(3);
  });

  it('counts synced articles against the bound on unpinned ones and evicts them before any the reader opened', async () => {
    indexedDB = new IDBFactory();
    await run(10);
    // Three articles the reader opened, large enough that the next sync takes the unpinned past 5 MB.
    const opened = ['artikel-05', 'artikel-06', 'artikel-07'];
    const before = await stored();
    const db = await openWartaDatabase();
    const tx = db.transaction('articles', 'readwrite');
    for (const record of before.values()) {
      if (!opened.includes(record.slug)) continue;
      // Opened: no `unread` mark.
      const read = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'unread'));
      tx.objectStore('articles').put({ ...read, lastReadAt: 1, size: 1_740_000 });
    }
    await new Promise((done) => (tx.oncomplete = done));
    db.close();
    expect(await run(12)).toMatchObject({ kind: 'done', saved: 2 });
    const after = await stored();
    for (const slug of opened) expect(after.has(slug), slug).toBe(true);
    const total = [...after.values()].reduce((sum, record) => sum + record.size, 0);
    expect(total).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(after.size).toBeLessThan(12);
  });

  it('downloads no more than the daily cap’s remainder, newest first, and says so', async () => {
    indexedDB = new IDBFactory();
    const one = (await readFile(join(out, 'articles', 'artikel-14.json.gz'))).byteLength;
    const outcome = await sync({ choice: { count: 10, categories: [] }, lang: 'id', maxBytes: one + 10 });
    expect(outcome).toMatchObject({ kind: 'done', saved: 1, capped: true });
    expect([...(await stored()).keys()]).toEqual(['artikel-14']);
  });
});

describe('an automatic sync', () => {
  const on = { ...DEFAULT_SYNC_SETTINGS, auto: 'always' as const };
  const wifi = { saveData: false, type: 'wifi', effectiveType: '4g' };
  const fresh = { lastSyncAt: 0, bytesToday: 0 };
  const now = Date.UTC(2026, 10, 30, 12);

  it('starts only when the reader allowed it, never under Save-Data, nor past the daily cap', () => {
    expect(autoSyncVerdict(DEFAULT_SYNC_SETTINGS, wifi, fresh, now)).toBe('off');
    expect(autoSyncVerdict(on, wifi, fresh, now)).toBe('sync');
    expect(autoSyncVerdict(on, { ...wifi, saveData: true }, fresh, now)).toBe('save-data');
    expect(autoSyncVerdict(on, wifi, { lastSyncAt: 0, bytesToday: on.dailyCap }, now)).toBe('cap');
    expect(autoSyncVerdict(on, wifi, { lastSyncAt: now - 60_000, bytesToday: 0 }, now)).toBe('recent');
  });

  it('takes a connection that says nothing of itself as metered, and a clock set back as no reason to wait', () => {
    const unmetered = { ...on, auto: 'unmetered' as const };
    expect(autoSyncVerdict(unmetered, wifi, fresh, now)).toBe('sync');
    expect(autoSyncVerdict(unmetered, { saveData: false }, fresh, now)).toBe('metered');
    expect(autoSyncVerdict(unmetered, { ...wifi, type: 'cellular' }, fresh, now)).toBe('metered');
    expect(looksUnmetered({ saveData: false, type: 'wifi', effectiveType: '3g' })).toBe(false);
    expect(autoSyncVerdict(on, wifi, { lastSyncAt: now + 24 * 3600_000, bytesToday: 0 }, now)).toBe('sync');
  });

  it('reads stored settings field by field, the default standing in for anything malformed', () => {
    expect(readSyncSettings({ count: 50, categories: ['nasional'], auto: 'unmetered', dailyCap: 1 })).toEqual({
      count: 50,
      categories: ['nasional'],
      auto: 'unmetered',
      dailyCap: 1,
    });
    expect(readSyncSettings({ count: 7, categories: [1], auto: 'yes', dailyCap: -1 })).toEqual(DEFAULT_SYNC_SETTINGS);
    expect(readSyncSettings(null)).toEqual(DEFAULT_SYNC_SETTINGS);
  });
});
