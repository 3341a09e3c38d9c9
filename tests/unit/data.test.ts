import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { openDB, unwrap, wrap } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNPINNED_BYTES_BOUND, evictionOrder } from '../../src/data/eviction.js';
import {
  deleteArticle,
  evictUnpinned,
  getArticle,
  getGlossary,
  listArticles,
  markRead,
  onCorruptArticle,
  pinArticle,
  putArticle,
  restoreArticle,
} from '../../src/data/articles.js';
import { storedUnread } from '../../src/data/stored-unread.js';
import type { StoredArticle } from '../../src/content/types.js';
import { articleSize } from '../../src/content/size.js';
import { DB_NAME, DB_VERSION, UPGRADES, closeDatabase, database, onDatabaseNotice } from '../../src/data/db.js';
import { StorageError } from '../../src/data/errors.js';
import { glossaryText } from '../../src/content/glossary.js';
import { isPublishedArticle } from '../../src/content/validate.js';
import { makeArticle, makeOldArticle } from './article-fixture.js';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await closeDatabase();
});

/** Writes a value straight into the articles store, bypassing Warta's checks. */
async function writeRaw(key: string, value: unknown): Promise<void> {
  // The page's own connection, through idb (untyped) for the test's reads and writes.
  const db = wrap((await database()) as IDBDatabase);
  const tx = db.transaction('articles', 'readwrite');
  // The raw IDBObjectStore takes any value: this is how corrupt data gets in.
  (tx.store as unknown as { put: (value: unknown) => void }).put(value);
  await tx.done;
  expect(await db.count('articles', key)).toBe(1);
}

describe('keeping articles', () => {
  it('keeps an opened article with its hash, size and times', async () => {
    const article = makeArticle('satu');
    const stored = await putArticle(article, 1000);
    expect(stored).toEqual({
      slug: 'satu',
      article,
      hash: article.hash,
      fetchedAt: 1000,
      lastReadAt: 1000,
      size: articleSize(article),
      pinned: false,
    });
    expect(await getArticle('satu')).toEqual(stored);
    expect(await getArticle('tidak-ada')).toBeNull();
  });

  it('keeps a pinned article pinned when a newer version replaces it', async () => {
    await putArticle(makeArticle('satu'), 1000);
    await pinArticle('satu', true);
    const newer = await putArticle(makeArticle('satu', 'Isi yang diperbarui.'), 2000);
    expect(newer.pinned).toBe(true);
    expect(newer.article.lead.text).toBe('Isi yang diperbarui.');
  });

  it('lists the most recently read first', async () => {
    await putArticle(makeArticle('lama'), 1000);
    await putArticle(makeArticle('baru'), 2000);
    await putArticle(makeArticle('tengah'), 1500);
    expect((await listArticles()).map((r) => r.slug)).toEqual(['baru', 'tengah', 'lama']);
    await markRead('lama', 3000);
    expect((await listArticles()).map((r) => r.slug)).toEqual(['lama', 'baru', 'tengah']);
  });

  it('deletes in one step and undoes by restoring exactly what was deleted', async () => {
    await putArticle(makeArticle('satu'), 1000);
    await pinArticle('satu', true);
    const deleted = await deleteArticle('satu');
    expect(await getArticle('satu')).toBeNull();
    expect(deleted?.pinned).toBe(true);
    if (deleted === null) throw new Error('nothing was deleted');
    await restoreArticle(deleted);
    expect(await getArticle('satu')).toEqual(deleted);
  });

  it('refuses to pin an article that is not stored', async () => {
    await expect(pinArticle('tidak-ada', true)).rejects.toBeInstanceOf(StorageError);
  });
});

