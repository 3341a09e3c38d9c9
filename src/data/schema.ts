import { glossaryText, type GlossaryEntry, type GlossaryText } from '../content/glossary.js';
import { StorageError } from './errors.js';
import { DB_NAME, SEARCH_PENDING_STORE, SEARCH_STORE } from './names.js';

/**
 * One step of the schema's history, on IndexedDB's own objects inside the upgrade transaction:
 * plain IndexedDB, as everywhere in Warta (src/data/idb-lite.ts), so that the page and the
 * service worker share the schema.
 */
export type Upgrade = (db: IDBDatabase, transaction: IDBTransaction) => void;

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
  // Glossary entries move out of the stored articles into a store of their own, one record per UI
  // language and entry, so a definition is kept once and editing it changes no article.
  (db, transaction) => {
    const glossary = db.createObjectStore('glossary', { keyPath: ['lang', 'id'] });
    const cursorRequest = transaction.objectStore('articles').openCursor();
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (cursor === null) return;
      const texts: GlossaryText[] = [];
      cursor.update(withGlossaryIds(cursor.value, texts));
      for (const text of texts) glossary.put(text);
      cursor.continue();
    };
  },
  // Search (issue 16): the index's records, and the articles waiting to be indexed. A library from
  // before search has no index yet, which the search part reads as one to rebuild from every
  // stored article: nothing to mark here (this code is in `sw.js`, on every first visit).
  (db) => {
    db.createObjectStore(SEARCH_STORE);
    db.createObjectStore(SEARCH_PENDING_STORE, { keyPath: 'slug' });
  },
  // Sync (issue 15) asks which version of each article the device holds: an index on the hash
  // answers without loading a single article.
  (_db, transaction) => {
    const articles = transaction.objectStore('articles');
    articles.createIndex('by-hash', 'hash');
    // And its eviction asks how much the kept articles take: an index on the size answers that too.
    articles.createIndex('by-size', 'size');
  },
];

/**
 * A stored article record of version 1, whose article embedded its glossary entries, with the
 * entries replaced by their ids and pushed onto `texts` in both UI languages. Anything else is
 * returned as it is (the validator judges it when it is read).
 */
export function withGlossaryIds(record: unknown, texts: GlossaryText[]): unknown {
  const article: unknown = isObject(record) ? record['article'] : null;
  const glossary: unknown = isObject(article) ? article['glossary'] : null;
  if (!isObject(record) || !isObject(article) || !isObject(glossary)) return record;
  const { entries, publisher } = glossary;
  if (!Array.isArray(entries) || !entries.every(isEntry) || !(publisher === null || isEntry(publisher))) return record;
  for (const entry of publisher === null ? entries : [...entries, publisher]) {
    texts.push(glossaryText(entry, 'id'), glossaryText(entry, 'en'));
  }
  const ids = { ...glossary, entries: entries.map((entry) => entry.id), publisher: publisher?.id ?? null };
  return { ...record, article: { ...article, glossary: ids } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * An entry as version 1 embedded it: enough for `glossaryText` not to throw (which would abort
 * the upgrade); its other fields are judged when the entry is read (`getGlossary` validates).
 */
function isEntry(value: unknown): value is GlossaryEntry {
  return isObject(value) && typeof value['id'] === 'string' && Array.isArray(value['aliases']);
}

export const DB_VERSION = UPGRADES.length;

/** What the owner of a connection is told; the connection itself is already handled. */
export interface ConnectionEvents {
  /** An older connection elsewhere (a tab, a worker) keeps this open from upgrading, for now. */
  readonly blocked?: () => void;
  /** A newer Warta asked to upgrade: this connection has been closed so that it can. */
  readonly blocking?: () => void;
  /** The browser closed the connection (storage cleared, say). */
  readonly terminated?: () => void;
}

/**
 * Opens the one database at this code's version, applying the upgrades it lacks: the only way
 * the page and the service worker open it, so neither can create a database the other does not
 * know (opening without a version creates an empty version 1). A connection closes as soon as
 * a newer version asks, so an old tab or worker never blocks a new page.
 */
export function openWartaDatabase(events: ConnectionEvents = {}): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new StorageError('unavailable', 'this browser offers no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      const transaction = request.transaction;
      if (transaction === null) return;
      for (let version = event.oldVersion; version < DB_VERSION; version += 1) {
        UPGRADES[version]?.(request.result, transaction);
      }
    };
    request.onblocked = () => events.blocked?.();
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        events.blocking?.();
      };
      db.onclose = () => events.terminated?.();
      resolve(db);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB refused to open'));
    };
  });
}
