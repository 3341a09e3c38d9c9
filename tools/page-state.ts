/**
 * What the pages stage keeps between builds of one output folder, so that a build that adds one
 * article to 100,000 need not describe and key the 157,000 pages it keeps (two seconds of a
 * build that should take three): which articles the last build listed (each one's slug and
 * hash, newest first), the members of each of its paged lists (the archive, each term's and
 * each category's), the ages its archive notices said, and digests of the frame, the glossary
 * and the categories' names.
 *
 * A list's numbered pages run from the oldest (tools/prerender.ts, `paged`): page `p` holds the
 * oldest-first members `[(p - 1) × 20, p × 20)` and links to its neighbours by number, except
 * the last page, which links to the newest. So a page that is not the last one, before or now,
 * and holds the same articles, unchanged, in the same places as last time, is the page the last
 * build made from the same key: it is kept without being described (`PageKeeper`). A new article
 * changes a list's last pages only; an edited one its own page; a withdrawn one moves every page
 * after it. An article's page is kept when its slug and hash, the age its notice
 * says, the glossary and the categories' names are the same. Anything else (a new frame, a
 * glossary entry changed, a category renamed) describes every page again, as a build without
 * this record does.
 *
 * It keeps the change log too (tools/change-log.ts, `updateChangeLog`): its entries in order (an
 * article by its index in the keys, a withdrawal by its slug and time) and its pages' records, so
 * that a new article makes the log's last page, not 400 pages from 100,000 entries.
 *
 * And where each page's files are in the output's record as the build saved it (their rows,
 * `PageRows`), so that keeping 314,000 files needs no lookup by path (tools/build.ts takes them
 * as they are once a sample holds, `rowsHold`); and each sitemap of articles it made, so that one
 * whose articles are unchanged in place is not made again (`known`, tools/sitemaps.ts).
 *
 * The record is trusted only as the one the last build of this folder wrote: the build deletes
 * it before it writes anything and writes the new one after the output's record
 * (tools/build.ts), so a build stopped midway leaves none. It is written beside its place and
 * renamed into it, and checked when read (its shape, lengths and indices): one missing,
 * truncated or of another shape is no record, and every page is described as in a build
 * without it (tests/unit/incremental.test.ts).
 */
import type { Change, ChangePageRecord } from '../src/content/change-log.js';
import { ARTICLES_PER_PAGE } from '../src/routes.js';
import type { LastLog, LogItem } from './change-log.js';
import type { ArticleRecord } from './content.js';
import type { SitemapMemory, SitemapSummary } from './sitemaps.js';
import { bytesOf, decodeText, typedCopy } from './text-column.js';
import type { Withdrawal } from './withdrawals.js';

const MAGIC = 'warta-pages 3\n';

/** What the last build's pages were made from, as `readPageState` gives it back. */
export interface PageState {
  /** Which writing of the output's record it goes with (`Output.recordToken`): another is no record. */
  readonly output: string;
  /** The frame's key (`frameKey`): a new frame makes every page again. */
  readonly frame: string;
  /** A digest of the glossary's entries (term pages and article pages show them). */
  readonly glossary: string;
  /** A digest of every category's id, name and language (their pages and the articles' links say them). */
  readonly categories: string;
  /** The articles, newest first, each as `slug hash`. */
  readonly keys: readonly string[];
  /** The archive notices' ages by article date (JSON), as the last build said them. */
  readonly ages: ReadonlyMap<string, string>;
  /** Each paged list's members, oldest first, as indices into `keys`. */
  readonly lists: ReadonlyMap<string, Uint32Array>;
  /** Each paged list's numbered pages' `lastmod` in the sitemaps (tools/sitemaps.ts), from page 1. */
  readonly times: ReadonlyMap<string, readonly (string | null)[]>;
  /** A digest of the code that said those times (the sitemaps'): other code, other times. */
  readonly sitemaps: string;
  /** The sitemaps of the articles it made: each one's articles (from the oldest, [start, end)), digest and newest `lastmod`. */
  readonly articleSitemaps: readonly ArticleSitemap[];
  /** A digest of how the gzip copies were made (tools/compress.ts' code, the files Zopfli compresses). */
  readonly compress: string;
  /** The change log the last build wrote, or null when it kept none. */
  readonly log: LogState | null;
  /**
   * Where each page's files are in the output's record as the last build saved it (a page's
   * `files` rows one after another, -1 when not known): hints that spare keeping a page a
   * lookup (`PageFiles.keep`). Each article's page in `keys`' order; each list's numbered pages.
   */
  readonly rows: PageRows;
}

