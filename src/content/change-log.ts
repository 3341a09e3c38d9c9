/**
 * The change log the build publishes for syncing devices (issue 15): what changed, in the order
 * it changed, so a device asks only for what it has not seen. Its shapes, their order and the
 * checks a reader runs on what the network gave it: pure, no I/O, for the app and the build.
 *
 *   /perubahan/index.json   { version: 2, pages: [{ page, count, last: { time, slug }, hash }],
 *                             categories: [{ id, name }], recent: [ChangePage, …] }
 *   /perubahan/<n>.json     { entries: [ChangedArticle | WithdrawnArticle, …] }   (n from 1, the oldest)
 *   /perubahan/<n>.pack     the gzipped JSON of page n's articles, one gzip member after another
 *
 * Entries are ordered by time (an article's `modified`, a withdrawal's `withdrawn`), then slug,
 * each slug once: an edited article's entry moves to the end. Pages are cut where an entry's slug
 * says (about 250 entries a page, at most 1,000: tools/change-log.ts), not every 250 entries, so
 * an entry leaving a page changes that page only and never shifts the pages after it. A device
 * fetches the index, then only the pages whose `hash` it has not seen (`pagesToFetch`).
 *
 * Syncing on a link with seconds of latency, round trips cost more than bytes, so the index
 * carries the last pages whole (`recent`, at least `RECENT_ENTRIES` entries: as many as the
 * largest sync asks for), and a page's articles are one file, its pack: each article's JSON
 * gzipped alone (`gz` bytes, the same bytes as `/articles/<slug>.json.gz`), in the page's order.
 * A device asks for the byte ranges of the articles it lacks (`packRanges`), never for one it
 * holds: one round trip for the log, one for the articles. The pack is served as it is
 * (application/octet-stream, no Content-Encoding), so ranges are ranges of the gzip members.
 */

/*
 * The log's addresses live here, not in src/routes.ts: routes.ts is in the startup script, which
 * would carry these for the sync part that alone uses them on a page (a first visit's bytes).
 */
/** The change log a syncing device reads: its index, and its pages from the oldest. */
export const CHANGES_INDEX_URL = '/perubahan/index.json';

export function changesPageUrl(page: number): string {
  return `/perubahan/${String(page)}.json`;
}

/** A page's pack: its articles' gzipped JSON, one after another. */
export function changesPackUrl(page: number): string {
  return `/perubahan/${String(page)}.pack`;
}

/** How many entries `recent` carries at least: the most a sync downloads (`SYNC_COUNTS`). */
export const RECENT_ENTRIES = 100;

/** An article as it now is. */
export interface ChangedArticle {
  readonly slug: string;
  /** Last modified (else published, else its date at 00:00 UTC), UTC to the second; null: undated. */
  readonly modified: string | null;
  /** Published (else its date at 00:00 UTC), UTC to the second, for "the newest articles"; null: undated. */
  readonly published: string | null;
  /** The article's content hash (`PublishedArticle.hash`): the device refetches when it differs. */
  readonly hash: string;
  /** Bytes of `/articles/<slug>.json`, what the device stores. */
  readonly bytes: number;
  /** Bytes of its gzipped JSON in the page's pack: what a sync downloads, said before it starts. */
  readonly gz: number;
  /** Its categories' ids (`categories` in the index names them). */
  readonly categories: readonly string[];
}

/** An article the publisher withdrew: a device removes its copy. */
export interface WithdrawnArticle {
  readonly slug: string;
  /** When, UTC to the second. */
  readonly withdrawn: string;
}

export type Change = ChangedArticle | WithdrawnArticle;

export interface ChangePage {
  readonly entries: readonly Change[];
}

/** Where an entry sorts: its time (null first), then its slug. */
export interface ChangeKey {
  readonly time: string | null;
  readonly slug: string;
}

export interface ChangePageRecord {
  /** The page's number: `/perubahan/<page>.json`. */
  readonly page: number;
  readonly count: number;
  /** The key of its last entry: a device that has read up to here needs nothing before it. */
  readonly last: ChangeKey;
  /** The first 16 hex digits of the SHA-256 of the page's file, as served. */
  readonly hash: string;
}

export interface ChangeIndex {
  readonly version: 2;
  readonly pages: readonly ChangePageRecord[];
  readonly categories: readonly { readonly id: string; readonly name: string }[];
  /** The last `recent.length` pages, whole (the newest last). */
  readonly recent: readonly ChangePage[];
}

