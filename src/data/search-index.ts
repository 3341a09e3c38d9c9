import type { GlossaryText } from '../content/glossary.js';
import type { SearchPendingMark, StoredArticle } from '../content/types.js';
import { isGlossaryText } from '../content/validate.js';
import { isStoredArticle } from './articles.js';
import { database } from './db.js';
import { toStorageError } from './errors.js';
import { completion, readAll, request } from './idb-lite.js';

/**
 * The search index as IndexedDB keeps it: a `meta` record listing the segments and which segment
 * holds the live copy of each article, and one record per segment (`segment:<id>`, built and
 * checked by src/content/search/segment.ts). Read and written only by the search part of the
 * app; `search-pending` is written by every writer of an article (src/data/articles.ts).
 */

/**
 * The index's format. Its own numbered history: a stored index of another version is not read
 * but rebuilt from the stored articles (the index holds nothing they do not).
 */
export const SEARCH_INDEX_VERSION = 1;

export interface SearchMeta {
  readonly version: number;
  /** Ids of the segments, oldest first. */
  readonly segments: readonly number[];
  /** For each indexed article, the segment holding its live copy. */
  readonly live: Readonly<Record<string, number>>;
  /** The id the next segment gets. */
  readonly next: number;
  /** About how many bytes the segments take (shown with the storage Warta uses). */
  readonly bytes: number;
  /** A new random number at every write, so a tab knows another tab changed the index. */
  readonly generation: number;
}

export const META_KEY = 'meta';

export function segmentKey(id: number): string {
  return `segment:${String(id)}`;
}

export function isSearchMeta(value: unknown): value is SearchMeta {
  if (typeof value !== 'object' || value === null) return false;
  const meta = value as Record<string, unknown>;
  const live = meta['live'];
  const segments = meta['segments'];
  return (
    meta['version'] === SEARCH_INDEX_VERSION &&
    Array.isArray(segments) &&
    segments.every((id) => Number.isInteger(id)) &&
    typeof live === 'object' &&
    live !== null &&
    Object.values(live).every((id) => segments.includes(id)) &&
    [meta['next'], meta['bytes'], meta['generation']].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** The stored index: its meta record and its segments' records, unchecked (null when there is none). */
export async function readSearchIndex(): Promise<{ meta: unknown; segments: Map<number, unknown> } | null> {
  try {
    const db = await database();
    const tx = db.transaction('search', 'readonly');
    const store = tx.objectStore('search');
    const meta: unknown = await request(store.get(META_KEY));
    if (meta === undefined) return null;
    const segments = new Map<number, unknown>();
    const ids = isSearchMeta(meta) ? meta.segments : [];
    const values = await Promise.all(ids.map((id) => request(store.get(segmentKey(id)))));
    ids.forEach((id, index) => segments.set(id, values[index]));
    await completion(tx);
    return { meta, segments };
  } catch (error) {
    throw toStorageError(error, 'read');
  }
}

/** What changed since the index was read: its generation and how many articles wait. */
export async function searchChanges(): Promise<{ generation: number | null; pending: number }> {
  const db = await database();
  const tx = db.transaction(['search', 'search-pending'], 'readonly');
  const [meta, pending] = await Promise.all([
    request(tx.objectStore('search').get(META_KEY)),
    request(tx.objectStore('search-pending').count()),
    completion(tx),
  ]);
  return { generation: isSearchMeta(meta) ? meta.generation : null, pending };
}

/** The articles waiting to be indexed. */
export async function readPending(): Promise<SearchPendingMark[]> {
  const db = await database();
  return readAll(db, 'search-pending');
}

/**
 * Writes what indexing made, in one transaction: new segments, the meta record, segments no
 * longer listed deleted, and the marks taken in cleared, unless an article was written again
 * since they were read (its mark changed): it then stays marked for the next run.
 */
export async function writeSearchIndex(change: {
  readonly meta: SearchMeta;
  readonly put: readonly (readonly [number, unknown])[];
  readonly drop: readonly number[];
  readonly taken: readonly SearchPendingMark[];
}): Promise<void> {
  try {
    const db = await database();
    const tx = db.transaction(['search', 'search-pending'], 'readwrite');
    const search = tx.objectStore('search');
    const pending = tx.objectStore('search-pending');
    const writes: Promise<unknown>[] = [
      ...change.put.map(([id, segment]) => request(search.put(segment, segmentKey(id)))),
      ...change.drop.map((id) => request(search.delete(segmentKey(id)))),
      request(search.put(change.meta, META_KEY)),
      ...change.taken.map(async (taken) => {
        const now = await request(pending.get(taken.slug));
        if (now?.mark === taken.mark) await request(pending.delete(taken.slug));
      }),
    ];
    await Promise.all([...writes, completion(tx)]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}

/**
 * Throws the index away (leaving `empty`) and marks every stored article for indexing, in one transaction: what a
 * missing, corrupt or outdated index comes to. The articles themselves are not touched.
 */
export async function resetSearchIndex(empty: SearchMeta): Promise<void> {
  try {
    const db = await database();
    const tx = db.transaction(['articles', 'search', 'search-pending'], 'readwrite');
    const pending = tx.objectStore('search-pending');
    const search = tx.objectStore('search');
    const [slugs] = await Promise.all([request(tx.objectStore('articles').getAllKeys()), request(search.clear())]);
    await Promise.all([
      request(search.put(empty, META_KEY)),
      ...slugs.map((slug) => request(pending.put({ slug, mark: Math.random() }))),
      completion(tx),
    ]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}

/**
 * Whether the reader has never opened the article: a sync stored it (`unread`, the one mark the
 * lists, Tersimpan and search all read); opening it (`markRead`, `putArticle`) removes the mark.
 * A newer version of an article already read stays read.
 */
export function isUnread(record: StoredArticle): boolean {
  return record.unread === true;
}

/** Every stored article among `slugs` (those not stored, or corrupt, left out), in one transaction. */
export async function getArticles(slugs: readonly string[]): Promise<StoredArticle[]> {
  const db = await database();
  const tx = db.transaction('articles', 'readonly');
  const store = tx.objectStore('articles');
  const values = await Promise.all([...slugs.map((slug) => request(store.get(slug))), completion(tx)]);
  return values.filter(
    (value: unknown, index): value is StoredArticle => isStoredArticle(value) && value.slug === slugs[index],
  );
}

/**
 * The glossary entries kept on the device, by id (in either UI language: their names are the
 * same), for indexing the articles that use them under their terms and aliases.
 */
export async function keptGlossary(): Promise<Map<string, GlossaryText>> {
  const db = await database();
  const texts = new Map<string, GlossaryText>();
  for (const value of await readAll(db, 'glossary')) if (isGlossaryText(value)) texts.set(value.id, value);
  return texts;
}
