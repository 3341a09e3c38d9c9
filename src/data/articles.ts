import { articleSize } from '../content/size.js';
import { shownEntryIds, type GlossaryText } from '../content/glossary.js';
import { isGlossaryText, isPublishedArticle } from '../content/validate.js';
import type { PublishedArticle, StoredArticle } from '../content/types.js';
import { evictionOrder, UNPINNED_BYTES_BOUND } from './eviction.js';
import { database, type WartaDB } from './db.js';
import { StorageError, toStorageError } from './errors.js';
import { completion, readOne, request, type Transaction } from './idb-lite.js';

/** Stores a write to an article touches: the article, and the search index's list of what to take in. */
const WRITE: ['articles', 'search-pending'] = ['articles', 'search-pending'];

/**
 * Tells the search index that an article changed or went, in the transaction that changes it: the
 * page's search indexes it the next time it runs (the service worker carries no search code).
 */
function markForSearch(tx: Transaction<WartaDB, 'search-pending'>, slug: string): Promise<string> {
  return request(tx.objectStore('search-pending').put({ slug, mark: Math.random() }));
}

type CorruptListener = (slug: string) => void;
const corruptListeners = new Set<CorruptListener>();

/** Called with the slug of each stored record found corrupt and dropped, so it can be refetched. */
export function onCorruptArticle(listener: CorruptListener): () => void {
  corruptListeners.add(listener);
  return () => corruptListeners.delete(listener);
}

/**
 * Keeps an opened article (or its newer version) and the glossary entries it uses (in the UI
 * language it was read in), in one transaction; a pinned article stays pinned, and an article a
 * sync stored is no longer unread. Then unpinned articles beyond the bound are evicted, in
 * `evictionOrder`. When the device is full the
 * write fails with a `quota` error and nothing already stored changes: the transaction is
 * aborted whole, and nothing is evicted to make room (that would lose what the reader kept).
 */
