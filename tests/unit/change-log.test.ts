import { describe, expect, it } from 'vitest';
import {
  packRanges,
  pageAgrees,
  pagesToFetch,
  RECENT_ENTRIES,
  readChangeIndex,
  readChangePage,
  type Change,
  type ChangePage,
} from '../../src/content/change-log.js';
import {
  changeEntries,
  changeLog,
  endsPage,
  PAGE_MAX,
  PAGE_MEAN,
  updateChangeLog,
  type LogItem,
  type LoggedArticle,
  type LogUpdate,
} from '../../tools/change-log.js';
import type { Withdrawal } from '../../tools/withdrawals.js';

/** Article `n`, published on day n from 1 January 2015 at 09:00 Jakarta time, modified then unless said. */
function article(n: number, modified: string | null = null): LoggedArticle {
  const day = new Date(Date.UTC(2015, 0, n)).toISOString().slice(0, 10);
  return {
    slug: `artikel-${String(n).padStart(5, '0')}`,
    published: `${day}T09:00:00+07:00`,
    modified,
    date: day,
    hash: n.toString(16).padStart(64, '0'),
    categories: n % 2 === 0 ? ['Nasional'] : ['Ekonomi & Bisnis', 'nasional'],
  };
}

const bytes = (a: LoggedArticle): number => 1000 + a.slug.length;
const gz = (a: LoggedArticle): number => 400 + a.slug.length;
const site = (count: number): LoggedArticle[] => Array.from({ length: count }, (_, index) => article(count - index));
const log = (articles: readonly LoggedArticle[], withdrawals: readonly Withdrawal[] = []) =>
  changeLog(changeEntries(articles, withdrawals, bytes, gz), [{ id: 'nasional', name: 'Nasional' }]);
const texts = (files: ReturnType<typeof log>): Map<string, string> =>
  new Map(files.pages.map((page) => [page.path, page.text]));