/** A sitemap of articles (`PageState.articleSitemaps`). */
export interface ArticleSitemap extends SitemapSummary {
  readonly start: number;
  readonly end: number;
}

/** Where pages' files are in the output's record (`PageState.rows`). */
export interface PageRows {
  /** A page's files: one a UI language. */
  readonly files: number;
  readonly articles: Int32Array;
  readonly lists: ReadonlyMap<string, Int32Array>;
}

/**
 * A page's files in the output folder, as the pages' record keeps them (tools/build.ts: one a UI
 * language, kept through the output's record, tools/output.ts).
 */
export interface PageFiles {
  /** How many files a page has. */
  readonly count: number;
  /**
   * Keeps a page's files as the last build left them, if it can, with `hints` (the rows the last
   * build saved them at, if known) and this build's rows put in `found`; a file the output's
   * record does not hold is made again.
   */
  keep(fileName: string, hints: Int32Array | undefined, found: Int32Array): boolean;
  /** The row this build's `row` has in the record as saved (-1: left out). */
  savedRow(row: number): number;
  /** The rows a page's files have in the record as saved (-1: none), looked up. */
  savedRowsOf(fileName: string, into: Int32Array): void;
}

/** The change log as the pages' record keeps it. */
export interface LogState {
  /** A digest of what its entries are made by besides their items (the log's code, how article JSON is gzipped). */
  readonly key: string;
  /** Its entries in order: an article's index in `keys` (0 and up), or withdrawal `w` as `-1 - w`. */
  readonly entries: Int32Array;
  readonly withdrawals: readonly Withdrawal[];
  readonly pages: readonly ChangePageRecord[];
}

/** The change log as this build made it, for the next build's record (`PageKeeper.next`). */
export interface MadeLog {
  readonly key: string;
  /** Its items in order (`LogUpdate.items`). */
  readonly items: readonly LogItem<ArticleRecord>[];
  readonly pages: readonly ChangePageRecord[];
}

/** A paged list of this build: its id (`archive`, `term:<id>`, `category:<id>`) and members, newest first. */
export interface PagedList {
  readonly id: string;
  readonly members: readonly ArticleRecord[];
  /** Each member's place in the build's articles, when the caller knows them (else they are looked up). */
  readonly places?: readonly number[];
}

/** The paged lists' ids: the archive, a term's, a category's. */
export const ARCHIVE_LIST = 'archive';
export const termList = (id: string): string => `term:${id}`;
export const categoryList = (id: string): string => `category:${id}`;

/** An article as a list's key names it. */
export const articleIdentity = (article: Pick<ArticleRecord, 'slug' | 'hash'>): string =>
  `${article.slug} ${article.hash.slice(0, 16)}`;

/** The state's bytes (`readPageState` takes them back). */
export function serializePageState(state: PageState): Buffer {
  const keys = Buffer.from(state.keys.join('\n'), 'utf8');
  const lists = [...state.lists];
  const header = {
    output: state.output,
    frame: state.frame,
    glossary: state.glossary,
    categories: state.categories,
    ages: [...state.ages],
    lists: lists.map(([id, members]) => [id, members.length]),
    times: [...state.times],
    compress: state.compress,
    sitemaps: state.sitemaps,
    articleSitemaps: state.articleSitemaps.map(({ start, end, digest, lastmod }) => [start, end, digest, lastmod]),
    keyBytes: keys.byteLength,
    keyCount: state.keys.length,
    files: state.rows.files,
    rows: lists.map(([id]) => state.rows.lists.get(id)?.length ?? 0),
    log:
      state.log === null
        ? null
        : {
            key: state.log.key,
            entries: state.log.entries.length,
            withdrawals: state.log.withdrawals.map(({ slug, withdrawn }) => [slug, withdrawn]),
            pages: state.log.pages,
          },
  };
  const data = Buffer.concat([
    ...lists.map(([, members]) => bytesOf(members)),
    ...(state.log === null ? [] : [bytesOf(state.log.entries)]),
    bytesOf(state.rows.articles),
    ...lists.map(([id]) => bytesOf(state.rows.lists.get(id) ?? new Int32Array(0))),
  ]);
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), keys, data]);
}

