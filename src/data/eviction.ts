/**
 * Which kept articles go when the unpinned ones outgrow their bound: pure, with no storage code,
 * so the page's writes (src/data/articles.ts) and sync's (src/data/sync.ts, in `sw.js` too) evict
 * alike.
 */
import type { StoredArticle } from '../content/types.js';

/**
 * Unpinned articles are kept up to this many bytes of JSON (about a thousand articles the size
 * of the seed), those a sync stored as well as those the reader opened; beyond it they go in
 * `evictionOrder`. Pinned articles never count against it and are never evicted.
 */
export const UNPINNED_BYTES_BOUND = 5 * 1024 * 1024;

/**
 * The unpinned articles in the order the byte bound evicts them: first those a sync stored that
 * the reader never opened (`unread`), oldest fetched first, since the reader chose none of them;
 * then those the reader opened, least recently read first. Pinned articles are not in it: they
 * are never evicted (only a withdrawal removes them).
 */
export function evictionOrder(records: readonly StoredArticle[]): StoredArticle[] {
  // Every unread article ranks before every read one: times in ms are all far below 1e15 (year 33658).
  const rank = (record: StoredArticle): number => (record.unread ? record.fetchedAt - 1e15 : record.lastReadAt);
  return records.filter((record) => !record.pinned).sort((a, b) => rank(a) - rank(b));
}
