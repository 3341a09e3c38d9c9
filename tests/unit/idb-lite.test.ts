import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completion, readAll, readOne, request, writeOne, type Database } from '../../src/data/idb-lite.js';

interface TestDB {
  notes: { key: string; value: { id: string; text: string } };
}

let db: Database<TestDB>;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  const opening = indexedDB.open('test', 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('notes', { keyPath: 'id' });
  db = await request(opening);
});

afterEach(() => {
  db.close();
});

describe('IndexedDB as promises', () => {
  it('resolves requests with their results and a transaction once it committed', async () => {
    const tx = db.transaction('notes', 'readwrite');
    const notes = tx.objectStore('notes');
    const [key] = await Promise.all([request(notes.put({ id: 'a', text: 'satu' })), completion(tx)]);
    expect(key).toBe('a');
    expect(await readOne(db, 'notes', 'a')).toEqual({ id: 'a', text: 'satu' });
    expect(await readOne(db, 'notes', 'b')).toBeUndefined();
  });

  it('rejects a failed request and the transaction it aborted with the same error, writing nothing', async () => {
    await writeOne(db, 'notes', { id: 'a', text: 'satu' });
    const tx = db.transaction('notes', 'readwrite');
    const notes = tx.objectStore('notes');
    const written = request(notes.put({ id: 'b', text: 'dua' }));
    const refused = request(notes.add({ id: 'a', text: 'lagi' }));
    const ended = completion(tx);
    await written;
    await expect(refused).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(ended).rejects.toMatchObject({ name: 'ConstraintError' });
    // Aborted whole: the write that succeeded before the failure is undone too.
    expect(await readAll(db, 'notes')).toEqual([{ id: 'a', text: 'satu' }]);
  });

  it('rejects a transaction aborted by code with an AbortError', async () => {
    const tx = db.transaction('notes', 'readwrite');
    tx.objectStore('notes').put({ id: 'a', text: 'satu' });
    const ended = completion(tx);
    tx.abort();
    await expect(ended).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readAll(db, 'notes')).toEqual([]);
  });

  it('rejects, rather than throws, a single write IndexedDB refuses', async () => {
    await writeOne(db, 'notes', { id: 'a', text: 'satu' });
    // A value without its key path cannot be stored: put throws, and the caller's `.catch` must see it.
    const written = writeOne(db, 'notes', { text: 'tanpa kunci' } as unknown as { id: string; text: string });
    await expect(written).rejects.toMatchObject({ name: 'DataError' });
    expect(await readAll(db, 'notes')).toHaveLength(1);
  });
});
