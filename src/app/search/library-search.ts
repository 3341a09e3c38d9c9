import { analyze, glossaryNames, searchableBlocks } from '../../content/search/analyze.js';
import type { LiveSegment, SearchResult } from '../../content/search/query.js';
import { search } from '../../content/search/query.js';
import {
  buildSegment,
  documentsOf,
  fromStored,
  segmentBytes,
  toStored,
  type IndexedDoc,
  type Segment,
} from '../../content/search/segment.js';
import { cut, markWords, snippet, type Piece } from '../../content/search/snippet.js';
import type { StoredArticle } from '../../content/types.js';
import {
  SEARCH_INDEX_VERSION,
  getArticles,
  isSearchMeta,
  isUnread,
  keptGlossary,
  readPending,
  readSearchIndex,
  resetSearchIndex,
  searchChanges,
  writeSearchIndex,
  type SearchMeta,
} from '../../data/search-index.js';

/**
 * Search over the articles on this device. The index lives in IndexedDB beside them
 * (src/data/search-index.ts) and follows them: whoever writes an article marks it, and each
 * search first takes in what is marked, under a lock, so two tabs never index at once. A missing,
 * outdated or corrupt index is thrown away and rebuilt from the stored articles.
 */

/** More segments than this are merged into one; so are segments more than a quarter dead. */
const MAX_SEGMENTS = 4;
const MAX_DEAD_SHARE = 0.25;
const LOCK = 'warta-search-index';
/**
 * How long a check of the stored index holds. Each check is an IndexedDB round trip, which on a
 * slow phone costs more than the search itself: searches run on what this tab read, and the check
 * follows them, at most this often (a change found runs the search shown again).
 */
const CHECK_MS = 2_000;

/** One result as the page shows it: pieces to mark, never HTML. */
export interface ResultItem {
  readonly slug: string;
  readonly lang: string;
  readonly date: string | null;
  readonly title: readonly Piece[];
  /** The passage where the words matched; null until `withDetails` read it. */
  readonly snippet: readonly Piece[] | null;
  /** Saved on purpose ("Simpan untuk dibaca offline"). */
  readonly pinned: boolean;
  /** Stored since the reader last opened it (src/data/search-index.ts, `isUnread`). */
  readonly unread: boolean;
}

export interface SearchOutcome {
  readonly query: string;
  /** How many articles matched. */
  readonly total: number;
  /** The first `limit` of them, best first. */
  readonly items: readonly ResultItem[];
  /** False when no article has every word: these have some of them. */
  readonly complete: boolean;
  /** How many articles the search covered: every article on the device. */
  readonly searched: number;
  /** The indexed words the query matched, to mark in passages. */
  readonly marked: ReadonlySet<string>;
  /** How many words the query has. */
  readonly words: number;
}

const EMPTY_META: SearchMeta = {
  version: SEARCH_INDEX_VERSION,
  segments: [],
  live: {},
  next: 1,
  bytes: 0,
  generation: 0,
};

let meta: SearchMeta | null = null;
let segments = new Map<number, Segment>();
let work: Promise<void> = Promise.resolve();
let checkedAt = -Infinity;
/**
 * Stored articles read for results (their text for snippets, their state), kept until the next
 * check of the index: at most CHECK_MS old, so a pin or an opening shows within that time.
 */
const records = new Map<string, StoredArticle>();

