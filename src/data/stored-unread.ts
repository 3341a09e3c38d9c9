import { isStoredArticle } from './articles.js';
import { database } from './db.js';
import { completion, request } from './idb-lite.js';

/**
 * Which of these articles are stored on this device, each with whether it is unread (a sync
 * stored it and the reader has not opened it): what the lists of articles mark. Articles not
 * stored, and corrupt records, are left out. One read transaction. A module of its own, so that
 * only the lists' part carries it, not the script of every first visit.
 */
export async function storedUnread(slugs: readonly string[]): Promise<Map<string, boolean>> {
  const db = await database();
  const tx = db.transaction('articles', 'readonly');
  const store = tx.objectStore('articles');
  const values = await Promise.all(slugs.map((slug) => request(store.get(slug))));
  await completion(tx);
  const stored = new Map<string, boolean>();
  values.forEach((value: unknown, index) => {
    const slug = slugs[index];
    if (slug !== undefined && isStoredArticle(value) && value.slug === slug) stored.set(slug, value.unread === true);
  });
  return stored;
}