export async function putArticle(
  article: PublishedArticle,
  now = Date.now(),
  glossary: readonly GlossaryText[] = [],
): Promise<StoredArticle> {
  const db = await database();
  let record: StoredArticle;
  try {
    const tx = db.transaction([...WRITE, 'glossary'], 'readwrite');
    const articles = tx.objectStore('articles');
    const existing: unknown = await request(articles.get(article.slug));
    record = {
      slug: article.slug,
      article,
      hash: article.hash,
      fetchedAt: now,
      lastReadAt: now,
      size: articleSize(article),
      pinned: isStoredArticle(existing) ? existing.pinned : false,
    };
    const texts = tx.objectStore('glossary');
    await Promise.all([
      request(articles.put(record)),
      ...glossary.map((text) => request(texts.put(text))),
      markForSearch(tx, article.slug),
      completion(tx),
    ]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
  await evictUnpinned(UNPINNED_BYTES_BOUND, article.slug);
  return record;
}

/** Keeps glossary entries (newer words for entries already kept replace the old). */
export async function putGlossary(glossary: readonly GlossaryText[]): Promise<void> {
  const db = await database();
  const tx = db.transaction('glossary', 'readwrite');
  const texts = tx.objectStore('glossary');
  try {
    await Promise.all([...glossary.map((text) => request(texts.put(text))), completion(tx)]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}

/**
 * The kept glossary entries an article uses, in one UI language, by id. An entry kept in the
 * other language only is not offered: the definition would be in a language the page is not in.
 * A record that fails validation is left out (its term then reads as plain text).
 */
export async function getGlossary(
  article: PublishedArticle,
  lang: GlossaryText['lang'],
): Promise<Map<string, GlossaryText>> {
  const db = await database();
  const tx = db.transaction('glossary', 'readonly');
  const store = tx.objectStore('glossary');
  const found = await Promise.all(shownEntryIds(article.glossary).map((id) => request(store.get([lang, id]))));
  await completion(tx);
  const texts = new Map<string, GlossaryText>();
  for (const value of found) if (isGlossaryText(value) && value.lang === lang) texts.set(value.id, value);
  return texts;
}

/** The stored copy of an article, or null. A corrupt record is dropped (and reported), not returned. */
export async function getArticle(slug: string): Promise<StoredArticle | null> {
  const db = await database();
  const value: unknown = await readOne(db, 'articles', slug).catch((error: unknown) => {
    throw toStorageError(error, 'read');
  });
  if (value === undefined) return null;
  if (isStoredArticle(value) && value.slug === slug) return value;
  await dropCorrupt(slug);
  return null;
}

/** Every stored article, most recently read first. Corrupt records are dropped and reported. */
export async function listArticles(): Promise<StoredArticle[]> {
  const db = await database();
  const tx = db.transaction('articles', 'readonly');
  const store = tx.objectStore('articles');
  const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll()), completion(tx)]);
  const valid: StoredArticle[] = [];
  const corrupt: string[] = [];
  values.forEach((value: unknown, index) => {
    const key = keys[index] ?? '';
    if (isStoredArticle(value) && value.slug === key) valid.push(value);
    else corrupt.push(key);
  });
  for (const slug of corrupt) await dropCorrupt(slug);
  return valid.sort((a, b) => b.lastReadAt - a.lastReadAt);
}

/** Pins ("Simpan untuk dibaca offline") or unpins an article; returns the updated record. */
export async function pinArticle(slug: string, pinned: boolean): Promise<StoredArticle> {
  return update(slug, (record) => ({ ...record, pinned }));
}

/**
 * Records that the reader opened the article now: it is no longer unread ("belum dibaca"), and
 * it goes after every article read less recently in `evictionOrder`.
 */
export async function markRead(slug: string, now = Date.now()): Promise<StoredArticle> {
  return update(slug, (record) => {
    const read: { -readonly [K in keyof StoredArticle]: StoredArticle[K] } = { ...record, lastReadAt: now };
    delete read.unread;
    return read;
  });
}

/** Deletes an article and returns what was deleted, so the reader can undo. */
export async function deleteArticle(slug: string): Promise<StoredArticle | null> {
  const db = await database();
  const tx = db.transaction(WRITE, 'readwrite');
  const articles = tx.objectStore('articles');
  const existing: unknown = await request(articles.get(slug));
  await Promise.all([request(articles.delete(slug)), markForSearch(tx, slug), completion(tx)]);
  return isStoredArticle(existing) ? existing : null;
}

/** Puts back an article exactly as `deleteArticle` returned it (undo). */
export async function restoreArticle(record: StoredArticle): Promise<void> {
  const db = await database();
  try {
    const tx = db.transaction(WRITE, 'readwrite');
    await Promise.all([
      request(tx.objectStore('articles').put(record)),
      markForSearch(tx, record.slug),
      completion(tx),
    ]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}

/**
 * Deletes unpinned articles in `evictionOrder` until the unpinned ones total at most `bound`
 * bytes; `keep` counts towards the bound but is never evicted. Returns the number of bytes freed.
 */
export async function evictUnpinned(bound: number, keep?: string): Promise<number> {
  const db = await database();
  const tx = db.transaction(WRITE, 'readwrite');
  const articles = tx.objectStore('articles');
  const unpinned = evictionOrder((await request(articles.getAll())).filter(isStoredArticle));
  let total = unpinned.reduce((sum, record) => sum + record.size, 0);
  let freed = 0;
  for (const record of unpinned) {
    if (total <= bound) break;
    if (record.slug === keep) continue;
    await Promise.all([request(articles.delete(record.slug)), markForSearch(tx, record.slug)]);
    total -= record.size;
    freed += record.size;
  }
  await completion(tx);
  return freed;
}

async function update(slug: string, change: (record: StoredArticle) => StoredArticle): Promise<StoredArticle> {
  const db = await database();
  const tx = db.transaction('articles', 'readwrite');
  const store = tx.objectStore('articles');
  const existing: unknown = await request(store.get(slug));
  if (!isStoredArticle(existing)) {
    const ended = completion(tx);
    tx.abort();
    await ended.catch(() => undefined);
    throw new StorageError('failed', `no stored article "${slug}"`);
  }
  const updated = change(existing);
  try {
    await Promise.all([request(store.put(updated)), completion(tx)]);
  } catch (error) {
    throw toStorageError(error, 'write');
  }
  return updated;
}

async function dropCorrupt(slug: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(WRITE, 'readwrite');
  await Promise.all([request(tx.objectStore('articles').delete(slug)), markForSearch(tx, slug), completion(tx)]);
  for (const listener of corruptListeners) listener(slug);
}

/** Checks a record read back from IndexedDB: every field, and the article inside it. */
export function isStoredArticle(value: unknown): value is StoredArticle {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['slug'] === 'string' &&
    typeof record['hash'] === 'string' &&
    typeof record['pinned'] === 'boolean' &&
    (record['unread'] === undefined || record['unread'] === true) &&
    [record['fetchedAt'], record['lastReadAt'], record['size']].every(
      (n) => typeof n === 'number' && Number.isFinite(n),
    ) &&
    isPublishedArticle(record['article']) &&
    record['article'].slug === record['slug']
  );
}