/** Where an article's gzipped JSON lies in its page's pack: `[start, end)` in bytes. */
export interface PackRange {
  readonly entry: ChangedArticle;
  readonly start: number;
  readonly end: number;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
/** UTC to the second: fixed width, so text order is time order. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u;
const HASH = /^[0-9a-f]{64}$/u;
const PAGE_HASH = /^[0-9a-f]{16}$/u;

/** A time as the change log writes it: UTC, to the second (`2020-10-31T09:30:00Z`). */
export function changeTime(time: string | number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

export function isWithdrawal(change: Change): change is WithdrawnArticle {
  return 'withdrawn' in change;
}

export function changeKey(change: Change): ChangeKey {
  return { time: isWithdrawal(change) ? change.withdrawn : change.modified, slug: change.slug };
}

/** The log's order: time (an undated article first), then slug in code-point order. */
export function compareChangeKeys(a: ChangeKey, b: ChangeKey): number {
  if (a.time !== b.time) {
    if (a.time === null) return -1;
    if (b.time === null) return 1;
    return a.time < b.time ? -1 : 1;
  }
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** The pages a device has not read: those whose hash it has not seen, oldest first. */
export function pagesToFetch(index: ChangeIndex, seen: ReadonlySet<string>): ChangePageRecord[] {
  return index.pages.filter((page) => !seen.has(page.hash));
}

/** Where each article of a page lies in the page's pack: one after another, in the page's order. */
export function packRanges(page: ChangePage): PackRange[] {
  const ranges: PackRange[] = [];
  let start = 0;
  for (const entry of page.entries) {
    if (isWithdrawal(entry)) continue;
    ranges.push({ entry, start, end: start + entry.gz });
    start += entry.gz;
  }
  return ranges;
}

/** Whether a page fetched is the one the index describes (its count and its last entry). */
export function pageAgrees(record: ChangePageRecord, page: ChangePage): boolean {
  const last = page.entries.at(-1);
  return (
    page.entries.length === record.count && last !== undefined && compareChangeKeys(changeKey(last), record.last) === 0
  );
}

/**
 * Checks what `/perubahan/index.json` gave: a truncated or corrupt answer is refused, never half
 * read. (Reasons are short: this code is in `sw.js`, on a first visit.)
 */
export function readChangeIndex(value: unknown): Checked<ChangeIndex> {
  if (!isRecord(value) || value['version'] !== 2) return refuse('not an index of version 2');
  const { pages, categories, recent } = value;
  if (!Array.isArray(pages) || !Array.isArray(categories) || !Array.isArray(recent)) return refuse('not lists');
  const records: ChangePageRecord[] = [];
  for (const page of pages as unknown[]) {
    const last = isRecord(page) ? readKey(page['last']) : null;
    const previous = records.at(-1);
    if (
      !isRecord(page) ||
      last === null ||
      page['page'] !== records.length + 1 ||
      !isCount(page['count'], 1) ||
      !isText(page['hash'], PAGE_HASH) ||
      (previous !== undefined && compareChangeKeys(previous.last, last) >= 0)
    ) {
      return refuse(`page ${String(records.length + 1)}`);
    }
    records.push({ page: records.length + 1, count: page['count'], last, hash: page['hash'] });
  }
  if (!categories.every((c) => isRecord(c) && isText(c['id'], SLUG) && typeof c['name'] === 'string')) {
    return refuse('categories');
  }
  const first = records.length - recent.length;
  const inline: ChangePage[] = [];
  for (const page of recent) {
    const read = readChangePage(page);
    const record = records[first + inline.length];
    if (!read.ok || record === undefined || !pageAgrees(record, read.value)) return refuse('recent');
    inline.push(read.value);
  }
  const named = (categories as { id: string; name: string }[]).map(({ id, name }) => ({ id, name }));
  return { ok: true, value: { version: 2, pages: records, categories: named, recent: inline } };
}

/** Checks what `/perubahan/<n>.json` gave: every entry well formed, in the log's order, each slug once. */
export function readChangePage(value: unknown): Checked<ChangePage> {
  const list: unknown = isRecord(value) ? value['entries'] : null;
  if (!Array.isArray(list)) return refuse('no entries');
  const entries: Change[] = [];
  for (const entry of list) {
    const change = readChange(entry);
    const previous = entries.at(-1);
    if (change === null || (previous !== undefined && compareChangeKeys(changeKey(previous), changeKey(change)) >= 0)) {
      return refuse(`entry ${String(entries.length)}`);
    }
    entries.push(change);
  }
  if (new Set(entries.map((entry) => entry.slug)).size !== entries.length) return refuse('a slug twice');
  return { ok: true, value: { entries } };
}

function readChange(value: unknown): Change | null {
  if (!isRecord(value) || !isText(value['slug'], SLUG)) return null;
  const slug = value['slug'];
  if ('withdrawn' in value) {
    const withdrawn = value['withdrawn'];
    return isText(withdrawn, TIME) && Object.keys(value).length === 2 ? { slug, withdrawn } : null;
  }
  const { modified, published, hash, bytes, gz, categories } = value;
  return (modified === null || isText(modified, TIME)) &&
    (published === null || isText(published, TIME)) &&
    isText(hash, HASH) &&
    isCount(bytes, 0) &&
    isCount(gz, 1) &&
    Array.isArray(categories) &&
    categories.every((id) => isText(id, SLUG))
    ? { slug, modified, published, hash, bytes, gz, categories: categories }
    : null;
}

function isCount(value: unknown, least: number): value is number {
  return Number.isInteger(value) && (value as number) >= least;
}

function isText(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value);
}

function readKey(value: unknown): ChangeKey | null {
  if (!isRecord(value) || !isText(value['slug'], SLUG)) return null;
  const time = value['time'];
  return time === null || isText(time, TIME) ? { time, slug: value['slug'] } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
