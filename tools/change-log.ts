/**
 * The change log (src/content/change-log.ts has its shapes and why): built from the content
 * alone, never from the clock or from what an earlier build wrote, so an incremental build
 * writes the same files as a clean one.
 */
import { createHash, hash } from 'node:crypto';
import {
  changeKey,
  changesPackUrl,
  changesPageUrl,
  CHANGES_INDEX_URL,
  changeTime,
  compareChangeKeys,
  isWithdrawal,
  type Change,
  type ChangeIndex,
  type ChangeKey,
  type ChangePage,
  type ChangePageRecord,
  RECENT_ENTRIES,
} from '../src/content/change-log.js';
import type { PublishedArticle } from '../src/content/types.js';
import { categoryId } from './categories.js';
import { lastChanged } from './sitemaps.js';
import type { Withdrawal } from './withdrawals.js';

/** About how many entries a page holds (on average), and at most. */
export const PAGE_MEAN = 250;
export const PAGE_MAX = 1000;

/** What the change log needs of an article. */
export type LoggedArticle = Pick<PublishedArticle, 'slug' | 'modified' | 'published' | 'date' | 'hash' | 'categories'>;

/** What an entry of the log is made from: an article as it now is, or a withdrawal. */
export type LogItem<A extends LoggedArticle = LoggedArticle> = A | Withdrawal;

const isWithdrawn = <A extends LoggedArticle>(item: LogItem<A>): item is Withdrawal => 'withdrawn' in item;

/**
 * An item's entry: `bytes(article)` is the size of its JSON file, as the build writes it, and
 * `gz(article)` that of its gzip copy. Its time is the article's last change (`lastChanged`, which
 * the sitemaps and feeds say too).
 */
function entryOf<A extends LoggedArticle>(
  item: LogItem<A>,
  bytes: (article: A) => number,
  gz: (article: A) => number,
): Change {
  if (isWithdrawn(item)) return { slug: item.slug, withdrawn: changeTime(item.withdrawn) };
  return {
    slug: item.slug,
    modified: lastChanged(item),
    published: timeOf(item.published, item.date),
    hash: item.hash,
    bytes: bytes(item),
    gz: gz(item),
    // categoryId keeps each name's id: a name's id is made once in a build of 100,000 articles.
    categories: [...new Set(item.categories.map(categoryId))],
  };
}

/** Where an item's entry sorts, without making the entry. */
function itemKey<A extends LoggedArticle>(item: LogItem<A>): ChangeKey {
  return isWithdrawn(item)
    ? { time: changeTime(item.withdrawn), slug: item.slug }
    : { time: lastChanged(item), slug: item.slug };
}

/**
 * Every article's entry and every withdrawal's, in the log's order. An article withdrawn is
 * only its withdrawal (the build leaves out an article whose withdrawal was recorded).
 * `bytes(article)` is the size of its JSON file, as the build writes it, and `gz(article)` that
 * of its gzip copy.
 */
export function changeEntries(
  articles: readonly LoggedArticle[],
  withdrawals: readonly Withdrawal[],
  bytes: (article: LoggedArticle) => number,
  gz: (article: LoggedArticle) => number,
): Change[] {
  const withdrawn = new Set(withdrawals.map((withdrawal) => withdrawal.slug));
  const items = [...articles.filter((article) => !withdrawn.has(article.slug)), ...withdrawals];
  return sortedEntries(items, bytes, gz).map(({ entry }) => entry);
}

/** Items' entries in the log's order, each with its item; each entry's key made once (not twice a comparison). */
function sortedEntries<A extends LoggedArticle>(
  items: readonly LogItem<A>[],
  bytes: (article: A) => number,
  gz: (article: A) => number,
): { entry: Change; item: LogItem<A> }[] {
  return items
    .map((item) => {
      const entry = entryOf(item, bytes, gz);
      return { entry, item, key: changeKey(entry) };
    })
    .sort((a, b) => compareChangeKeys(a.key, b.key));
}

