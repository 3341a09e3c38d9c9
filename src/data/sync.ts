/**
 * Sync (issue 15): brings the newest articles onto the device from the change log and its packs
 * (src/content/change-log.ts), in two round trips when the device is up to date, and refreshes
 * or removes the articles it holds. The page (the reader's button) and the service worker
 * (Background Sync) run this same code, so it is written on plain IndexedDB through the one
 * schema (src/data/schema.ts) and src/data/idb-lite.ts's `request`, with errors of its own
 * (`Stop`): every byte here is in `sw.js`, on a first visit.
 *
 * Each article is written in a transaction of its own, whole or not at all; the log position is
 * moved on only when every planned article is on the device, so a sync cut short by a dropped
 * connection, a full disk or the reader is continued by the next one, which finds the articles
 * already written and asks for the rest.
 */
import {
  changesPackUrl,
  changesPageUrl,
  CHANGES_INDEX_URL,
  readChangeIndex,
  readChangePage,
  type ChangeKey,
} from '../content/change-log.js';
import {
  planSync,
  pagesAfter,
  type Download,
  type LogPage,
  type SyncChoice,
  type SyncFailure,
  type SyncOutcome,
  type SyncProgress,
  type SyncSize,
} from '../content/sync-plan.js';

export type { SyncFailure, SyncOutcome, SyncProgress, SyncSize };
import type { GlossaryText } from '../content/glossary.js';
import { articleSize } from '../content/size.js';
import type { PublishedArticle, StoredArticle } from '../content/types.js';
import { glossaryJsonUrl } from '../routes.js';
import { evictionOrder, UNPINNED_BYTES_BOUND } from './eviction.js';
import { SEARCH_PENDING_STORE } from './names.js';
import { openWartaDatabase } from './schema.js';
import { request as settle } from './idb-lite.js';
import { readSyncSettings, SYNC_SETTINGS_KEY, type SyncSettings } from '../content/sync-policy.js';

/** Where the last complete sync ended in the log, and today's bytes (for the daily cap). */
export interface SyncState {
  readonly cursor: ChangeKey | null;
  /** The device's local date (`YYYY-MM-DD`) the bytes were counted on. */
  readonly day: string;
  readonly bytesToday: number;
  /** When the last sync ended with every planned article on the device (ms), or 0. */
  readonly lastSyncAt: number;
}

/** An article the publisher withdrew, removed from this device: shown in Tersimpan until dismissed. */
export interface WithdrawnNotice {
  readonly slug: string;
  readonly title: string;
  readonly lang: string;
  readonly at: number;
}

export const SYNC_STATE_KEY = 'sync-state';
export const WITHDRAWN_KEY = 'withdrawn';
/** The lock one sync holds across tabs and the worker (Web Locks). */
export const SYNC_LOCK = 'warta-sync';
/** The tag of the one-off and periodic Background Syncs (src/app/background-sync.ts, src/sw/background-sync.ts). */
export const SYNC_TAG = 'warta-sync';
/** The channel a sync tells open pages on: articles refreshed and withdrawn, syncs started and ended. */
export const SYNC_CHANNEL = 'warta-sync';

export interface SyncOptions {
  readonly choice: SyncChoice;
  /** The UI language whose glossary definitions are kept with the articles. */
  readonly lang: GlossaryText['lang'];
  readonly signal?: AbortSignal;
  /** At most this many bytes are downloaded (the daily cap's remainder, for automatic syncs). */
  readonly maxBytes?: number;
  /** Told what will be downloaded before anything is; false stops the sync. */
  readonly confirm?: (size: SyncSize) => boolean | Promise<boolean>;
  readonly progress?: (progress: SyncProgress) => void;
  readonly now?: () => number;
}

/** A request that sends no byte for this long has stalled: a 2G link stalls rather than fails. */
const STALL_MS = 20_000;

class Stop extends Error {
  constructor(readonly failure: SyncFailure | 'cancelled') {
    super(failure);
  }
}