/** The state in `bytes`, or null when they are not a whole, well-formed state. */
export function readPageState(bytes: Buffer): PageState | null {
  try {
    if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return null;
    const end = bytes.indexOf('\n', MAGIC.length);
    if (end < 0) return null;
    const header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as unknown;
    if (!isHeader(header)) return null;
    let at = end + 1;
    const keyText = decodeText(bytes.subarray(at, at + header.keyBytes));
    at += header.keyBytes;
    const keys = header.keyCount === 0 ? [] : keyText.split('\n');
    if (keys.length !== header.keyCount) return null;
    const total = header.lists.reduce((sum, [, length]) => sum + length, 0);
    const logLength = header.log?.entries ?? 0;
    const rowCount = header.files * keys.length + header.rows.reduce((sum, length) => sum + length, 0);
    if (header.rows.length !== header.lists.length) return null;
    if (bytes.byteLength - at !== (total + logLength + rowCount) * Uint32Array.BYTES_PER_ELEMENT) return null;
    // Copied (typedCopy), so the numbers are aligned as typed arrays need whatever offset the bytes have.
    const part = (length: number): Buffer => bytes.subarray(at, (at += length * Uint32Array.BYTES_PER_ELEMENT));
    const data = typedCopy(part(total), (length) => new Uint32Array(length), 4) ?? new Uint32Array(0);
    if (data.some((index) => index >= keys.length)) return null;
    const log = header.log === null ? null : readLog(header.log, part(logLength), keys.length);
    if (header.log !== null && log === null) return null;
    const allRows = typedCopy(part(rowCount), (length) => new Int32Array(length), 4) ?? new Int32Array(0);
    const lists = new Map<string, Uint32Array>();
    const listRows = new Map<string, Int32Array>();
    let from = 0;
    let rowsFrom = header.files * keys.length;
    for (const [index, [id, length]] of header.lists.entries()) {
      lists.set(id, data.subarray(from, from + length));
      from += length;
      const rows = header.rows[index] ?? 0;
      listRows.set(id, allRows.subarray(rowsFrom, rowsFrom + rows));
      rowsFrom += rows;
    }
    return {
      output: header.output,
      frame: header.frame,
      glossary: header.glossary,
      categories: header.categories,
      keys,
      ages: new Map(header.ages),
      lists,
      times: new Map(header.times),
      compress: header.compress,
      sitemaps: header.sitemaps,
      articleSitemaps: header.articleSitemaps.map(([start, end, digest, lastmod]) => ({ start, end, digest, lastmod })),
      log,
      rows: { files: header.files, articles: allRows.subarray(0, header.files * keys.length), lists: listRows },
    };
  } catch {
    return null;
  }
}

/** The change log's part of the record, or null when it does not fit the keys (or itself). */
function readLog(header: LogHeader, bytes: Buffer, keys: number): LogState | null {
  const entries = typedCopy(bytes, (length) => new Int32Array(length), 4);
  if (entries?.length !== header.entries) return null;
  const withdrawals = header.withdrawals.map(([slug, withdrawn]) => ({ slug, withdrawn }));
  if (entries.some((entry) => entry >= keys || -1 - entry >= withdrawals.length)) return null;
  if (header.pages.reduce((sum, page) => sum + page.count, 0) !== entries.length) return null;
  if (header.pages.some((page, index) => page.page !== index + 1)) return null;
  return { key: header.key, entries, withdrawals, pages: header.pages };
}

