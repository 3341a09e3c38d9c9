import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ReadingPosition, SettingRecord, StoredArticle } from '../content/types.js';
import { StorageError, toStorageError } from './errors.js';
import { DB_NAME } from './names.js';

export interface WartaDB extends DBSchema {
  articles: { key: string; value: StoredArticle; indexes: { 'by-last-read': number } };
  settings: { key: string; value: SettingRecord };
  positions: { key: string; value: ReadingPosition };
}

export { DB_NAME };

type UpgradeTransaction = IDBPTransaction<WartaDB, StoreNames<WartaDB>[], 'versionchange'>;
type Upgrade = (db: IDBPDatabase<WartaDB>, transaction: UpgradeTransaction) => void;

/**
 * The schema's history: entry N takes a database from version N to N + 1. Never edit an entry
 * that has shipped; add a new one. Tests open a database built by every prefix of this list.
 */
export const UPGRADES: readonly Upgrade[] = [
  (db) => {
    const articles = db.createObjectStore('articles', { keyPath: 'slug' });
    articles.createIndex('by-last-read', 'lastReadAt');
    db.createObjectStore('settings', { keyPath: 'key' });
    db.createObjectStore('positions', { keyPath: 'slug' });
  },
];

export const DB_VERSION = UPGRADES.length;

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

let connection: Promise<IDBPDatabase<WartaDB>> | null = null;

/**
 * The one connection of this page (or worker), opened on first use. A browser that ends the
 * connection (`terminated`) gets a fresh one on the next call; a newer Warta in another tab
 * (`blocking`) makes this one close so that tab's upgrade can go on, and this tab is told to reload.
 */
export function database(): Promise<IDBPDatabase<WartaDB>> {
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

function open(): Promise<IDBPDatabase<WartaDB>> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new StorageError('unavailable', 'this browser offers no IndexedDB'));
  }
  return openDB<WartaDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      for (let version = oldVersion; version < DB_VERSION; version += 1) UPGRADES[version]?.(db, transaction);
    },
    blocked() {
      notify('blocked');
    },
    blocking() {
      void closeDatabase();
      notify('outdated');
    },
    terminated() {
      connection = null;
      notify('reopened');
    },
  });
}