/** Runs one sync, unless one is running (in this tab, another, or the worker). Never throws. */
export async function sync(options: SyncOptions): Promise<SyncOutcome> {
  // The index is asked for at once, before the lock is granted (a round trip to the browser) and
  // the database opened: its round trip is the long pole of a sync. When another sync holds the
  // lock, it is dropped unread.
  const early = new AbortController();
  const drop = (): void => {
    early.abort();
  };
  options.signal?.addEventListener('abort', drop);
  const asked = fetchJson(CHANGES_INDEX_URL, early.signal);
  asked.catch(() => undefined);
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  try {
    if (locks === undefined) return await run(options, asked);
    const outcome = await locks.request(SYNC_LOCK, { ifAvailable: true }, (lock) =>
      lock === null ? null : run(options, asked),
    );
    return outcome ?? { kind: 'busy' };
  } finally {
    options.signal?.removeEventListener('abort', drop);
    // Unread when busy; a no-op once the index has been read.
    drop();
  }
}

async function run(options: SyncOptions, asked: Promise<unknown>): Promise<SyncOutcome> {
  const now = options.now ?? Date.now;
  let db: IDBDatabase;
  try {
    db = await openWartaDatabase();
  } catch {
    return { kind: 'failed', failure: 'storage', saved: 0, bytes: 0 };
  }
  const counted = { saved: 0, bytes: 0 };
  broadcast({ type: 'started' });
  let outcome: SyncOutcome;
  try {
    outcome = await syncWith(db, asked, options, now, counted);
  } catch (error) {
    const stop = error instanceof Stop ? error.failure : 'storage';
    outcome = stop === 'cancelled' ? { kind: 'cancelled', ...counted } : { kind: 'failed', failure: stop, ...counted };
  } finally {
    db.close();
  }
  // With how it ended: a sync the worker ran has no one else to say that the disk is full.
  broadcast({ type: 'ended', outcome });
  return outcome;
}

async function syncWith(
  db: IDBDatabase,
  asked: Promise<unknown>,
  options: SyncOptions,
  now: () => number,
  counted: { saved: number; bytes: number },
): Promise<SyncOutcome> {
  const { signal } = options;
  const state = await readState(db, now());
  // Read while the index is on its way: the device's side costs the sync no time of its own.
  const holding = heldHashes(db);
  holding.catch(() => undefined);
  const index = readChangeIndex(await asked);
  if (!index.ok) throw new Stop('corrupt');
  const { pages: records, recent } = index.value;
  const first = records.length - recent.length + 1;
  const window: LogPage[] = recent.map((page, n) => ({ ...page, page: first + n }));
  // Pages after the last sync's position that the index does not carry, fetched together.
  const missing = pagesAfter(records, state.cursor).filter((page) => page < first);
  window.unshift(...(await Promise.all(missing.map((page) => fetchPage(page, signal)))));
  const held = await holding;
  let plan = planSync(window, held, options.choice);
  // Read back further only while the newest articles are not all known (a first sync, many edits).
  while (!plan.complete && (window[0]?.page ?? 1) > 1) {
    window.unshift(await fetchPage((window[0]?.page ?? 1) - 1, signal));
    plan = planSync(window, held, options.choice);
  }
  const downloads = withinCap(plan.downloads, options.maxBytes);
  const capped = downloads.length < plan.downloads.length;
  const size = { articles: downloads.length, bytes: sumBytes(downloads) };
  if (options.confirm !== undefined && !(await options.confirm(size))) return { kind: 'declined' };
  for (const slug of plan.withdrawn) await withdraw(db, slug, now());
  if (plan.withdrawn.length > 0) broadcast({ type: 'withdrawn', slugs: plan.withdrawn });
  const total = { done: 0, total: size.articles, bytes: 0, totalBytes: size.bytes };
  options.progress?.(total);
  // Fetched beside the packs, in the same round trip.
  const glossary = downloads.length > 0 ? fetchGlossary(options.lang, signal) : null;
  const refreshed: string[] = [];
  let refused = 0;
  const failures: Stop[] = [];
  await Promise.all(
    runs(downloads).map(async (run) => {
      try {
        await fetchRun(run, signal, async (download, bytes) => {
          counted.bytes += bytes.byteLength;
          const article = await readMember(bytes, download);
          if (article === null) {
            refused += 1;
            await countBytes(db, bytes.byteLength, now());
          } else {
            await writeArticle(db, article, (await glossary) ?? [], download.kind, now(), bytes.byteLength);
            counted.saved += 1;
            if (download.kind === 'refresh') refreshed.push(article.slug);
          }
          total.done += 1;
          total.bytes += bytes.byteLength;
          options.progress?.({ ...total });
        });
      } catch (error) {
        failures.push(error instanceof Stop ? error : new Stop('storage'));
      }
    }),
  );
  if (refreshed.length > 0) broadcast({ type: 'refreshed', slugs: refreshed });
  const [failure] = failures;
  if (failure !== undefined) throw failure;
  const last = records.at(-1)?.last ?? null;
  // The position moves on only when nothing planned is missing: the next sync asks again otherwise.
  // Both at once (their stores differ): the reader is told "done" only after them.
  const moved = async (): Promise<void> => {
    if (capped || refused > 0) return;
    await putSetting(db, SYNC_STATE_KEY, { ...(await readState(db, now())), cursor: last, lastSyncAt: now() });
  };
  await Promise.all([evict(db), moved()]);
  return {
    kind: 'done',
    saved: counted.saved,
    withdrawn: plan.withdrawn.length,
    bytes: counted.bytes,
    capped,
    refused,
  };
}