interface Header {
  readonly output: string;
  readonly frame: string;
  readonly glossary: string;
  readonly categories: string;
  readonly ages: readonly (readonly [string, string])[];
  readonly lists: readonly (readonly [string, number])[];
  readonly times: readonly (readonly [string, readonly (string | null)[]])[];
  readonly keyBytes: number;
  readonly keyCount: number;
  readonly files: number;
  readonly rows: readonly number[];
  readonly compress: string;
  readonly sitemaps: string;
  readonly articleSitemaps: readonly (readonly [number, number, string, string | null])[];
  readonly log: LogHeader | null;
}

interface LogHeader {
  readonly key: string;
  readonly entries: number;
  readonly withdrawals: readonly (readonly [string, string])[];
  readonly pages: readonly ChangePageRecord[];
}

function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  const pairs = (list: unknown, second: 'string' | 'number'): boolean =>
    Array.isArray(list) &&
    list.every(
      (item) =>
        Array.isArray(item) &&
        item.length === 2 &&
        typeof item[0] === 'string' &&
        typeof item[1] === second &&
        (second === 'string' || (Number.isInteger(item[1]) && (item[1] as number) >= 0)),
    );
  return (
    typeof header['output'] === 'string' &&
    typeof header['frame'] === 'string' &&
    typeof header['glossary'] === 'string' &&
    typeof header['categories'] === 'string' &&
    typeof header['compress'] === 'string' &&
    typeof header['sitemaps'] === 'string' &&
    Array.isArray(header['articleSitemaps']) &&
    header['articleSitemaps'].every(
      (item) =>
        Array.isArray(item) &&
        item.length === 4 &&
        Number.isInteger(item[0]) &&
        Number.isInteger(item[1]) &&
        typeof item[2] === 'string' &&
        (item[3] === null || typeof item[3] === 'string'),
    ) &&
    pairs(header['ages'], 'string') &&
    pairs(header['lists'], 'number') &&
    Array.isArray(header['times']) &&
    header['times'].every(
      (item) =>
        Array.isArray(item) &&
        item.length === 2 &&
        typeof item[0] === 'string' &&
        Array.isArray(item[1]) &&
        item[1].every((time) => time === null || typeof time === 'string'),
    ) &&
    Number.isInteger(header['keyBytes']) &&
    Number.isInteger(header['keyCount']) &&
    Number.isInteger(header['files']) &&
    (header['files'] as number) >= 0 &&
    Array.isArray(header['rows']) &&
    header['rows'].every((length) => Number.isInteger(length) && (length as number) >= 0) &&
    (header['log'] === null || isLogHeader(header['log']))
  );
}

function isLogHeader(value: unknown): value is LogHeader {
  if (typeof value !== 'object' || value === null) return false;
  const log = value as Record<string, unknown>;
  const time = (item: unknown): boolean => item === null || typeof item === 'string';
  return (
    typeof log['key'] === 'string' &&
    Number.isInteger(log['entries']) &&
    (log['entries'] as number) >= 0 &&
    Array.isArray(log['withdrawals']) &&
    log['withdrawals'].every(
      (item) => Array.isArray(item) && item.length === 2 && item.every((part) => typeof part === 'string'),
    ) &&
    Array.isArray(log['pages']) &&
    log['pages'].every((page: unknown) => {
      if (typeof page !== 'object' || page === null) return false;
      const record = page as Record<string, unknown>;
      const last = record['last'] as Record<string, unknown> | null | undefined;
      return (
        Number.isInteger(record['page']) &&
        Number.isInteger(record['count']) &&
        (record['count'] as number) > 0 &&
        typeof record['hash'] === 'string' &&
        typeof last === 'object' &&
        last !== null &&
        typeof last['slug'] === 'string' &&
        time(last['time'])
      );
    })
  );
}