function timeOf(time: string | null, date: string | null): string | null {
  if (time !== null) return changeTime(time);
  return date === null ? null : changeTime(`${date}T00:00:00Z`);
}

/**
 * Whether a page ends after this slug's entry: one slug in `mean` does, by its hash. Cut by the
 * slugs rather than every `mean` entries, a page keeps its entries when one before it leaves (an
 * edited article's entry moves to the end): only the page it left changes, and when it was the
 * one that ended its page, that page and the next become one; no page after it shifts.
 */
export function endsPage(slug: string, mean = PAGE_MEAN): boolean {
  // One call, no hash object: every slug of the archive, every build.
  const digest = hash('sha256', `warta-perubahan:${slug}`, 'buffer');
  return digest.readUInt32BE(0) < Math.floor(0x1_0000_0000 / mean);
}

export interface ChangeLogFiles {
  /** `/perubahan/index.json`. */
  readonly index: { readonly path: string; readonly text: string; readonly value: ChangeIndex };
  /** `/perubahan/<n>.json`, from the oldest, with the path of its pack and the slugs the pack holds. */
  readonly pages: readonly {
    readonly path: string;
    readonly text: string;
    readonly pack: { readonly path: string; readonly slugs: readonly string[] };
  }[];
}

/** How big the log's pages are: about `mean` entries (on average), at most `max`. */
export interface PageSizes {
  readonly mean?: number;
  readonly max?: number;
}

/**
 * The log's files: its entries cut into pages (at a slug that ends one, or at `max` entries), and
 * the index, with each page's count, last entry and hash, and the categories' names.
 */
export function changeLog(
  entries: readonly Change[],
  categories: readonly { readonly id: string; readonly name: string }[],
  sizes: PageSizes = {},
): ChangeLogFiles {
  return logFiles(cut(entries, sizes), [], () => [], categories);
}

/** The last build's log, as an incremental build sees it (tools/page-state.ts keeps it). */
export interface LastLog<A extends LoggedArticle = LoggedArticle> {
  /** Its pages' records, from page 1. */
  readonly pages: readonly ChangePageRecord[];
  /** Its entries in order: each one's item when this build has it unchanged, else null (gone, or changed). */
  readonly items: readonly (LogItem<A> | null)[];
  /** A page's entries as the last build wrote them (the index carries the last pages whole). */
  readonly read: (page: number) => readonly Change[];
}

export interface LogUpdate<A extends LoggedArticle = LoggedArticle> extends ChangeLogFiles {
  /** How many of the last build's pages are kept as they were: `pages` holds those after them. */
  readonly kept: number;
  /** Every item, in the log's order: what the next build's `LastLog.items` is made from. */
  readonly items: readonly LogItem<A>[];
  /** The entries this build made: those of `pages` (the kept pages' are not made). */
  readonly entries: readonly Change[];
}

/**
 * The log after the last build's, making only the pages that change: `added` holds the items the
 * last log does not (new and edited articles, new withdrawals). Pages are cut from the oldest, so
 * every page before the first one that loses an entry, or that an added entry sorts into, is the
 * last build's; from that page on the log is made again (the page the last build ended on is
 * open: an entry after it may join it). With no last log, the whole log is made. The files are
 * the same as `changeLog` makes from every entry (tests/unit/change-log.test.ts).
 */