/** The downloads that fit in `max` bytes, newest publication first, in pack order. */
function withinCap(downloads: readonly Download[], max: number | undefined): Download[] {
  if (max === undefined) return [...downloads];
  const chosen = new Set<Download>();
  let bytes = 0;
  const newestFirst = [...downloads].sort((a, b) => ((a.entry.published ?? '') < (b.entry.published ?? '') ? 1 : -1));
  for (const download of newestFirst) {
    const size = download.end - download.start;
    if (bytes + size > max) continue;
    bytes += size;
    chosen.add(download);
  }
  return downloads.filter((download) => chosen.has(download));
}

function sumBytes(downloads: readonly Download[]): number {
  return downloads.reduce((sum, download) => sum + download.end - download.start, 0);
}

/** The downloads cut into runs of adjacent bytes in one pack: one range request each. */
export function runs(downloads: readonly Download[]): Download[][] {
  const result: Download[][] = [];
  for (const download of downloads) {
    const current = result.at(-1);
    const last = current?.at(-1);
    if (current !== undefined && last !== undefined && last.page === download.page && last.end === download.start) {
      current.push(download);
    } else {
      result.push([download]);
    }
  }
  return result;
}

/**
 * Fetches one run's bytes with a Range request and hands over each article's bytes as soon as
 * they are in, so a connection that drops keeps what came before it. A server that ignores the
 * range (200) sends the whole pack: the run is cut from it.
 */