describe('the byte bound', () => {
  it('evicts unpinned articles least recently read first and never a pinned one', async () => {
    await putArticle(makeArticle('tersemat'), 1000);
    await pinArticle('tersemat', true);
    await putArticle(makeArticle('lama'), 2000);
    await putArticle(makeArticle('baru'), 3000);
    const size = articleSize(makeArticle('baru'));
    const freed = await evictUnpinned(size);
    expect(freed).toBe(articleSize(makeArticle('lama')));
    expect((await listArticles()).map((r) => r.slug).sort()).toEqual(['baru', 'tersemat']);
    await evictUnpinned(0);
    expect((await listArticles()).map((r) => r.slug)).toEqual(['tersemat']);
  });

  it('applies the documented bound whenever an article is kept', async () => {
    const third = Math.ceil(UNPINNED_BYTES_BOUND / 3);
    await putArticle(makeArticle('a', 'a'.repeat(third)), 1000);
    await putArticle(makeArticle('b', 'b'.repeat(third)), 2000);
    await pinArticle('b', true);
    await putArticle(makeArticle('c', 'c'.repeat(third)), 3000);
    await putArticle(makeArticle('d', 'd'.repeat(third)), 4000);
    // a, c and d are unpinned and together exceed the bound: a, the oldest, goes.
    expect((await listArticles()).map((r) => r.slug)).toEqual(['d', 'c', 'b']);
  });
});

/** Stores an article as a sync does: fetched at `fetchedAt`, never opened (`unread`). */
async function putSynced(slug: string, fetchedAt: number, pinned = false): Promise<StoredArticle> {
  const record: StoredArticle = {
    slug,
    article: makeArticle(slug),
    hash: makeArticle(slug).hash,
    fetchedAt,
    lastReadAt: 0,
    size: articleSize(makeArticle(slug)),
    pinned,
    unread: true,
  };
  await restoreArticle(record);
  return record;
}

describe('articles a sync stored and the reader has not opened', () => {
  it('evicts them before any article the reader opened, oldest fetched first', async () => {
    await putArticle(makeArticle('buka-lama'), 1000);
    await putSynced('sync-baru', 5000);
    await putSynced('sync-lama', 4000);
    await putArticle(makeArticle('buka-baru'), 2000);
    // Slugs of one length: every record is the same size.
    const size = articleSize(makeArticle('buka-lama'));
    await evictUnpinned(3 * size);
    expect((await listArticles()).map((r) => r.slug).sort()).toEqual(['buka-baru', 'buka-lama', 'sync-baru']);
    await evictUnpinned(2 * size);
    expect((await listArticles()).map((r) => r.slug).sort()).toEqual(['buka-baru', 'buka-lama']);
    await evictUnpinned(size);
    expect((await listArticles()).map((r) => r.slug)).toEqual(['buka-baru']);
  });

  it('never evicts a pinned article, unread or not, and counts none against the bound', async () => {
    await putSynced('sinkron-tersemat', 1000, true);
    await putArticle(makeArticle('tersemat'), 2000);
    await pinArticle('tersemat', true);
    await putSynced('sinkron', 3000);
    await putArticle(makeArticle('dibuka'), 4000);
    expect(await evictUnpinned(articleSize(makeArticle('dibuka')), 'dibuka')).toBe(articleSize(makeArticle('sinkron')));
    await evictUnpinned(0);
    expect((await listArticles()).map((r) => r.slug).sort()).toEqual(['sinkron-tersemat', 'tersemat']);
  });

  it('orders eviction unread first by when fetched, then read by when last read, pinned never', () => {
    const record = (slug: string, fetchedAt: number, lastReadAt: number, extra: Partial<StoredArticle> = {}) =>
      ({ slug, fetchedAt, lastReadAt, size: 10, pinned: false, ...extra }) as StoredArticle;
    const records = [
      record('dibaca-baru', 1, 90),
      record('sinkron-baru', 80, 0, { unread: true }),
      record('tersemat', 1, 1, { pinned: true }),
      record('dibaca-lama', 95, 10),
      record('sinkron-lama', 20, 0, { unread: true }),
      record('sinkron-tersemat', 5, 0, { unread: true, pinned: true }),
    ];
    expect(evictionOrder(records).map((r) => r.slug)).toEqual([
      'sinkron-lama',
      'sinkron-baru',
      'dibaca-lama',
      'dibaca-baru',
    ]);
  });

  it('is no longer unread once the reader opens it, whether marked read or kept anew', async () => {
    await putSynced('satu', 1000);
    await putSynced('dua', 1000);
    expect(await storedUnread(['satu', 'dua', 'tidak-ada'])).toEqual(
      new Map([
        ['satu', true],
        ['dua', true],
      ]),
    );
    const read = await markRead('satu', 2000);
    expect(read).not.toHaveProperty('unread');
    expect(read.lastReadAt).toBe(2000);
    expect(await getArticle('satu')).not.toHaveProperty('unread');
    // The page of a newer version, opened: stored again, and read.
    expect(await putArticle(makeArticle('dua', 'Versi baru.'), 3000)).not.toHaveProperty('unread');
    expect(await storedUnread(['satu', 'dua'])).toEqual(
      new Map([
        ['satu', false],
        ['dua', false],
      ]),
    );
  });
});

