/**
 * Plain IndexedDB as promises, and its types narrowed to a schema: what Warta used of `idb`, a
 * well-kept library, whose 6 KB (minified) made the script of every first visit about 740 B
 * (gzipped) heavier than these lines, when that visit was over its budget. The page's data layer
 * (src/data/db.ts and its callers) and sync (src/data/sync.ts, in `sw.js` too) share them.
 *
 * A transaction ends on its own once no request is pending at the end of a task: between
 * opening one and its end, await only `request` and `completion` of it, never another promise
 * (a fetch, a timer), or the transaction is gone when the code resumes.
 */

/** A store's key and value, as the schema says they are written (what is read back is checked). */
export interface StoreShape {
  readonly key: IDBValidKey;
  readonly value: unknown;
}

/** Store names to their shapes: the whole of a database's typing. */
export type Schema<S> = { readonly [N in keyof S]: StoreShape };

/** An object store whose keys and values are typed by its shape. */
export interface Store<T extends StoreShape> extends IDBObjectStore {
  get(key: T['key']): IDBRequest<T['value'] | undefined>;
  getAll(): IDBRequest<T['value'][]>;
  getAllKeys(): IDBRequest<T['key'][]>;
  count(key?: T['key']): IDBRequest<number>;
  put(value: T['value'], key?: T['key']): IDBRequest<T['key']>;
  delete(key: T['key']): IDBRequest<undefined>;
  clear(): IDBRequest<undefined>;
}

/** A transaction over some of a schema's stores; only those can be asked for. */
export interface Transaction<S extends Schema<S>, N extends keyof S & string> extends IDBTransaction {
  objectStore<M extends N>(name: M): Store<S[M]>;
}

/** A connection to a database of this schema. */
export interface Database<S extends Schema<S>> extends IDBDatabase {
  transaction<N extends keyof S & string>(names: N | N[], mode?: IDBTransactionMode): Transaction<S, N>;
}

/**
 * A request's result; its error (which also aborts its transaction) rejects. An `error` event
 * always comes with the request's `error` set: the fallback is for the types, and the smallest
 * there is, as every byte here is in `sw.js` too.
 */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error());
    };
  });
}

/**
 * A transaction's end: resolves when it committed, rejects with the error it aborted on (a full
 * disk's `QuotaExceededError`, a failed request's error), or an `AbortError` when it was aborted
 * by code. Call it before the transaction can end: while a request of it is pending, or in the
 * same task as the transaction was opened or a request of it resolved.
 */
export function completion(tx: Pick<IDBTransaction, 'oncomplete' | 'onabort' | 'error'>): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    // Every transaction that does not commit aborts, whatever went wrong first.
    tx.onabort = () => {
      reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    };
  });
}

/**
 * One record, read in a transaction of its own. These three are `async` so that whatever
 * IndexedDB throws (a closing connection's `InvalidStateError`) rejects, for callers to map.
 */
export async function readOne<S extends Schema<S>, N extends keyof S & string>(
  db: Database<S>,
  name: N,
  key: S[N]['key'],
): Promise<S[N]['value'] | undefined> {
  return request(db.transaction(name).objectStore(name).get(key));
}

/** Every record of a store, read in a transaction of its own. */
export async function readAll<S extends Schema<S>, N extends keyof S & string>(
  db: Database<S>,
  name: N,
): Promise<S[N]['value'][]> {
  return request(db.transaction(name).objectStore(name).getAll());
}

/** Writes one record in a transaction of its own, resolved once it is on disk (a full disk rejects). */
export async function writeOne<S extends Schema<S>, N extends keyof S & string>(
  db: Database<S>,
  name: N,
  value: S[N]['value'],
): Promise<void> {
  const tx = db.transaction(name, 'readwrite');
  tx.objectStore(name).put(value);
  await completion(tx);
}