/** What this build's pages are made from, besides the lists: compared with the last build's. */
export interface PageInputs {
  readonly frame: string;
  readonly glossary: string;
  readonly categories: string;
  /** A digest of the code that says the sitemaps' times (`PageState.sitemaps`). */
  readonly sitemaps: string;
  /** The ages an article of this date says (JSON), made once a date. */
  readonly ages: (date: string | null) => string;
}

/**
 * Which pages are as the last build made them (see the top of this file), and this build's state
 * for the next. `files` keeps a page's files (in every UI language) as the last build left them,
 * and says whether it could: a file the output's record does not hold is made again.
 */
export class PageKeeper implements SitemapMemory {
  /** Pages kept without being described. */
  kept = 0;
  private readonly same: boolean;
  /** Each of this build's articles' index in the last build's `keys`, by its place in `articles` (-1: new, or changed). */
  private readonly oldAt: Int32Array;
  /** Each article's place in `articles`, made when first asked for. */
  private places: Map<ArticleRecord, number> | null = null;
  /** Each list's members' places in `articles`, oldest first, made once a list (`compare`, then `next`). */
  private readonly members = new Map<string, Uint32Array>();
  /** This build's lists' pages' `lastmod`, as the sitemaps ask for them. */
  private readonly times = new Map<string, (string | null)[]>();
  private readonly byId: ReadonlyMap<string, PagedList>;
  /** Each list's pages' `unchanged`, by page number: 0 not worked out yet, 1 unchanged, 2 not. */
  private readonly verdicts = new Map<string, Uint8Array>();
  /** The rows (this build's) of the files of each article's page kept, by place (-1: not kept). */
  private readonly articleRows: Int32Array;
  /** The same of each list's numbered pages kept, by page from 1. */
  private readonly listRows = new Map<string, Int32Array>();
  /** The pages not kept, by place or by list and page: their rows are looked up for the next build's record. */
  private readonly articlesMade = new Map<number, string>();
  private readonly listPagesMade = new Map<string, Map<number, string>>();
  /** Each article's identity, made when first asked for (`identities`). */
  private identityList: readonly string[] | null = null;
  /** The sitemaps of articles this build made or kept, for the next build's record. */
  private readonly articleSitemaps: ArticleSitemap[] = [];

  constructor(
    private readonly last: PageState | null,
    private readonly inputs: PageInputs,
    private readonly articles: readonly ArticleRecord[],
    private readonly lists: readonly PagedList[],
    private readonly files: PageFiles,
  ) {
    this.byId = new Map(lists.map((list) => [list.id, list]));
    this.oldAt = new Int32Array(articles.length).fill(-1);
    this.articleRows = new Int32Array(articles.length * files.count).fill(-1);
    this.same =
      last !== null &&
      last.frame === inputs.frame &&
      last.glossary === inputs.glossary &&
      last.categories === inputs.categories;
    if (last !== null && this.same) this.align(last.keys);
  }

  /**
   * Finds each article's index in the last build's keys. Both lists are in the same order (an
   * unchanged article keeps its place among the others), so they are walked side by side, and a
   * new, edited or removed article is told by the next ones; only a change that walk cannot
   * explain looks keys up in a map of them all (100,000 strings hashed: a tenth of a second).
   */
  private align(keys: readonly string[]): void {
    const identities = this.identities();
    let indexOf: Map<string, number> | null = null;
    let at = 0;
    for (const [index, identity] of identities.entries()) {
      const article = this.articles[index];
      if (article === undefined) continue;
      const next = identities[index + 1];
      let found: number;
      if (keys[at] === identity) found = at;
      else if (keys[at + 1] === identity)
        found = at + 1; // keys[at] gone
      else if (next !== undefined && (keys[at] === next || keys[at + 1] === next))
        found = -1; // new, or edited in place
      else {
        indexOf ??= new Map(keys.map((key, position) => [key, position]));
        found = indexOf.get(identity) ?? -1;
      }
      this.oldAt[index] = found;
      if (found >= 0) at = found + 1;
      else if (next !== undefined && keys[at + 1] === next) at += 1;
    }
  }

