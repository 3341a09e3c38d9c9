import { database } from './db.js';
import { readOne } from './idb-lite.js';

/**
 * How many bytes the search index takes, as its last write counted them (0 before there is one),
 * for Tersimpan to show beside the storage Warta uses. A module of its own, read by the saved
 * list only: the search part carries the rest of the index's code (src/data/search-index.ts).
 */
export async function searchIndexBytes(): Promise<number> {
  try {
    const db = await database();
    const meta: unknown = await readOne(db, 'search', 'meta');
    const bytes = typeof meta === 'object' && meta !== null ? (meta as { bytes?: unknown }).bytes : undefined;
    return typeof bytes === 'number' && Number.isFinite(bytes) ? bytes : 0;
  } catch {
    return 0;
  }
}