async function fetchRun(
  run: readonly Download[],
  signal: AbortSignal | undefined,
  each: (download: Download, bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const [first, last] = [run[0], run.at(-1)];
  if (first === undefined || last === undefined) return;
  // Aborted by the reader's stop, or when no byte came for STALL_MS (a stall reads as `offline`).
  const stall = new AbortController();
  const abort = (): void => {
    stall.abort();
  };
  signal?.addEventListener('abort', abort);
  let timer = setTimeout(abort, STALL_MS);
  try {
    const response = await request(changesPackUrl(first.page), stall.signal, signal, {
      Range: `bytes=${String(first.start)}-${String(last.end - 1)}`,
    });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Stop('server');
    let buffer = new Uint8Array(0);
    // A server that ignores the range (200) sends the whole pack: the run is cut from it.
    let received = response.status === 206 ? first.start : 0;
    let next = 0;
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        throw stopFor(error, signal);
      });
      clearTimeout(timer);
      timer = setTimeout(abort, STALL_MS);
      if (!chunk.done) {
        const joined = new Uint8Array(buffer.byteLength + chunk.value.byteLength);
        joined.set(buffer);
        joined.set(chunk.value, buffer.byteLength);
        buffer = joined;
      }
      // Hand over every article whose bytes are all in.
      for (
        let download = run[next];
        download !== undefined && received + buffer.byteLength >= download.end;
        download = run[next]
      ) {
        // A cancelled sync stops between articles, even when the bytes of the rest are in.
        if (signal?.aborted === true) throw new Stop('cancelled');
        const from = download.start - received;
        if (from >= 0) await each(download, buffer.slice(from, download.end - received));
        buffer = buffer.slice(download.end - received);
        received = download.end;
        next += 1;
      }
      if (next >= run.length) return;
      if (chunk.done) throw new Stop('offline');
    }
  } finally {
    // Also when an article cannot be stored (a full disk): the rest of the run is not downloaded.
    abort();
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

/**
 * An article's gzip member, read and checked: null when it is not the article the log names. A
 * corrupt or cut member fails gzip's own check (its CRC and length); one of another article or
 * version fails on its slug and hash. The article's every field is checked where it is read
 * (src/data/articles.ts drops a record that fails): the full validator would cost `sw.js` a
 * kilobyte on every first visit.
 */
async function readMember(bytes: Uint8Array, download: Download): Promise<PublishedArticle | null> {
  try {
    const stream = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
    const value = JSON.parse(await new Response(stream).text()) as Partial<PublishedArticle> | null;
    return value?.slug === download.entry.slug &&
      value.hash === download.entry.hash &&
      Array.isArray(value.glossary?.entries)
      ? (value as PublishedArticle)
      : null;
  } catch {
    return null;
  }
}

async function fetchPage(page: number, signal: AbortSignal | undefined): Promise<LogPage> {
  const read = readChangePage(await fetchJson(changesPageUrl(page), signal));
  if (!read.ok) throw new Stop('corrupt');
  return { ...read.value, page };
}

/**
 * The UI language's glossary: without it the articles are still worth keeping (terms read as
 * plain text). Only the language and id are checked here; every field is checked when an
 * entry is read (src/data/articles.ts `getGlossary`), so this check costs `sw.js` little.
 */
async function fetchGlossary(lang: GlossaryText['lang'], signal: AbortSignal | undefined): Promise<GlossaryText[]> {
  try {
    const value = await fetchJson(glossaryJsonUrl(lang), signal);
    return Array.isArray(value)
      ? value.filter(
          (text): text is GlossaryText => isRecord(text) && text['lang'] === lang && typeof text['id'] === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

async function fetchJson(url: string, signal: AbortSignal | undefined): Promise<unknown> {
  const response = await request(url, signal, signal);
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    throw error instanceof Stop ? error : stopFor(error, signal, 'corrupt');
  }
}

/** A request aborted by `abort`; `cancel` is the reader's own signal, to tell a stop from a failure. */
async function request(
  url: string,
  abort: AbortSignal | undefined,
  cancel: AbortSignal | undefined,
  headers: HeadersInit = {},
): Promise<Response> {
  let response: Response;
  try {
    // `no-cache`: asked of the server every time (a 304 when unchanged), never an old log.
    response = await fetch(url, { signal: abort ?? null, cache: 'no-cache', headers });
  } catch (error) {
    throw stopFor(error, cancel);
  }
  if (response.status !== 200 && response.status !== 206) throw new Stop('server');
  return response;
}

function stopFor(error: unknown, signal: AbortSignal | undefined, otherwise: SyncFailure = 'offline'): Stop {
  if (signal?.aborted === true) return new Stop('cancelled');
  if (error instanceof Stop) return error;
  return new Stop(
    error instanceof TypeError || (error instanceof DOMException && error.name !== 'SyntaxError')
      ? 'offline'
      : otherwise,
  );
}

/** Each held article's hash, by slug, read from the hash index: no article is loaded. */
function heldHashes(db: IDBDatabase): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const held = new Map<string, string>();
    const cursor = db.transaction('articles').objectStore('articles').index('by-hash').openKeyCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (at === null) {
        resolve(held);
        return;
      }
      if (typeof at.key === 'string' && typeof at.primaryKey === 'string') held.set(at.primaryKey, at.key);
      at.continue();
    };
    cursor.onerror = () => {
      reject(new Stop('storage'));
    };
  });
}

/**
 * Writes one article with the glossary entries it uses, its search mark and the bytes it cost
 * today (for the daily cap), in one transaction. A new article is marked unread; one the device
 * held keeps its pin, reading time and mark.
 */
async function writeArticle(
  db: IDBDatabase,
  article: PublishedArticle,
  glossary: readonly GlossaryText[],
  kind: Download['kind'],
  now: number,
  bytes: number,
): Promise<void> {
  const tx = db.transaction(['articles', 'glossary', 'settings', SEARCH_PENDING_STORE], 'readwrite');
  const articles = tx.objectStore('articles');
  const existing = await settle<unknown>(articles.get(article.slug));
  const stored = await settle<unknown>(tx.objectStore('settings').get(SYNC_STATE_KEY));
  const state = readSyncState(isRecord(stored) ? stored['value'] : null, now);
  tx.objectStore('settings').put({ key: SYNC_STATE_KEY, value: { ...state, bytesToday: state.bytesToday + bytes } });
  const held = kind === 'refresh' && isRecord(existing) ? (existing as Partial<StoredArticle>) : {};
  const record: StoredArticle = {
    lastReadAt: 0,
    pinned: false,
    unread: true,
    ...held,
    slug: article.slug,
    article,
    hash: article.hash,
    fetchedAt: now,
    size: articleSize(article),
  };
  articles.put(record);
  const used = new Set([...article.glossary.entries, article.glossary.publisher]);
  for (const text of glossary) if (used.has(text.id)) tx.objectStore('glossary').put(text);
  tx.objectStore(SEARCH_PENDING_STORE).put({ slug: article.slug, mark: Math.random() });
  await done(tx);
}