  /**
   * Whether page `page` (numbered from the oldest) of list `id` is as the last build made it:
   * then its files are kept and the caller describes it no further.
   */
  listPage(id: string, page: number, fileName: string): boolean {
    const files = this.files.count;
    let rows = this.listRows.get(id);
    if (rows === undefined) {
      rows = new Int32Array(Math.ceil((this.byId.get(id)?.members.length ?? 0) / ARTICLES_PER_PAGE) * files).fill(-1);
      this.listRows.set(id, rows);
    }
    const found = rows.subarray((page - 1) * files, page * files);
    const hints = this.last?.rows.files === files ? this.last.rows.lists.get(id) : undefined;
    const hint = hints?.subarray((page - 1) * files, page * files);
    if (found.length === files && this.unchanged(id, page) && this.kept1(fileName, hint, found)) return true;
    let made = this.listPagesMade.get(id);
    if (made === undefined) {
      made = new Map();
      this.listPagesMade.set(id, made);
    }
    made.set(page, fileName);
    return false;
  }

  /**
   * A list page's `lastmod` in the sitemaps: the last build's when its articles are the same,
   * else `compute`'s; noted for the next build.
   */
  lastmod(id: string, page: number, compute: () => string | null): string | null {
    const old =
      this.last?.sitemaps === this.inputs.sitemaps && this.unchanged(id, page)
        ? this.last.times.get(id)?.[page - 1]
        : undefined;
    const time = old === undefined ? compute() : old;
    let times = this.times.get(id);
    if (times === undefined) {
      times = [];
      this.times.set(id, times);
    }
    times[page - 1] = time;
    return time;
  }

  /**
   * The sitemap of the articles [start, end) from the oldest, as the last build made it, when
   * they are its articles, unchanged, in the same places: the sitemap is the same, and neither
   * its addresses nor their times need making (100,000 of each at an archive's size).
   */
  known(start: number, end: number): SitemapSummary | undefined {
    const last = this.last;
    if (last === null || !this.same || last.sitemaps !== this.inputs.sitemaps) return undefined;
    const summary = last.articleSitemaps.find((sitemap) => sitemap.start === start && sitemap.end === end);
    if (summary === undefined) return undefined;
    // From the oldest: place `articles.length - 1 - at` now, index `keys.length - 1 - at` then.
    const now = this.articles.length - 1;
    const then = last.keys.length - 1;
    for (let at = start; at < end; at += 1) if (this.oldAt[now - at] !== then - at) return undefined;
    return { digest: summary.digest, lastmod: summary.lastmod };
  }

  /** Notes a sitemap of articles this build made (or kept), for the next build's record. */
  made(start: number, end: number, summary: SitemapSummary): void {
    this.articleSitemaps.push({ start, end, digest: summary.digest, lastmod: summary.lastmod });
  }

  /**
   * Whether page `page` of list `id` holds the last build's articles, with the same neighbours:
   * worked out once a page (the pages ask, then the sitemaps), each list's answers in a byte a page.
   */
  private unchanged(id: string, page: number): boolean {
    let known = this.verdicts.get(id);
    if (known === undefined) {
      known = new Uint8Array(Math.ceil((this.byId.get(id)?.members.length ?? 0) / ARTICLES_PER_PAGE) + 1);
      this.verdicts.set(id, known);
    }
    if (known[page] === undefined) return this.compare(id, page);
    if (known[page] === 0) known[page] = this.compare(id, page) ? 1 : 2;
    return known[page] === 1;
  }

  /** `unchanged`, worked out. */
  private compare(id: string, page: number): boolean {
    const old = this.same ? this.last?.lists.get(id) : undefined;
    const list = this.byId.get(id);
    if (old === undefined || list === undefined) return false;
    const count = list.members.length;
    const places = this.placesOf(list);
    const pages = (length: number): number => Math.ceil(length / ARTICLES_PER_PAGE);
    // The last page links to the newest: it changes with the count of pages.
    if (page >= pages(old.length) || page >= pages(count)) return false;
    // Its articles, from the oldest: the same articles, unchanged, in the same places (an edit
    // leaves the pages after the edited article's as they were; a new or withdrawn one moves them).
    for (let at = (page - 1) * ARTICLES_PER_PAGE; at < page * ARTICLES_PER_PAGE; at += 1) {
      const was = this.oldAt[places[at] ?? -1] ?? -1;
      if (was < 0 || was !== old[at]) return false;
    }
    return true;
  }

