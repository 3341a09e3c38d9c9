/**
 * What a sync downloads, decided from the change log and what the device holds: pure, so the
 * page and the service worker decide alike and tests can state every case. See
 * src/content/change-log.ts for the log and its packs.
 */
import { compareChangeKeys, isWithdrawal, packRanges, type ChangeKey, type ChangePage } from './change-log.js';
import type { ChangedArticle } from './change-log.js';

/** How many of the newest articles the reader keeps on the device (20 unless they choose). */
export const SYNC_COUNTS = [10, 20, 50, 100] as const;
export const DEFAULT_SYNC_COUNT = 20;

/** What the reader asked sync to keep: the newest `count` articles, of these categories (none: all). */
export interface SyncChoice {
  readonly count: number;
  readonly categories: readonly string[];
}

/** One page of the log, as read: its number (its pack is `/perubahan/<page>.pack`) and entries. */
export interface LogPage extends ChangePage {
  readonly page: number;
}

/** An article to download: where it is in which pack, and why. */
export interface Download {
  readonly page: number;
  readonly entry: ChangedArticle;
  readonly start: number;
  readonly end: number;
  /** `new`: not on the device; `refresh`: the device holds an older version. */
  readonly kind: 'new' | 'refresh';
}

export interface SyncPlan {
  /** In pack order (page, then offset): the order the bytes arrive in. */
  readonly downloads: readonly Download[];
  /** Held articles the publisher withdrew: removed from the device, pinned or not. */
  readonly withdrawn: readonly string[];
  /** Gzipped bytes of every download. */
  readonly bytes: number;
  /**
   * Whether the pages read reach back far enough to know the newest `count` articles: when not,
   * the page before the first one read is needed too.
   */
  readonly complete: boolean;
}

/**
 * The plan, from consecutive pages of the log (oldest first) and the hash of each held article
 * by slug. The newest `count` articles of the chosen categories (by publication) that the device
 * lacks are downloaded; held articles whose hash changed are refreshed; withdrawn ones removed.
 * The pages are enough when they start at page 1, or when their oldest entry is no newer than the
 * `count`-th newest publication among them: an article is modified no earlier than published,
 * so any newer publication has its entry after that one.
 */
export function planSync(pages: readonly LogPage[], held: ReadonlyMap<string, string>, choice: SyncChoice): SyncPlan {
  const downloads: Download[] = [];
  const withdrawn: string[] = [];
  // Held articles count among the newest too (with nothing to download): a device that holds
  // the newest 20 needs none of them.
  const candidates: { readonly published: string; readonly download: Download | null }[] = [];
  for (const page of pages) {
    for (const entry of page.entries) {
      if (isWithdrawal(entry) && held.has(entry.slug)) withdrawn.push(entry.slug);
    }
    for (const { entry, start, end } of packRanges(page)) {
      const hash = held.get(entry.slug);
      if (hash !== undefined && hash !== entry.hash) {
        downloads.push({ page: page.page, entry, start, end, kind: 'refresh' });
      }
      if (entry.published === null || !inCategories(entry, choice.categories)) continue;
      const download = hash === undefined ? { page: page.page, entry, start, end, kind: 'new' as const } : null;
      candidates.push({ published: entry.published, download });
    }
  }
  const newest = candidates
    .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0))
    .slice(0, choice.count);
  for (const { download } of newest) if (download !== null) downloads.push(download);
  downloads.sort((a, b) => a.page - b.page || a.start - b.start);
  const oldest = pages[0]?.entries[0];
  const nth = newest.at(-1)?.published;
  const complete =
    pages[0]?.page === 1 ||
    pages.length === 0 ||
    (newest.length >= choice.count && oldest !== undefined && nth !== undefined && firstTime(oldest) <= nth);
  return { downloads, withdrawn, bytes: downloads.reduce((sum, d) => sum + d.end - d.start, 0), complete };
}

function inCategories(entry: ChangedArticle, categories: readonly string[]): boolean {
  return categories.length === 0 || entry.categories.some((id) => categories.includes(id));
}

/** An entry's time for the completeness rule; an undated one sorts first. */
function firstTime(entry: ChangePage['entries'][number]): string {
  return (isWithdrawal(entry) ? entry.withdrawn : entry.modified) ?? '';
}

/**
 * The pages a sync reads, given where the last complete sync ended (`cursor`): every page from the
 * one holding the cursor on. Entries before the cursor were read then; an edit or a withdrawal
 * since is a new entry at the log's end. Without a cursor (a first sync), the caller starts
 * from the pages the index carries and reads back while the plan is not `complete`.
 */
export function pagesAfter(
  records: readonly { readonly page: number; readonly last: ChangeKey }[],
  cursor: ChangeKey | null,
): number[] {
  if (cursor === null) return [];
  return records.filter((record) => compareChangeKeys(record.last, cursor) > 0).map((record) => record.page);
}

/** What a sync is about to download: articles and gzipped bytes. */
export interface SyncSize {
  readonly articles: number;
  readonly bytes: number;
}

export interface SyncProgress {
  readonly done: number;
  readonly total: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

/** Why a sync stopped short. */
export type SyncFailure = 'offline' | 'server' | 'corrupt' | 'quota' | 'storage';

export type SyncOutcome =
  | {
      readonly kind: 'done';
      readonly saved: number;
      readonly withdrawn: number;
      readonly bytes: number;
      readonly capped: boolean;
      readonly refused: number;
    }
  | { readonly kind: 'failed'; readonly failure: SyncFailure; readonly saved: number; readonly bytes: number }
  | { readonly kind: 'cancelled'; readonly saved: number; readonly bytes: number }
  /** Another tab or the worker is syncing. */
  | { readonly kind: 'busy' }
  /** The reader declined the size shown (`confirm`). */
  | { readonly kind: 'declined' };