export function updateChangeLog<A extends LoggedArticle>(
  last: LastLog<A> | null,
  added: readonly LogItem<A>[],
  categories: readonly { readonly id: string; readonly name: string }[],
  bytes: (article: A) => number,
  gz: (article: A) => number,
  sizes: PageSizes = {},
): LogUpdate<A> {
  const lastPages = last?.pages ?? [];
  const lastItems = last?.items ?? [];
  // The first entry gone or changed, then the first place an added entry sorts before.
  let first = lastItems.indexOf(null);
  if (first < 0) first = lastItems.length;
  for (const item of added) first = Math.min(first, insertionPoint(lastItems, first, itemKey(item)));
  let kept = lastPages.length;
  if (first < lastItems.length || added.length > 0) {
    let end = 0;
    kept = 0;
    while (kept < lastPages.length - 1 && end + (lastPages[kept]?.count ?? 0) <= first) {
      end += lastPages[kept]?.count ?? 0;
      kept += 1;
    }
  }
  const from = lastPages.slice(0, kept).reduce((sum, page) => sum + page.count, 0);
  // Every entry before `first` is known (`first` is at most the first gone).
  const before = lastItems.slice(0, from).filter((item): item is LogItem<A> => item !== null);
  const rest = lastItems.slice(from).filter((item): item is LogItem<A> => item !== null);
  const sorted = sortedEntries([...rest, ...added], bytes, gz);
  const entries = sorted.map(({ entry }) => entry);
  const files = logFiles(cut(entries, sizes), lastPages.slice(0, kept), last?.read ?? (() => []), categories);
  return { ...files, kept, items: [...before, ...sorted.map(({ item }) => item)], entries };
}

/** The first place in `items[0, end)` (each one there known) whose key sorts after `key`. */
function insertionPoint<A extends LoggedArticle>(
  items: readonly (LogItem<A> | null)[],
  end: number,
  key: ChangeKey,
): number {
  let [low, high] = [0, end];
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (item !== null && item !== undefined && compareChangeKeys(itemKey(item), key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Entries cut into pages: after a slug that ends one, or at `max` entries. */
function cut(entries: readonly Change[], { mean = PAGE_MEAN, max = PAGE_MAX }: PageSizes): Change[][] {
  const chunks: Change[][] = [];
  let current: Change[] = [];
  for (const entry of entries) {
    current.push(entry);
    if (endsPage(entry.slug, mean) || current.length >= max) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The files of pages made (numbered after the `kept` pages, which are not made again) and the
 * index of them all; `read` gives a kept page's entries when the index carries it whole.
 */
function logFiles(
  chunks: readonly Change[][],
  kept: readonly ChangePageRecord[],
  read: (page: number) => readonly Change[],
  categories: readonly { readonly id: string; readonly name: string }[],
): ChangeLogFiles {
  const pages = chunks.map((chunk, index) => ({
    path: changesPageUrl(kept.length + index + 1).slice(1),
    text: JSON.stringify({ entries: chunk } satisfies ChangePage),
    pack: {
      path: changesPackUrl(kept.length + index + 1).slice(1),
      slugs: chunk.filter((entry) => !isWithdrawal(entry)).map((entry) => entry.slug),
    },
  }));
  const made: ChangePageRecord[] = chunks.map((chunk, index) => {
    const last = chunk.at(-1);
    const text = pages[index]?.text;
    if (last === undefined || text === undefined) throw new Error('a page of the change log is empty');
    return {
      page: kept.length + index + 1,
      count: chunk.length,
      last: changeKey(last),
      hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    };
  });
  const records = [...kept, ...made];
  const entriesOf = (page: number): readonly Change[] =>
    page > kept.length ? (chunks[page - kept.length - 1] ?? []) : read(page);
  // The last pages whole, back to the one that makes RECENT_ENTRIES: the newest articles in the
  // same answer as the index.
  let from = records.length;
  for (let entries = 0; from > 0 && entries < RECENT_ENTRIES; from -= 1) entries += records[from - 1]?.count ?? 0;
  const value: ChangeIndex = {
    version: 2,
    pages: records,
    categories: categories.map(({ id, name }) => ({ id, name })),
    recent: records.slice(from).map((record) => ({ entries: entriesOf(record.page) })),
  };
  return { index: { path: CHANGES_INDEX_URL.slice(1), text: JSON.stringify(value), value }, pages };
}