/** Removes a withdrawn article (pinned or not) and its reading position; leaves a notice. */
async function withdraw(db: IDBDatabase, slug: string, now: number): Promise<void> {
  const tx = db.transaction(['articles', 'positions', 'settings', SEARCH_PENDING_STORE], 'readwrite');
  const record = await settle<unknown>(tx.objectStore('articles').get(slug));
  const notices = await settle<unknown>(tx.objectStore('settings').get(WITHDRAWN_KEY));
  // Kept as stored, less this slug's, and the title as the article had it: the page checks each
  // notice when it shows them (`readNotices`), so this code, in `sw.js`, checks nothing.
  const stored: unknown = isRecord(notices) ? notices['value'] : null;
  const list = (Array.isArray(stored) ? (stored as unknown[]) : []).filter((n) => !isRecord(n) || n['slug'] !== slug);
  const article = (isRecord(record) ? record['article'] : null) as Partial<PublishedArticle> | null;
  list.push({ slug, title: article?.title, lang: article?.lang, at: now });
  tx.objectStore('settings').put({ key: WITHDRAWN_KEY, value: list });
  tx.objectStore('articles').delete(slug);
  tx.objectStore('positions').delete(slug);
  tx.objectStore(SEARCH_PENDING_STORE).put({ slug, mark: Math.random() });
  await done(tx);
}

/**
 * The notices of withdrawn articles as stored, each checked: a title as the article had it (its
 * text, or a plain string), else the slug stands in; anything else malformed is left out.
 */
export function readNotices(value: unknown): WithdrawnNotice[] {
  if (!Array.isArray(value)) return [];
  const notices: WithdrawnNotice[] = [];
  for (const notice of value as unknown[]) {
    if (!isRecord(notice) || typeof notice['slug'] !== 'string' || typeof notice['at'] !== 'number') continue;
    const title = isRecord(notice['title']) ? notice['title']['text'] : notice['title'];
    const lang = notice['lang'];
    notices.push({
      slug: notice['slug'],
      title: typeof title === 'string' ? title : notice['slug'],
      lang: typeof lang === 'string' ? lang : 'id',
      at: notice['at'],
    });
  }
  return notices;
}

/**
 * Synced articles count against the bound on unpinned articles, and go first when it is
 * exceeded (`evictionOrder`: unread before opened). Only the fields eviction reads are checked
 * here; the page's reader validates each record in full.
 */
async function evict(db: IDBDatabase): Promise<void> {
  const tx = db.transaction(['articles', SEARCH_PENDING_STORE], 'readwrite');
  // Every article's size, from the index on it, without loading one: usually under the bound.
  const sum = await new Promise<number>((resolve, reject) => {
    let total = 0;
    const cursor = tx.objectStore('articles').index('by-size').openKeyCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (at === null) {
        resolve(total);
        return;
      }
      if (typeof at.key === 'number') total += at.key;
      at.continue();
    };
    cursor.onerror = () => {
      reject(new Stop('storage'));
    };
  });
  if (sum <= UNPINNED_BYTES_BOUND) {
    await done(tx);
    return;
  }
  const all = await settle<unknown[]>(tx.objectStore('articles').getAll());
  const unpinned = evictionOrder(all.filter((r): r is StoredArticle => isRecord(r) && typeof r['size'] === 'number'));
  let total = unpinned.reduce((sum, record) => sum + record.size, 0);
  for (const record of unpinned) {
    if (total <= UNPINNED_BYTES_BOUND) break;
    tx.objectStore('articles').delete(record.slug);
    tx.objectStore(SEARCH_PENDING_STORE).put({ slug: record.slug, mark: Math.random() });
    total -= record.size;
  }
  await done(tx);
}

/** The sync state, with today's byte count reset on a new local day. */
async function readState(db: IDBDatabase, now: number): Promise<SyncState> {
  const tx = db.transaction('settings');
  const value = await settle<unknown>(tx.objectStore('settings').get(SYNC_STATE_KEY));
  return readSyncState(isRecord(value) ? value['value'] : null, now);
}