/** Runs `task` after the work queued before it (one index job at a time in this tab). */
function queued<T>(task: () => Promise<T>): Promise<T> {
  const result = work.then(task);
  work = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

/** Runs `task` holding the index's lock across tabs, where the browser has Web Locks. */
function locked<T>(task: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks.request(LOCK, task) : task();
}

/**
 * Brings this tab's index up to date: reads it again if another tab changed it, and takes in the
 * articles marked since. At most every CHECK_MS unless `force`d. Returns whether anything changed
 * (then a search shown should be run again).
 */
export function refreshIndex(force = false): Promise<boolean> {
  return queued(async () => {
    if (!force && meta !== null && performance.now() - checkedAt < CHECK_MS) return false;
    checkedAt = performance.now();
    records.clear();
    const changes = await searchChanges();
    if (meta !== null && changes.generation === meta.generation && changes.pending === 0) return false;
    return locked(async () => {
      const before = meta?.generation;
      await load();
      const indexed = await indexPending();
      return indexed > 0 || meta?.generation !== before;
    });
  });
}

/** Reads the stored index (again); one that is missing, outdated or corrupt is reset. */
async function load(): Promise<void> {
  const stored = await readSearchIndex();
  if (stored !== null && isSearchMeta(stored.meta)) {
    if (meta !== null && stored.meta.generation === meta.generation) return;
    const read = new Map<number, Segment>();
    for (const id of stored.meta.segments) {
      const segment = fromStored(stored.segments.get(id));
      if (segment === null) break;
      read.set(id, segment);
    }
    if (read.size === stored.meta.segments.length) {
      meta = stored.meta;
      segments = read;
      return;
    }
  }
  await resetSearchIndex(EMPTY_META);
  meta = EMPTY_META;
  segments = new Map();
}

/** Indexes the marked articles into a new segment (merging when there are too many), and saves it. */
async function indexPending(): Promise<number> {
  const current = meta ?? EMPTY_META;
  const taken = await readPending();
  if (taken.length === 0) return 0;
  const started = performance.now();
  const [stored, glossary] = await Promise.all([getArticles(taken.map((mark) => mark.slug)), keptGlossary()]);
  const docs = stored.map((record) => analyze(record.article, glossaryNames(record.article, glossary)));
  const live = new Map(Object.entries(current.live));
  for (const mark of taken) {
    live.delete(mark.slug);
  }
  let ids = [...current.segments];
  let next = current.next;
  const put: [number, Segment][] = [];
  if (docs.length > 0) {
    const id = next++;
    put.push([id, buildSegment(docs)]);
    ids.push(id);
    for (const doc of docs) live.set(doc.slug, id);
  }
  const all = new Map([...segments, ...put]);
  const indexed = ids.reduce((sum, id) => sum + (all.get(id)?.docs.length ?? 0), 0);
  const liveCount = live.size;
  if (ids.length > MAX_SEGMENTS || (indexed > 0 && (indexed - liveCount) / indexed > MAX_DEAD_SHARE)) {
    const merged: IndexedDoc[] = [];
    for (const id of ids) {
      const segment = all.get(id);
      if (segment !== undefined)
        merged.push(...documentsOf(segment, (doc) => live.get(segment.docs[doc]?.slug ?? '') === id));
    }
    const id = next++;
    put.length = 0;
    put.push([id, buildSegment(merged)]);
    for (const doc of merged) live.set(doc.slug, id);
    ids = [id];
  }
  const now = new Map([...segments, ...put]);
  const kept = new Map(
    ids.map((id) => [id, now.get(id)] as const).filter((entry): entry is [number, Segment] => entry[1] !== undefined),
  );
  const storedForm = put.map(([id, segment]) => [id, toStored(segment)] as const);
  const bytes = ids.reduce((sum, id) => {
    const segment = kept.get(id);
    return sum + (segment === undefined ? 0 : segmentBytes(toStored(segment)));
  }, 0);
  const written: SearchMeta = {
    version: SEARCH_INDEX_VERSION,
    segments: ids,
    live: Object.fromEntries(live),
    next,
    bytes,
    generation: Math.random(),
  };
  await writeSearchIndex({
    meta: written,
    put: storedForm,
    drop: current.segments.filter((id) => !ids.includes(id)),
    taken,
  });
  meta = written;
  segments = kept;
  performance.measure('warta-search-index', { start: started, detail: { articles: docs.length } });
  return docs.length;
}

/** The segments with which of their articles are live. */
function liveSegments(): LiveSegment[] {
  const live = meta?.live ?? {};
  return [...segments].map(([id, segment]) => ({
    segment,
    live: (doc: number) => live[segment.docs[doc]?.slug ?? ''] === id,
  }));
}

/**
 * Searches the articles on this device for `query`: the first `limit` results, as the index knows
 * them (title and date). Their passages and state come
 * from the stored articles, a round trip to IndexedDB away: `withDetails` adds them, so the list
 * can show at once and the passages a moment later.
 */
export async function searchLibrary(query: string, limit: number): Promise<SearchOutcome> {
  // A page's first search waits for the index; later ones search what this tab holds, and the
  // caller checks the stored index after showing them (`refreshIndex`), off the reader's wait.
  if (meta === null) await refreshIndex(true);
  const result: SearchResult = search(liveSegments(), query);
  return {
    query,
    total: result.hits.length,
    items: result.hits.slice(0, limit).map((hit) => ({
      slug: hit.slug,
      lang: hit.lang,
      date: hit.date,
      title: markWords(hit.title, result.marked),
      snippet: null,
      pinned: false,
      unread: false,
    })),
    complete: result.complete,
    searched: Object.keys(meta?.live ?? {}).length,
    marked: result.marked,
    words: result.words.length,
  };
}

/** The outcome with each result's passage (its matched words marked) and state, from the stored articles. */
export async function withDetails(outcome: SearchOutcome): Promise<SearchOutcome> {
  const missing = outcome.items.map((item) => item.slug).filter((slug) => !records.has(slug));
  if (missing.length > 0) for (const record of await getArticles(missing)) records.set(record.slug, record);
  return {
    ...outcome,
    items: outcome.items.flatMap((item): ResultItem[] => {
      const record = records.get(item.slug);
      // Removed since the index was read: the next search will not list it.
      if (record === undefined) return [];
      const { article } = record;
      return [
        {
          ...item,
          snippet:
            snippet(searchableBlocks(article), outcome.marked, outcome.words) ??
            markWords(cut(article.lead.text, 0), outcome.marked),
          pinned: record.pinned,
          unread: isUnread(record),
        },
      ];
    }),
  };
}