describe('the change log', () => {
  it('lists every article once, by modification time then slug, undated first, times in UTC to the second', () => {
    const undated = { ...article(1), slug: 'tanpa-tanggal', published: null, modified: null, date: null };
    const entries = changeEntries(
      [article(3), article(2, '2015-01-01T23:59:59.900+07:00'), article(1), undated],
      [],
      bytes,
      gz,
    );
    expect(entries.map((entry) => [entry.slug, 'modified' in entry ? entry.modified : null])).toEqual([
      ['tanpa-tanggal', null],
      ['artikel-00001', '2015-01-01T02:00:00Z'],
      ['artikel-00002', '2015-01-01T16:59:59Z'],
      ['artikel-00003', '2015-01-03T02:00:00Z'],
    ]);
    expect(entries[1]).toEqual({
      slug: 'artikel-00001',
      modified: '2015-01-01T02:00:00Z',
      published: '2015-01-01T02:00:00Z',
      hash: article(1).hash,
      bytes: 1013,
      gz: 413,
      categories: ['ekonomi-bisnis', 'nasional'],
    });
  });

  it('cuts pages of about 250 entries, never more than 1,000, which the app’s reader accepts', () => {
    const files = log(site(10_000));
    const counts = files.index.value.pages.map((page) => page.count);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10_000);
    expect(Math.max(...counts)).toBeLessThanOrEqual(PAGE_MAX);
    // One slug in 250 ends a page: over 100,000 slugs, within a few percent.
    const ends = Array.from({ length: 100_000 }, (_, n) => `berita-${String(n)}`).filter((slug) => endsPage(slug));
    expect(100_000 / ends.length).toBeGreaterThan(PAGE_MEAN * 0.9);
    expect(100_000 / ends.length).toBeLessThan(PAGE_MEAN * 1.1);
    const index = readChangeIndex(JSON.parse(files.index.text));
    expect(index).toEqual({ ok: true, value: files.index.value });
    for (const [number, page] of files.pages.entries()) {
      const read = readChangePage(JSON.parse(page.text));
      const record = files.index.value.pages[number];
      expect(read.ok && record !== undefined && pageAgrees(record, read.value)).toBe(true);
    }
  });

  it('carries its last pages whole in the index, at least the 100 entries the largest sync needs', () => {
    const files = log(site(3000));
    const { pages, recent } = files.index.value;
    const entries = recent.flatMap((page) => page.entries);
    expect(entries.length).toBeGreaterThanOrEqual(RECENT_ENTRIES);
    expect(entries.length - (recent[0]?.entries.length ?? 0)).toBeLessThan(RECENT_ENTRIES);
    expect(recent.map((page) => JSON.stringify(page))).toEqual(
      files.pages.slice(pages.length - recent.length).map((p) => p.text),
    );
    expect(log(site(5)).index.value.recent.flatMap((page) => page.entries)).toHaveLength(5);
  });

  it('puts each article of a page after the one before it in the page’s pack', () => {
    const files = log(site(600));
    const page = files.index.value.recent.at(-1) ?? { entries: [] };
    const ranges = packRanges(page);
    expect(ranges.map((range) => range.entry.slug)).toEqual(files.pages.at(-1)?.pack.slugs);
    expect(ranges[0]?.start).toBe(0);
    for (const [n, range] of ranges.entries()) {
      expect(range.end - range.start).toBe(400 + range.entry.slug.length);
      if (n > 0) expect(range.start).toBe(ranges[n - 1]?.end);
    }
  });

  it('changes only its last page when an article is added', () => {
    const before = log(site(3000));
    const after = log(site(3001));
    const [old, now] = [texts(before), texts(after)];
    const changed = [...now].filter(([path, text]) => old.get(path) !== text).map(([path]) => path);
    const last = `perubahan/${String(before.pages.length)}.json`;
    // The last page, or a new one after it when the last page ended at the entry before.
    expect(
      changed.filter((path) => path !== last && path !== `perubahan/${String(before.pages.length + 1)}.json`),
    ).toEqual([]);
    expect(pagesToFetch(after.index.value, new Set(before.index.value.pages.map((page) => page.hash)))).toHaveLength(1);
  });

  it('moves an edited article’s entry to the end, changing the page it left and the last, and no page between', () => {
    const articles = site(3000);
    const before = log(articles);
    const edited = articles.map((a) =>
      a.slug === 'artikel-00700' ? { ...a, modified: '2024-05-01T10:00:00Z', hash: 'f'.repeat(64) } : a,
    );
    const after = log(edited);
    const entries = after.pages.flatMap((page) => (JSON.parse(page.text) as ChangePage).entries);
    expect(entries.at(-1)).toMatchObject({ slug: 'artikel-00700', modified: '2024-05-01T10:00:00Z' });
    expect(entries.filter((entry) => entry.slug === 'artikel-00700')).toHaveLength(1);
    // A device that read the whole log before fetches the page the entry left and the last one.
    const seen = new Set(before.index.value.pages.map((page) => page.hash));
    const fetch = pagesToFetch(after.index.value, seen);
    expect(fetch.length).toBeLessThanOrEqual(2);
    expect(fetch.at(-1)?.page).toBe(after.index.value.pages.length);
    // Every page before the one it left is untouched, at the same number.
    const left = before.pages.findIndex((page) => page.text.includes('"artikel-00700"'));
    expect(after.pages.slice(0, left)).toEqual(before.pages.slice(0, left));
    // And every page after it is the same content (renumbered only if the entry ended its page).
    const afterLeft = new Set(after.pages.map((page) => page.text));
    for (const page of before.pages.slice(left + 1, -1)) expect(afterLeft.has(page.text)).toBe(true);
  });

  it('replaces a withdrawn article’s entry with its withdrawal, at the withdrawal’s time', () => {
    const articles = site(600);
    const withdrawal = { slug: 'artikel-00100', withdrawn: '2023-02-03T08:00:00+07:00' };
    const before = log(articles);
    // The article's file is gone, or (a withdrawal stopped half way) still there: the same log.
    const after = log(
      articles.filter((a) => a.slug !== withdrawal.slug),
      [withdrawal],
    );
    expect(log(articles, [withdrawal])).toEqual(after);
    const entries: Change[] = after.pages.flatMap((page) => (JSON.parse(page.text) as ChangePage).entries);
    expect(entries.at(-1)).toEqual({ slug: 'artikel-00100', withdrawn: '2023-02-03T01:00:00Z' });
    expect(entries.filter((entry) => entry.slug === 'artikel-00100')).toHaveLength(1);
    expect(
      pagesToFetch(after.index.value, new Set(before.index.value.pages.map((p) => p.hash))).length,
    ).toBeLessThanOrEqual(2);
    expect(after.index.value.pages.at(-1)?.last).toEqual({ time: '2023-02-03T01:00:00Z', slug: 'artikel-00100' });
  });
});