export function readSyncState(value: unknown, now: number): SyncState {
  const today = localDay(now);
  const state: SyncState = { cursor: null, day: today, bytesToday: 0, lastSyncAt: 0 };
  if (!isRecord(value)) return state;
  const { cursor, day, bytesToday, lastSyncAt } = value;
  const time = isRecord(cursor) ? cursor['time'] : undefined;
  const slug = isRecord(cursor) ? cursor['slug'] : undefined;
  return {
    cursor: typeof slug === 'string' && (time === null || typeof time === 'string') ? { time, slug } : null,
    day: today,
    bytesToday: day === today && typeof bytesToday === 'number' ? bytesToday : 0,
    lastSyncAt: typeof lastSyncAt === 'number' ? lastSyncAt : 0,
  };
}

/** The device's local date: the daily cap follows the reader's day, whatever the clock's zone. */
export function localDay(now: number): string {
  return new Date(now - new Date(now).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

async function countBytes(db: IDBDatabase, bytes: number, now: number): Promise<void> {
  const state = await readState(db, now);
  await putSetting(db, SYNC_STATE_KEY, { ...state, bytesToday: state.bytesToday + bytes });
}

async function putSetting(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  tx.objectStore('settings').put({ key, value });
  await done(tx);
}

/** The reader's sync settings (defaults where none are stored, or storage fails). */
export async function getSyncSettings(): Promise<SyncSettings> {
  return readSyncSettings(await readSetting(SYNC_SETTINGS_KEY).catch(() => null));
}

export async function putSyncSettings(settings: SyncSettings): Promise<void> {
  await withDatabase((db) => putSetting(db, SYNC_SETTINGS_KEY, settings));
}

/** Where syncing stands on this device: the last complete sync and today's bytes. */
export async function getSyncState(now = Date.now()): Promise<SyncState> {
  return readSyncState(await readSetting(SYNC_STATE_KEY).catch(() => null), now);
}

/** The notices of articles the publisher withdrew and sync removed, newest first. */
export async function getWithdrawnNotices(): Promise<WithdrawnNotice[]> {
  return readNotices(await readSetting(WITHDRAWN_KEY)).sort((a, b) => b.at - a.at);
}

/** Clears the notices the reader has seen. */
export async function dismissWithdrawnNotices(): Promise<void> {
  await withDatabase((db) => putSetting(db, WITHDRAWN_KEY, []));
}

async function readSetting(key: string): Promise<unknown> {
  return withDatabase(async (db) => {
    const value = await settle<unknown>(db.transaction('settings').objectStore('settings').get(key));
    return isRecord(value) ? value['value'] : null;
  });
}

async function withDatabase<T>(use: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await openWartaDatabase();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/**
 * Tells open pages what a sync did: sync panels hear every message on SYNC_CHANNEL; pages that
 * show an article refreshed or withdrawn are told through the service worker (which wakes for a
 * message, where a channel would find it asleep), as `REFRESHED` / `WITHDRAWN`, read by
 * src/app/worker-notices.ts.
 */
function broadcast(message: SyncMessage): void {
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(SYNC_CHANNEL);
    channel.postMessage(message);
    channel.close();
  }
  if (message.type !== 'refreshed' && message.type !== 'withdrawn') return;
  const notice = { type: message.type.toUpperCase(), slugs: message.slugs };
  const scope = globalThis as unknown as {
    clients?: { matchAll: (options: object) => Promise<readonly { postMessage: (data: unknown) => void }[]> };
  };
  if (scope.clients !== undefined) {
    void scope.clients.matchAll({ type: 'window' }).then((windows) => {
      for (const client of windows) client.postMessage(notice);
    });
  } else if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    navigator.serviceWorker.controller?.postMessage(notice);
  }
}

export type SyncMessage =
  | { readonly type: 'started' }
  /** Any sync's end, the worker's too, and how it ended. */
  | { readonly type: 'ended'; readonly outcome: SyncOutcome }
  | { readonly type: 'refreshed' | 'withdrawn'; readonly slugs: readonly string[] };

/** A transaction's end; aborted by a full disk, it is `quota`. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    const fail = (): void => {
      reject(new Stop(tx.error?.name === 'QuotaExceededError' ? 'quota' : 'storage'));
    };
    tx.onabort = fail;
    tx.onerror = fail;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