  /**
   * A list's members' places in `articles`, oldest first: worked out once a list (a million
   * lookups at 100,000 articles, when the list does not bring them), for `compare` and the next
   * build's record alike. The archive is every article: its places are counted, not looked up.
   */
  private placesOf(list: PagedList): Uint32Array {
    let places = this.members.get(list.id);
    if (places !== undefined) return places;
    const count = list.members.length;
    places = new Uint32Array(count);
    if (list.members === this.articles) {
      for (let at = 0; at < count; at += 1) places[at] = count - 1 - at;
    } else if (list.places?.length === count) {
      for (let at = 0; at < count; at += 1) places[at] = list.places[count - 1 - at] ?? 0;
    } else {
      for (let at = 0; at < count; at += 1) {
        const member = list.members[count - 1 - at];
        places[at] = member === undefined ? 0 : (this.placeOf(member) ?? 0);
      }
    }
    this.members.set(list.id, places);
    return places;
  }

  /** An article's place in `articles`. */
  private placeOf(article: ArticleRecord): number | undefined {
    this.places ??= new Map(this.articles.map((each, at) => [each, at]));
    return this.places.get(article);
  }

  /**
   * The last build's change log as `updateChangeLog` takes it, with this build's articles and
   * withdrawals in place of those unchanged, and the items it lacks; all of them are added when
   * the last build kept none, or made it by other code (`key`). `read` gives a page of it as the
   * last build wrote it.
   */
  lastLog(
    key: string,
    withdrawals: readonly Withdrawal[],
    read: (page: number) => readonly Change[],
  ): { readonly last: LastLog<ArticleRecord> | null; readonly added: LogItem<ArticleRecord>[] } {
    const log = this.same && this.last?.log?.key === key ? this.last.log : null;
    if (log === null) return { last: null, added: [...this.articles, ...withdrawals] };
    const byKey: (ArticleRecord | undefined)[] = new Array<ArticleRecord | undefined>(this.last?.keys.length ?? 0);
    const added: LogItem<ArticleRecord>[] = [];
    for (const [at, article] of this.articles.entries()) {
      const was = this.oldAt[at] ?? -1;
      if (was >= 0) byKey[was] = article;
      else added.push(article);
    }
    const withdrawal = (item: Withdrawal): string => `${item.slug} ${item.withdrawn}`;
    const now = new Map(withdrawals.map((item) => [withdrawal(item), item]));
    const before = new Set(log.withdrawals.map(withdrawal));
    added.push(...withdrawals.filter((item) => !before.has(withdrawal(item))));
    const items: (LogItem<ArticleRecord> | null)[] = Array.from(log.entries, (entry) => {
      if (entry >= 0) return byKey[entry] ?? null;
      const was = log.withdrawals[-1 - entry];
      return was === undefined ? null : (now.get(withdrawal(was)) ?? null);
    });
    return { last: { pages: log.pages, items, read }, added };
  }

  /**
   * Whether an article's page is as the last build made it: then its files are kept. `place` is
   * its place in the build's articles, when the caller walks them (else it is looked up).
   */
  article(article: ArticleRecord, fileName: string, place?: number): boolean {
    const at = place !== undefined && this.articles[place] === article ? place : this.placeOf(article);
    if (at === undefined) return false;
    const was = this.oldAt[at] ?? -1;
    const files = this.files.count;
    const hint =
      was >= 0 && this.last?.rows.files === files
        ? this.last.rows.articles.subarray(was * files, (was + 1) * files)
        : undefined;
    if (
      this.same &&
      was >= 0 &&
      this.last?.ages.get(article.date ?? '') === this.inputs.ages(article.date) &&
      this.kept1(fileName, hint, this.articleRows.subarray(at * files, (at + 1) * files))
    ) {
      return true;
    }
    this.articlesMade.set(at, fileName);
    return false;
  }

