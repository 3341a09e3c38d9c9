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

/** Checks what `/perubahan/index.json` gave: a truncated or corrupt answer is refused, never half read. */
export function readChangeIndex(value: unknown): Checked<ChangeIndex> {
  if (!isRecord(value)) return refuse('the index is not an object');
  if (value['version'] !== 2) return refuse(`unknown version ${JSON.stringify(value['version'])}`);
  const { pages, categories, recent } = value;
  if (!Array.isArray(pages)) return refuse('pages is not a list');
  if (!Array.isArray(categories)) return refuse('categories is not a list');
  if (!Array.isArray(recent) || recent.length > pages.length) return refuse('recent is not a list of pages');
  const records: ChangePageRecord[] = [];
  for (const [index, page] of pages.entries()) {
    const where = `pages[${String(index)}]`;
    if (!isRecord(page)) return refuse(`${where} is not an object`);
    const { count, last, hash } = page;
    if (page['page'] !== index + 1) return refuse(`${where} is not page ${String(index + 1)}`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return refuse(`${where}.count is not a count`);
    if (typeof hash !== 'string' || !PAGE_HASH.test(hash)) return refuse(`${where}.hash is not 16 hex digits`);
    const key = readKey(last);
    if (key === null) return refuse(`${where}.last is not a time and a slug`);
    const previous = records.at(-1);
    if (previous !== undefined && compareChangeKeys(previous.last, key) >= 0) {
      return refuse(`${where} does not come after the page before it`);
    }
    records.push({ page: index + 1, count, last: key, hash });
  }
  const named: { id: string; name: string }[] = [];
  for (const [index, category] of categories.entries()) {
    if (!isRecord(category) || !isSlug(category['id']) || typeof category['name'] !== 'string') {
      return refuse(`categories[${String(index)}] is not an id and a name`);
    }
    named.push({ id: category['id'], name: category['name'] });
  }
  const first = records.length - recent.length;
  const inline: ChangePage[] = [];
  for (const [index, page] of recent.entries()) {
    const read = readChangePage(page);
    const record = records[first + index];
    if (!read.ok || record === undefined || !pageAgrees(record, read.value)) {
      return refuse(`recent[${String(index)}] is not page ${String(first + index + 1)}`);
    }
    inline.push(read.value);
  }
  return { ok: true, value: { version: 2, pages: records, categories: named, recent: inline } };
}

/** Checks what `/perubahan/<n>.json` gave: every entry well formed, in the log's order, each slug once. */
export function readChangePage(value: unknown): Checked<ChangePage> {
  if (!isRecord(value) || !Array.isArray(value['entries'])) return refuse('the page has no list of entries');
  const entries: Change[] = [];
  for (const [index, entry] of value['entries'].entries()) {
    const where = `entries[${String(index)}]`;
    const change = readChange(entry);
    if (change === null) return refuse(`${where} is neither an article nor a withdrawal`);
    const previous = entries.at(-1);
    if (previous !== undefined && compareChangeKeys(changeKey(previous), changeKey(change)) >= 0) {
      return refuse(`${where} is out of order`);
    }
    entries.push(change);
  }
  if (new Set(entries.map((entry) => entry.slug)).size !== entries.length) return refuse('a slug is there twice');
  return { ok: true, value: { entries } };
}

function readChange(value: unknown): Change | null {
  if (!isRecord(value) || !isSlug(value['slug'])) return null;
  const slug = value['slug'];
  if ('withdrawn' in value) {
    const withdrawn = value['withdrawn'];
    return isTime(withdrawn) && Object.keys(value).length === 2 ? { slug, withdrawn } : null;
  }
  const { modified, published, hash, bytes, gz, categories } = value;
  if (
    (modified !== null && !isTime(modified)) ||
    (published !== null && !isTime(published)) ||
    typeof hash !== 'string' ||
    !HASH.test(hash) ||
    typeof bytes !== 'number' ||
    !Number.isInteger(bytes) ||
    bytes < 0 ||
    typeof gz !== 'number' ||
    !Number.isInteger(gz) ||
    gz < 1 ||
    !Array.isArray(categories) ||
    !categories.every(isSlug)
  ) {
    return null;
  }
  return { slug, modified, published, hash, bytes, gz, categories };
}

function readKey(value: unknown): ChangeKey | null {
  if (!isRecord(value) || !isSlug(value['slug'])) return null;
  const time = value['time'];
  return time === null || isTime(time) ? { time, slug: value['slug'] } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG.test(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
