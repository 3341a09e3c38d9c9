import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { openDB, unwrap, wrap } from 'idb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshIndex, searchLibrary, withDetails, type SearchOutcome } from '../../src/app/search/library-search.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { deleteArticle, evictUnpinned, markRead, putArticle, restoreArticle } from '../../src/data/articles.js';
import { DB_NAME, DB_VERSION, UPGRADES, closeDatabase, database } from '../../src/data/db.js';
import { readPending, segmentKey, writeSearchIndex } from '../../src/data/search-index.js';
import { searchIndexBytes } from '../../src/data/search-size.js';
import { corpusGlossary, searchCorpus } from './search-corpus.js';

const SEED = '2020-10-31-armenia-azerbaijan-jenewa';
const COFFEE = 'id-petani-kopi-gayo-mulai-gunakan';
const FLOOD = 'id-banjir-rob-genangi-permukiman-di';

let corpus: PublishedArticle[] = [];
const article = (slug: string): PublishedArticle => {
  const found = corpus.find((candidate) => candidate.slug === slug);
  if (found === undefined) throw new Error(`no article ${slug} in the corpus`);
  return found;
};
/**
 * Searches as a reader would after a moment: a search within two seconds of the last check
 * trusts this tab's copy of the index, so each of these checks the stored index first.
 */
const searchNow = async (query: string): Promise<SearchOutcome> => {
  await refreshIndex(true);
  return withDetails(await searchLibrary(query, 20));
};
const found = async (query: string): Promise<string[]> => (await searchNow(query)).items.map((item) => item.slug);

beforeAll(async () => {
  corpus = await searchCorpus();
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await closeDatabase();
});

describe('the index follows the library', () => {
  it('finds an article once the page has kept it, with its snippet marked', async () => {
    expect(await found('kesepakatan')).toEqual([]);
    await putArticle(article(SEED), 1000);
    const outcome = await searchNow('kesepakatan');
    expect(outcome.items.map((item) => item.slug)).toEqual([SEED]);
    expect(outcome.items[0]?.snippet?.filter((piece) => piece.mark).map((piece) => piece.text)).toContain(
      'Kesepakatan',
    );
    expect(outcome.searched).toBe(1);
  });

  it('finds an article by the aliases of the glossary entries kept with it', async () => {
    const glossary = await corpusGlossary();
    const seed = article(SEED);
    const texts = seed.glossary.entries.flatMap((id) => {
      const text = glossary.get(id);
      return text === undefined ? [] : [text];
    });
    await putArticle(seed, 1000, texts);
    expect(await found('tawanan perang')).toEqual([SEED]);
    expect(await found('OSCE')).toEqual([SEED]);
  });

  it('marks an article for indexing in the transaction that writes it, and not when the write fails', async () => {
    await putArticle(article(SEED), 1000);
    expect((await readPending()).map((mark) => mark.slug)).toEqual([SEED]);
    await refreshIndex(true);
    expect(await readPending()).toEqual([]);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(putArticle(article(COFFEE), 2000)).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect(await readPending()).toEqual([]);
  });

  it('forgets a deleted article and finds it again when the delete is undone', async () => {
    await putArticle(article(SEED), 1000);
    expect(await found('pertempuran')).toEqual([SEED]);
    const deleted = await deleteArticle(SEED);
    expect(await found('pertempuran')).toEqual([]);
    if (deleted === null) throw new Error('nothing deleted');
    await restoreArticle(deleted);
    expect(await found('pertempuran')).toEqual([SEED]);
  });

  it('forgets an evicted article', async () => {
    await putArticle(article(SEED), 1000);
    await putArticle(article(COFFEE), 2000);
    expect(await found('kopi')).toEqual([COFFEE]);
    await evictUnpinned(0, SEED);
    expect(await found('kopi')).toEqual([]);
    expect(await found('pertempuran')).toEqual([SEED]);
  });

  it('searches a refreshed article by its new words only', async () => {
    await putArticle(article(SEED), 1000);
    const revised = article(SEED);
    const changed: PublishedArticle = {
      ...revised,
      hash: 'diperbarui',
      lead: { ...revised.lead, text: 'Kabar yang diperbarui tentang perundingan damai.' },
      paragraphs: [],
    };
    await putArticle(changed, 2000);
    expect(await found('perundingan')).toEqual([SEED]);
    expect(await found('1.166')).toEqual([]);
  });

  it('keeps a mark written again while indexing ran, for the next run', async () => {
    await putArticle(article(SEED), 1000);
    const [taken] = await readPending();
    if (taken === undefined) throw new Error('no mark');
    // The article is written again after indexing read its mark: the index must take it in again.
    await putArticle(article(SEED), 2000);
    await writeSearchIndex({
      meta: { version: 1, segments: [], live: {}, next: 1, bytes: 0, generation: 0.5 },
      put: [],
      drop: [],
      taken: [taken],
    });
    expect((await readPending()).map((mark) => mark.slug)).toEqual([SEED]);
  });

  it('merges its segments, losing nothing, when more than four have piled up', async () => {
    const slugs = corpus.slice(0, 7).map((each) => each.slug);
    for (const [at, slug] of slugs.entries()) {
      await putArticle(article(slug), 1000 + at);
      await refreshIndex(true);
    }
    // The page's own connection, through idb (untyped) for the test's reads and writes.
    const db = wrap((await database()) as IDBDatabase);
    const meta = (await db.get('search', 'meta')) as { segments: number[] };
    expect(meta.segments.length).toBeLessThanOrEqual(4);
    for (const slug of slugs) expect(await found(article(slug).title.text)).toContain(slug);
  });

  it('tells an article stored unopened (a sync) from one the reader opened', async () => {
    // A sync stores an article without opening it: marked unread, as src/data/sync.ts writes it.
    const synced = await putArticle(article(FLOOD), 1000);
    await restoreArticle({ ...synced, lastReadAt: 0, unread: true });
    await putArticle(article(COFFEE), 1000);
    const unread = async (): Promise<Record<string, boolean>> =>
      Object.fromEntries((await searchNow('warga')).items.map((item) => [item.slug, item.unread]));
    expect((await searchNow('banjir')).items[0]?.unread).toBe(true);
    expect((await searchNow('kopi')).items[0]?.unread).toBe(false);
    await markRead(FLOOD, 2000);
    expect((await unread())[FLOOD]).toBe(false);
  });

  it('counts its bytes for the storage Tersimpan shows', async () => {
    expect(await searchIndexBytes()).toBe(0);
    await putArticle(article(SEED), 1000);
    await refreshIndex(true);
    expect(await searchIndexBytes()).toBeGreaterThan(1000);
  });
});