  /**
   * This build's state, for the next one, with how its gzip copies were made and the writing of
   * the output's record it goes with.
   */
  next(compress: string, output: string, log: MadeLog | null): PageState {
    const lists = new Map<string, Uint32Array>();
    for (const list of this.lists) lists.set(list.id, this.placesOf(list));
    const ages = new Map<string, string>();
    for (const article of this.articles) {
      const date = article.date ?? '';
      if (!ages.has(date)) ages.set(date, this.inputs.ages(article.date));
    }
    return {
      frame: this.inputs.frame,
      glossary: this.inputs.glossary,
      categories: this.inputs.categories,
      keys: this.identities(),
      ages,
      lists,
      // Only whole: a list whose pages the sitemaps did not all ask for is looked through again.
      times: new Map([...this.times].filter(([, times]) => isWhole(times))),
      compress,
      output,
      sitemaps: this.inputs.sitemaps,
      articleSitemaps: this.articleSitemaps,
      log: log === null ? null : this.logState(log),
      rows: this.savedRows(lists),
    };
  }

  /**
   * Where this build's pages' files are in the output's record as saved: the rows of those kept,
   * renumbered as the record was saved; those made, looked up (all of them, in a build that keeps
   * none).
   */
  private savedRows(lists: ReadonlyMap<string, Uint32Array>): PageRows {
    const files = this.files.count;
    const saved = (rows: Int32Array, made: ReadonlyMap<number, string> | undefined): Int32Array => {
      const into = new Int32Array(rows.length);
      for (let at = 0; at < rows.length; at += 1) into[at] = this.files.savedRow(rows[at] ?? -1);
      for (const [page, fileName] of made ?? []) {
        const place = into.subarray(page * files, (page + 1) * files);
        if (place.length === files) this.files.savedRowsOf(fileName, place);
      }
      return into;
    };
    const listRows = new Map<string, Int32Array>();
    for (const id of lists.keys()) {
      const rows = this.listRows.get(id);
      if (rows === undefined) continue;
      // Pages are numbered from 1, places from 0.
      const made = new Map([...(this.listPagesMade.get(id) ?? [])].map(([page, fileName]) => [page - 1, fileName]));
      listRows.set(id, saved(rows, made));
    }
    return { files, articles: saved(this.articleRows, this.articlesMade), lists: listRows };
  }

  /** The change log's part of the next record: its items as indices (withdrawals by their own). */
  private logState(log: MadeLog): LogState | null {
    const withdrawals: Withdrawal[] = [];
    const entries = new Int32Array(log.items.length);
    for (const [at, item] of log.items.entries()) {
      if ('withdrawn' in item) {
        entries[at] = -1 - withdrawals.length;
        withdrawals.push({ slug: item.slug, withdrawn: item.withdrawn });
        continue;
      }
      const was = this.placeOf(item);
      // An item that is not one of this build's articles: no log to keep (the next build makes it whole).
      if (was === undefined) return null;
      entries[at] = was;
    }
    return { key: log.key, entries, withdrawals, pages: log.pages };
  }

  /** Each article's identity (`articleIdentity`), made once: `align` compares them, `next` keeps them. */
  private identities(): readonly string[] {
    this.identityList ??= this.articles.map(articleIdentity);
    return this.identityList;
  }

  private kept1(fileName: string, hints: Int32Array | undefined, found: Int32Array): boolean {
    if (!this.files.keep(fileName, hints, found)) return false;
    this.kept += 1;
    return true;
  }
}

/** Whether an array has every index below its length (one set out of order leaves holes). */
function isWhole(values: readonly unknown[]): boolean {
  for (let index = 0; index < values.length; index += 1) if (!(index in values)) return false;
  return true;
}
