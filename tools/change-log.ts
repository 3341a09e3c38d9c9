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
import type { Withdrawal } from './withdrawals.js';

/** About how many entries a page holds (on average), and at most. */
export const PAGE_MEAN = 250;
export const PAGE_MAX = 1000;

/** What the change log needs of an article. */
export type LoggedArticle = Pick<PublishedArticle, 'slug' | 'modified' | 'published' | 'date' | 'hash' | 'categories'>;

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
  // Built for 100,000 articles every build: a category's id is made once a name, each entry's
  // order key once (not twice a comparison), and a time said once when modified is published.
  const ids = new Map<string, string>();
  const idOf = (name: string): string => {
    let id = ids.get(name);
    if (id === undefined) {
      id = categoryId(name);
      ids.set(name, id);
    }
    return id;
  };
  const keyed: { readonly key: ChangeKey; readonly entry: Change }[] = [];
  for (const article of articles) {
    if (withdrawn.has(article.slug)) continue;
    const published = timeOf(article.published, article.date);
    const modified =
      article.modified === null || article.modified === article.published
        ? published
        : timeOf(article.modified, article.date);
    const entry: Change = {
      slug: article.slug,
      modified,
      published,
      hash: article.hash,
      bytes: bytes(article),
      gz: gz(article),
      categories: [...new Set(article.categories.map(idOf))],
    };
    keyed.push({ key: changeKey(entry), entry });
  }
  for (const withdrawal of withdrawals) {
    const entry: Change = { slug: withdrawal.slug, withdrawn: changeTime(withdrawal.withdrawn) };
    keyed.push({ key: changeKey(entry), entry });
  }
  return keyed.sort((a, b) => compareChangeKeys(a.key, b.key)).map(({ entry }) => entry);
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

/**
 * The log's files: its entries cut into pages (at a slug that ends one, or at `max` entries), and
 * the index, with each page's count, last entry and hash, and the categories' names.
 */
export function changeLog(
  entries: readonly Change[],
  categories: readonly { readonly id: string; readonly name: string }[],
  { mean = PAGE_MEAN, max = PAGE_MAX }: { mean?: number; max?: number } = {},
): ChangeLogFiles {
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
  const pages = chunks.map((chunk, index) => ({
    path: changesPageUrl(index + 1).slice(1),
    text: JSON.stringify({ entries: chunk } satisfies ChangePage),
    pack: {
      path: changesPackUrl(index + 1).slice(1),
      slugs: chunk.filter((entry) => !isWithdrawal(entry)).map((entry) => entry.slug),
    },
  }));
  const records: ChangePageRecord[] = chunks.map((chunk, index) => {
    const last = chunk.at(-1);
    const text = pages[index]?.text;
    if (last === undefined || text === undefined) throw new Error('a page of the change log is empty');
    return {
      page: index + 1,
      count: chunk.length,
      last: changeKey(last),
      hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    };
  });
  // The last pages whole, back to the one that makes RECENT_ENTRIES: the newest articles in the
  // same answer as the index.
  let from = chunks.length;
  for (let entries = 0; from > 0 && entries < RECENT_ENTRIES; from -= 1) entries += chunks[from - 1]?.length ?? 0;
  const value: ChangeIndex = {
    version: 2,
    pages: records,
    categories: categories.map(({ id, name }) => ({ id, name })),
    recent: chunks.slice(from).map((entries) => ({ entries })),
  };
  return { index: { path: CHANGES_INDEX_URL.slice(1), text: JSON.stringify(value), value }, pages };
}