describe('the change log made again from the last build’s', () => {
  /** A small seeded generator (an LCG): the same steps every run. */
  const seeded = (seed: number): (() => number) => {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  };
  const categories = [{ id: 'nasional', name: 'Nasional' }];
  const sizes = { mean: 6, max: 15 };
  const identity = (item: LogItem): string =>
    'withdrawn' in item ? `- ${item.slug} ${item.withdrawn}` : `${item.slug} ${item.hash}`;
  const at = (day: number): string => `${new Date(Date.UTC(2015, 0, day)).toISOString().slice(0, 19)}Z`;

  it('equals the log made whole, after articles added (some backdated), edited and withdrawn, and builds with no change', () => {
    const next = seeded(7);
    const articles = new Map(site(120).map((a) => [a.slug, a]));
    const withdrawals: Withdrawal[] = [];
    let day = 400;
    let files = new Map<string, string>();
    let last: LogUpdate | null = null;
    let keptOnAdd = 0;
    for (let step = 0; step < 80; step += 1) {
      const kind = Math.floor(next() * 5);
      const slugs = [...articles.keys()];
      const pick = slugs[Math.floor(next() * slugs.length)] ?? '';
      day += 1;
      if (kind === 0 || kind === 1) {
        // New: most at the newest time, some dated in the past (an import of old reports).
        const n = 1000 + step;
        const added = article(kind === 0 ? day : Math.floor(next() * 300) + 1);
        articles.set(`baru-${String(n)}`, {
          ...added,
          slug: `baru-${String(n)}`,
          hash: n.toString(16).padStart(64, 'a'),
        });
      } else if (kind === 2) {
        const edited = articles.get(pick);
        if (edited !== undefined)
          articles.set(pick, { ...edited, modified: at(day), hash: String(step).padStart(64, 'e') });
      } else if (kind === 3) {
        articles.delete(pick);
        withdrawals.push({ slug: pick, withdrawn: at(day) });
      }
      const items: LogItem[] = [...articles.values(), ...withdrawals];
      const now = new Map(items.map((item) => [identity(item), item]));
      const known = new Set((last?.items ?? []).map(identity));
      const previous = files;
      const update: LogUpdate = updateChangeLog(
        last === null
          ? null
          : {
              pages: last.index.value.pages,
              items: last.items.map((item) => now.get(identity(item)) ?? null),
              read: (page) => (JSON.parse(previous.get(`perubahan/${String(page)}.json`) ?? '') as ChangePage).entries,
            },
        items.filter((item) => !known.has(identity(item))),
        categories,
        bytes,
        gz,
        sizes,
      );
      const whole = changeLog(changeEntries([...articles.values()], withdrawals, bytes, gz), categories, sizes);
      files = new Map([
        ...[...previous].filter(([path]) => Number(/(\d+)\.json$/u.exec(path)?.[1]) <= update.kept),
        ...update.pages.map((page): [string, string] => [page.path, page.text]),
      ]);
      expect(update.index.text, `step ${String(step)}`).toBe(whole.index.text);
      expect(files, `step ${String(step)}`).toEqual(texts(whole));
      if (kind === 0 && last !== null) keptOnAdd = Math.max(keptOnAdd, update.kept);
      last = update;
    }
    // Adding at the newest time made the last page or two only, the rest kept.
    expect(keptOnAdd).toBeGreaterThan(10);
  });
});

describe('the app’s reader of the change log', () => {
  const files = log(site(2000));
  const page = JSON.parse(files.pages[0]?.text ?? '') as { entries: Record<string, unknown>[] };

  it('refuses a page out of order, with a slug twice or a malformed entry', () => {
    const [first, second] = page.entries;
    const broken = (entries: unknown[]): boolean => readChangePage({ entries }).ok;
    expect(broken(page.entries)).toBe(true);
    expect(broken([second, first])).toBe(false);
    expect(broken([first, { ...first, modified: '2099-01-01T00:00:00Z' }])).toBe(false);
    expect(broken([{ ...first, hash: 'abc' }])).toBe(false);
    expect(broken([{ ...first, bytes: -1 }])).toBe(false);
    expect(broken([{ ...first, modified: '2015-01-01T02:00:00+07:00' }])).toBe(false);
    expect(broken([{ ...first, categories: ['Nasional'] }])).toBe(false);
    expect(broken([{ slug: 'x', withdrawn: '2020-01-01T00:00:00Z', hash: 'f'.repeat(64) }])).toBe(false);
    expect(broken([{ slug: 'x', withdrawn: '2020-01-01T00:00:00Z' }])).toBe(true);
  });

  it('refuses an index with pages missing, out of order or without a hash', () => {
    const index = JSON.parse(files.index.text) as { pages: Record<string, unknown>[] };
    expect(readChangeIndex(index).ok).toBe(true);
    expect(readChangeIndex({ ...index, version: 1 }).ok).toBe(false);
    expect(readChangeIndex({ ...index, recent: [] }).ok).toBe(true);
    expect(readChangeIndex({ ...index, recent: [{ entries: [] }] }).ok).toBe(false);
    expect(readChangeIndex({ ...index, pages: index.pages.slice(1) }).ok).toBe(false);
    expect(readChangeIndex({ ...index, pages: [...index.pages].reverse() }).ok).toBe(index.pages.length < 2);
    expect(readChangeIndex({ ...index, pages: index.pages.map((p) => ({ ...p, hash: 'x' })) }).ok).toBe(false);
    expect(readChangeIndex({ pages: index.pages }).ok).toBe(false);
  });

  it('tells a page that is not the one the index describes', () => {
    const record = files.index.value.pages[0];
    const read = readChangePage(page);
    expect(record !== undefined && read.ok && pageAgrees(record, read.value)).toBe(true);
    const shorter = readChangePage({ entries: page.entries.slice(0, -1) });
    expect(record !== undefined && shorter.ok && pageAgrees(record, shorter.value)).toBe(false);
  });
});