describe('a broken or outdated index', () => {
  it('is rebuilt from the stored articles when a segment is corrupt, and no article is lost', async () => {
    await putArticle(article(SEED), 1000);
    await putArticle(article(COFFEE), 2000);
    await refreshIndex(true);
    const db = wrap((await database()) as IDBDatabase);
    const meta = (await db.get('search', 'meta')) as { segments: number[]; generation: number };
    for (const id of meta.segments) await db.put('search', { terms: 42 }, segmentKey(id));
    // Another tab's write, as far as this tab can tell: the index is read again.
    await db.put('search', { ...meta, generation: 0.25 }, 'meta');
    expect(await found('pertempuran')).toEqual([SEED]);
    expect(await found('kopi')).toEqual([COFFEE]);
    expect(await db.count('articles')).toBe(2);
  });

  it('is rebuilt when it was written by another version of the index', async () => {
    await putArticle(article(SEED), 1000);
    await refreshIndex(true);
    const db = wrap((await database()) as IDBDatabase);
    const meta = (await db.get('search', 'meta')) as Record<string, unknown>;
    await db.put('search', { ...meta, version: 0, generation: 0.75 }, 'meta');
    expect(await found('pertempuran')).toEqual([SEED]);
  });

  it('indexes a library kept before search existed, after the database upgrade', async () => {
    const before = DB_VERSION - 1;
    const old = await openDB(DB_NAME, before, {
      upgrade(db, from, _to, transaction) {
        for (let version = from; version < before; version += 1) UPGRADES[version]?.(unwrap(db), unwrap(transaction));
      },
    });
    const kept = article(SEED);
    await old.put('articles', {
      slug: SEED,
      article: kept,
      hash: kept.hash,
      fetchedAt: 1,
      lastReadAt: 1,
      size: 10,
      pinned: false,
    });
    old.close();
    expect(await found('kesepakatan')).toEqual([SEED]);
  });
});

describe('a search right after another', () => {
  it('searches what this tab holds, and a check at most every two seconds brings in what changed', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      await putArticle(article(SEED), 1000);
      await refreshIndex(true);
      await putArticle(article(COFFEE), 2000);
      expect(await refreshIndex()).toBe(false);
      expect((await searchLibrary('kopi', 20)).total).toBe(0);
      vi.advanceTimersByTime(2_000);
      expect(await refreshIndex()).toBe(true);
      expect((await searchLibrary('kopi', 20)).items.map((item) => item.slug)).toEqual([COFFEE]);
      vi.advanceTimersByTime(2_000);
      expect(await refreshIndex()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
