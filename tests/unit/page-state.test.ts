import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../tools/content.js';
import { articleIdentity, PageKeeper, type PageState } from '../../tools/page-state.js';

/** Article `n`, its hash from `version` (an edit is a new version). */
function record(n: number, version = 0): ArticleRecord {
  return {
    slug: `artikel-${String(n).padStart(4, '0')}`,
    hash: `${String(version)}-${String(n)}`.padStart(64, '0'),
    title: '',
    lead: '',
    lang: 'id',
    date: null,
    published: null,
    modified: null,
    source: null,
    categories: [],
    glossary: [],
    publisherEntry: null,
    bytes: 1,
  };
}

/** A record of a last build that listed `articles`, with a change log of them in that order. */
function lastState(articles: readonly ArticleRecord[]): PageState {
  return {
    output: 'o',
    frame: 'f',
    glossary: 'g',
    categories: 'c',
    keys: articles.map(articleIdentity),
    ages: new Map(),
    lists: new Map(),
    times: new Map(),
    sitemaps: 's',
    // Sitemaps of 10 articles each, from the oldest.
    articleSitemaps: Array.from({ length: Math.floor(articles.length / 10) }, (_, index) => ({
      start: index * 10,
      end: index * 10 + 10,
      digest: `d${String(index)}`,
      lastmod: null,
    })),
    compress: 'z',
    log: {
      key: 'k',
      entries: Int32Array.from(articles.keys()),
      withdrawals: [],
      pages: [{ page: 1, count: articles.length, last: { time: null, slug: 'x' }, hash: 'h' }],
    },
    rows: { files: 2, articles: new Int32Array(articles.length * 2).fill(-1), lists: new Map() },
  };
}

/** An output that keeps every page's files, at rows it does not say. */
const keepsAll = { count: 2, keep: () => true, savedRow: (row: number) => row, savedRowsOf: () => undefined };

const inputs = { frame: 'f', glossary: 'g', categories: 'c', sitemaps: 's', ages: () => '' };

/** The articles the keeper finds new or changed since the last build (what the change log adds). */
function added(before: readonly ArticleRecord[], now: readonly ArticleRecord[]): string[] {
  const keeper = new PageKeeper(lastState(before), inputs, now, [], keepsAll);
  return keeper
    .lastLog('k', [], () => [])
    .added.map((item) => item.slug)
    .sort();
}

describe('the pages’ record, matching this build’s articles to the last build’s', () => {
  it('finds exactly the new, edited and removed ones, however many and wherever they are', () => {
    let state = 7;
    const next = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let round = 0; round < 200; round += 1) {
      const before = Array.from({ length: 60 }, (_, index) => record(60 - index));
      let now = [...before];
      const expected = new Set<string>();
      for (let change = Math.floor(next() * 6); change > 0; change -= 1) {
        const at = Math.floor(next() * now.length);
        const kind = Math.floor(next() * 3);
        const old = now[at];
        if (old === undefined) continue;
        if (kind === 0) {
          const fresh = { ...record(0), slug: `baru-${String(round)}-${String(change)}` };
          now = [...now.slice(0, at), fresh, ...now.slice(at)];
          expected.add(fresh.slug);
        } else if (kind === 1) {
          // Edited: the same slug, in the same place, with another hash.
          now = now.map((item, index) =>
            index === at ? { ...item, hash: `e${String(round)}${String(change)}${item.hash}` } : item,
          );
          expected.add(old.slug);
        } else {
          now = now.filter((_, index) => index !== at);
          expected.delete(old.slug);
        }
      }
      expect(added(before, now), `round ${String(round)}`).toEqual([...expected].sort());
    }
  });
});

describe('the pages’ record, knowing the sitemaps of articles', () => {
  const before = Array.from({ length: 60 }, (_, index) => record(60 - index));
  const known = (now: readonly ArticleRecord[], sitemaps = 's'): (string | undefined)[] => {
    const keeper = new PageKeeper(lastState(before), { ...inputs, sitemaps }, now, [], keepsAll);
    return Array.from({ length: 6 }, (_, index) => keeper.known(index * 10, index * 10 + 10)?.digest);
  };

  it('knows each one whose articles are the last build’s, unchanged, in the same places', () => {
    expect(known(before)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    // A new article is the newest: the sitemaps of the older ones are as they were.
    expect(known([{ ...record(0), slug: 'baru' }, ...before])).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    // Article 25 (the 25th from the oldest) edited: its sitemap is made again.
    const edited = before.map((item) => (item.slug === 'artikel-0025' ? { ...item, hash: `e${item.hash}` } : item));
    expect(known(edited)).toEqual(['d0', 'd1', undefined, 'd3', 'd4', 'd5']);
    // Article 25 gone: every sitemap from its own on holds other articles.
    const gone = before.filter((item) => item.slug !== 'artikel-0025');
    expect(known(gone)).toEqual(['d0', 'd1', undefined, undefined, undefined, undefined]);
  });

  it('knows none when the sitemaps are made by other code, nor a range it did not make', () => {
    expect(known(before, 'other')).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    const keeper = new PageKeeper(lastState(before), inputs, before, [], keepsAll);
    expect(keeper.known(0, 20)).toBeUndefined();
  });
});