describe('corrupt records', () => {
  it('drops a corrupt record on read, reports it for refetching and does not crash', async () => {
    const reported: string[] = [];
    onCorruptArticle((slug) => reported.push(slug));
    await writeRaw('rusak', { slug: 'rusak', article: { title: 42 }, pinned: 'ya' });
    expect(await getArticle('rusak')).toBeNull();
    expect(reported).toEqual(['rusak']);
    const db = wrap((await database()) as IDBDatabase);
    expect(await db.count('articles', 'rusak')).toBe(0);
  });

  it('lists the valid records and drops the corrupt ones', async () => {
    await putArticle(makeArticle('baik'), 1000);
    await writeRaw('rusak', { slug: 'rusak', hash: 1 });
    const good = await getArticle('baik');
    await writeRaw('bohong', { ...good, slug: 'bohong' });
    expect((await listArticles()).map((r) => r.slug)).toEqual(['baik']);
    expect(await getArticle('bohong')).toBeNull();
  });
});

describe('records kept by an older Warta', () => {
  it('reads an article stored before the content store grew, with the new fields at their defaults', async () => {
    const old = makeOldArticle('lama');
    await writeRaw('lama', {
      slug: 'lama',
      hash: old['hash'],
      article: old,
      fetchedAt: 1,
      lastReadAt: 1,
      size: 10,
      pinned: true,
    });
    const record = await getArticle('lama');
    expect(record?.article).toMatchObject({
      source: null,
      byline: null,
      aboveDateline: null,
      categories: [],
      credits: [],
      trailer: [],
      profile: 'mina',
      paragraphs: [{ text: 'Dua.', kind: 'paragraph' }],
      readAlso: [{ headline: 'X', url: null }],
    });
  });

  it.each([
    [
      'a promotion link that is not https:',
      { readAlso: [{ text: 'x', span: { start: 0, end: 1, line: 1 }, headline: 'x', url: 'javascript:alert(1)' }] },
    ],
    ['an article address that is not https:', { url: 'http://minanews.net/' }],
    [
      'a block of an unknown kind',
      { paragraphs: [{ text: 'x', span: { start: 0, end: 1, line: 1 }, kind: 'script' }] },
    ],
    [
      'a caption above the dateline of no known kind',
      { aboveDateline: { text: 'x', span: { start: 0, end: 1, line: 1 }, kind: 'x' } },
    ],
    ['categories that are not text', { categories: [1] }],
  ])('refuses %s', (_name, change) => {
    expect(isPublishedArticle(makeArticle('baru'))).toBe(true);
    expect(isPublishedArticle({ ...makeArticle('baru'), ...change })).toBe(false);
  });
});

