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
 * The record is trusted only as the one the last build of this folder wrote: the build deletes
 * it before it writes anything and writes the new one after the output's record
 * (tools/build.ts), so a build stopped midway leaves none. It is written beside its place and
 * renamed into it, and checked when read (its shape, lengths and indices): one missing,
 * truncated or of another shape is no record, and every page is described as in a build
 * without it (tests/unit/incremental.test.ts).
 */
import { ARTICLES_PER_PAGE } from '../src/routes.js';
import type { ArticleRecord } from './content.js';

const MAGIC = 'warta-pages 1\n';

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
  /** A digest of how the gzip copies were made (tools/compress.ts' code, the files Zopfli compresses). */
  readonly compress: string;
}

/** A paged list of this build: its id (`archive`, `term:<id>`, `category:<id>`) and members, newest first. */
export interface PagedList {
  readonly id: string;
  readonly members: readonly ArticleRecord[];
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
    keyBytes: keys.byteLength,
    keyCount: state.keys.length,
  };
  const data = Buffer.concat(
    lists.map(([, members]) => Buffer.from(members.buffer, members.byteOffset, members.byteLength)),
  );
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
    const keyText = bytes.subarray(at, at + header.keyBytes).toString('utf8');
    at += header.keyBytes;
    const keys = header.keyCount === 0 ? [] : keyText.split('\n');
    if (keys.length !== header.keyCount) return null;
    const total = header.lists.reduce((sum, [, length]) => sum + length, 0);
    if (bytes.byteLength - at !== total * Uint32Array.BYTES_PER_ELEMENT) return null;
    // Copied, so the numbers are aligned as Uint32Array needs whatever offset the bytes have.
    const data = new Uint32Array(total);
    new Uint8Array(data.buffer).set(bytes.subarray(at));
    if (data.some((index) => index >= keys.length)) return null;
    const lists = new Map<string, Uint32Array>();
    let from = 0;
    for (const [id, length] of header.lists) {
      lists.set(id, data.subarray(from, from + length));
      from += length;
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
    };
  } catch {
    return null;
  }
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
  readonly compress: string;
  readonly sitemaps: string;
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
    Number.isInteger(header['keyCount'])
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
 * for the next. `keep` keeps a page's files (in every UI language) as the last build left them,
 * and says whether it could: a file the output's record does not hold is made again.
 */
export class PageKeeper {
  /** Pages kept without being described. */
  kept = 0;
  private readonly same: boolean;
  /** This build's articles' indices in the last build's `keys` (-1: new, or changed). */
  private readonly oldIndex = new Map<ArticleRecord, number>();
  /** This build's lists' pages' `lastmod`, as the sitemaps ask for them. */
  private readonly times = new Map<string, (string | null)[]>();
  private readonly byId: ReadonlyMap<string, PagedList>;

  constructor(
    private readonly last: PageState | null,
    private readonly inputs: PageInputs,
    private readonly articles: readonly ArticleRecord[],
    private readonly lists: readonly PagedList[],
    private readonly keep: (fileName: string) => boolean,
  ) {
    this.byId = new Map(lists.map((list) => [list.id, list]));
    this.same =
      last !== null &&
      last.frame === inputs.frame &&
      last.glossary === inputs.glossary &&
      last.categories === inputs.categories;
    if (last !== null && this.same) {
      const indexOf = new Map(last.keys.map((key, index) => [key, index]));
      for (const article of articles) this.oldIndex.set(article, indexOf.get(articleIdentity(article)) ?? -1);
    }
  }

  /**
   * Whether page `page` (numbered from the oldest) of list `id` is as the last build made it:
   * then its files are kept and the caller describes it no further.
   */
  listPage(id: string, page: number, fileName: string): boolean {
    return this.unchanged(id, page) && this.kept1(fileName);
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

  /** Whether page `page` of list `id` holds the last build's articles, with the same neighbours. */
  private unchanged(id: string, page: number): boolean {
    const old = this.same ? this.last?.lists.get(id) : undefined;
    const list = this.byId.get(id);
    if (old === undefined || list === undefined) return false;
    const count = list.members.length;
    const pages = (length: number): number => Math.ceil(length / ARTICLES_PER_PAGE);
    // The last page links to the newest: it changes with the count of pages.
    if (page >= pages(old.length) || page >= pages(count)) return false;
    // Its articles, from the oldest: the same articles, unchanged, in the same places (an edit
    // leaves the pages after the edited article's as they were; a new or withdrawn one moves them).
    for (let at = (page - 1) * ARTICLES_PER_PAGE; at < page * ARTICLES_PER_PAGE; at += 1) {
      const member = list.members[count - 1 - at];
      const was = member === undefined ? -1 : (this.oldIndex.get(member) ?? -1);
      if (was < 0 || was !== old[at]) return false;
    }
    return true;
  }

  /** Whether an article's page is as the last build made it: then its files are kept. */
  article(article: ArticleRecord, fileName: string): boolean {
    if (!this.same || (this.oldIndex.get(article) ?? -1) < 0) return false;
    if (this.last?.ages.get(article.date ?? '') !== this.inputs.ages(article.date)) return false;
    return this.kept1(fileName);
  }

  /**
   * This build's state, for the next one, with how its gzip copies were made and the writing of
   * the output's record it goes with.
   */
  next(compress: string, output: string): PageState {
    const index = new Map(this.articles.map((article, at) => [article, at]));
    const lists = new Map<string, Uint32Array>();
    for (const list of this.lists) {
      const members = new Uint32Array(list.members.length);
      const count = list.members.length;
      for (let at = 0; at < count; at += 1) {
        const member = list.members[count - 1 - at];
        members[at] = member === undefined ? 0 : (index.get(member) ?? 0);
      }
      lists.set(list.id, members);
    }
    const ages = new Map<string, string>();
    for (const article of this.articles) {
      const date = article.date ?? '';
      if (!ages.has(date)) ages.set(date, this.inputs.ages(article.date));
    }
    return {
      frame: this.inputs.frame,
      glossary: this.inputs.glossary,
      categories: this.inputs.categories,
      keys: this.articles.map(articleIdentity),
      ages,
      lists,
      // Only whole: a list whose pages the sitemaps did not all ask for is looked through again.
      times: new Map([...this.times].filter(([, times]) => isWhole(times))),
      compress,
      output,
      sitemaps: this.inputs.sitemaps,
    };
  }

  private kept1(fileName: string): boolean {
    if (!this.keep(fileName)) return false;
    this.kept += 1;
    return true;
  }
}

/** Whether an array has every index below its length (one set out of order leaves holes). */
function isWhole(values: readonly unknown[]): boolean {
  for (let index = 0; index < values.length; index += 1) if (!(index in values)) return false;
  return true;
}
