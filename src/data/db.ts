import type { GlossaryText } from '../content/glossary.js';
import type { ReadingPosition, SearchPendingMark, SettingRecord, StoredArticle } from '../content/types.js';
import { toStorageError } from './errors.js';
import type { Database } from './idb-lite.js';
import { DB_NAME } from './names.js';
import { DB_VERSION, UPGRADES, openWartaDatabase } from './schema.js';

/**
 * The stores (made by src/data/schema.ts), with the keys and values Warta writes to them. What is
 * read back is checked all the same: another version, or a damaged disk, may have written it.
 */
export interface WartaDB {
  /** Indexed by `lastReadAt` (`by-last-read`), `hash` (`by-hash`) and `size` (`by-size`). */
  articles: { key: string; value: StoredArticle };
  settings: { key: string; value: SettingRecord };
  positions: { key: string; value: ReadingPosition };
  /** Glossary entries of the kept articles, per UI language: keyed `[lang, id]`. */
  glossary: { key: [string, string]; value: GlossaryText };
  /** The search index: `meta` and its segments (src/data/search-index.ts), checked when read. */
  search: { key: string; value: unknown };
  'search-pending': { key: string; value: SearchPendingMark };
}

export type WartaDatabase = Database<WartaDB>;

export { DB_NAME, DB_VERSION, UPGRADES };

/** What the database tells this tab about other tabs and the browser. */
export type DatabaseNotice = 'blocked' | 'outdated' | 'reopened';

type NoticeListener = (notice: DatabaseNotice) => void;
const listeners = new Set<NoticeListener>();

/** Subscribes to database notices (for the UI to explain); returns the unsubscribe function. */
export function onDatabaseNotice(listener: NoticeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(notice: DatabaseNotice): void {
  for (const listener of listeners) listener(notice);
}

let connection: Promise<WartaDatabase> | null = null;

/**
 * The one connection of this page (or worker), opened on first use. A browser that ends the
 * connection (`terminated`) gets a fresh one on the next call; a newer Warta in another tab
 * (`blocking`) makes this one close so that tab's upgrade can go on, and this tab is told to reload.
 */
export function database(): Promise<WartaDatabase> {
  connection ??= open().catch((error: unknown) => {
    connection = null;
    throw toStorageError(error, 'open');
  });
  return connection;
}

/** Closes the connection; the next `database()` call opens a new one. */
export async function closeDatabase(): Promise<void> {
  const current = connection;
  connection = null;
  if (current !== null) (await current.catch(() => null))?.close();
}

async function open(): Promise<WartaDatabase> {
  const db = await openWartaDatabase({
    blocked() {
      notify('blocked');
    },
    blocking() {
      connection = null;
      notify('outdated');
    },
    terminated() {
      connection = null;
      notify('reopened');
    },
  });
  // Typed as WartaDatabase by this function's return type alone: WartaDB describes the stores
  // openWartaDatabase just made sure of.
  return db;
}