describe('when storage fails', () => {
  it('says storage is unavailable when the browser has no IndexedDB', async () => {
    await closeDatabase();
    Reflect.deleteProperty(globalThis, 'indexedDB');
    await expect(putArticle(makeArticle('satu'))).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
  });

  it('reports a full disk as a quota error and loses nothing already stored', async () => {
    const first = await putArticle(makeArticle('satu'), 1000);
    await putArticle(makeArticle('dua'), 2000);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(putArticle(makeArticle('tiga'))).rejects.toMatchObject({ kind: 'quota' });
    await expect(putArticle(makeArticle('satu', 'Versi baru.'))).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect((await listArticles()).map((r) => r.slug)).toEqual(['dua', 'satu']);
    expect(await getArticle('satu')).toEqual(first);
  });
});

/** A glossary entry as Warta of schema version 1 embedded it in every stored article. */
const EMBEDDED_ENTRY = {
  id: 'grup-minsk',
  term: 'Grup Minsk',
  termEn: 'Minsk Group',
  aliases: ['Minsk Group'],
  definition: 'Grup Minsk adalah forum OSCE.',
  definitionEn: 'The Minsk Group is an OSCE forum.',
  source: 'https://www.osce.org/mg',
  sourceName: 'OSCE',
};

describe('schema upgrades', () => {
  it.each(Array.from({ length: DB_VERSION }, (_, version) => version))(
    'opens a database left at version %i with everything intact',
    async (oldVersion) => {
      // Build the database as Warta of that version did, with the records it could hold.
      const article = makeArticle('lama');
      const marks = [{ part: 0, start: 0, end: 5, entry: EMBEDDED_ENTRY.id }];
      if (oldVersion > 0) {
        const old = await openDB(DB_NAME, oldVersion, {
          upgrade(db, from, _to, transaction) {
            for (let v = from; v < oldVersion; v += 1) UPGRADES[v]?.(unwrap(db), unwrap(transaction));
          },
        });
        // Version 1 kept each entry inside the article; later versions keep its id.
        const glossary =
          oldVersion === 1
            ? { entries: [EMBEDDED_ENTRY], marks, publisher: EMBEDDED_ENTRY }
            : { entries: [EMBEDDED_ENTRY.id], marks, publisher: EMBEDDED_ENTRY.id };
        await old.put('articles', {
          slug: 'lama',
          article: { ...article, glossary },
          hash: article.hash,
          fetchedAt: 1,
          lastReadAt: 1,
          size: 10,
          pinned: true,
        });
        if (oldVersion > 1) {
          for (const lang of ['id', 'en'] as const) await old.put('glossary', glossaryText(EMBEDDED_ENTRY, lang));
        }
        old.close();
      }
      const db = wrap((await database()) as IDBDatabase);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual([
        'articles',
        'glossary',
        'positions',
        'search',
        'search-pending',
        'settings',
      ]);
      if (oldVersion === 0) return;
      const kept = await getArticle('lama');
      expect(kept?.pinned).toBe(true);
      expect(kept?.article.glossary).toEqual({ entries: ['grup-minsk'], marks, publisher: 'grup-minsk' });
      // The definitions it carried are kept, in both languages, for the offline view.
      for (const lang of ['id', 'en'] as const) {
        expect((await getGlossary(kept?.article ?? article, lang)).get('grup-minsk')).toEqual(
          glossaryText(EMBEDDED_ENTRY, lang),
        );
      }
    },
  );

  it('closes its connection for a newer Warta in another tab and tells this tab to reload', async () => {
    const notices: string[] = [];
    onDatabaseNotice((notice) => notices.push(notice));
    await putArticle(makeArticle('satu'), 1000);
    // Another tab running a newer Warta asks for the next version.
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      blocked: () => notices.push('newer tab blocked'),
    });
    expect(notices).toEqual(['outdated']);
    expect(await newer.count('articles')).toBe(1);
    newer.close();
  });

  it('reports a database newer than this code as outdated, not as unavailable', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade: (db, _from, _to, transaction) => UPGRADES[0]?.(unwrap(db), unwrap(transaction)),
    });
    newer.close();
    await expect(database()).rejects.toMatchObject({ kind: 'outdated' });
  });
});
