import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { categoriesOf, categoryId } from '../../tools/categories.js';
import { categoryPages } from '../../tools/category-pages.js';
import { publish } from '../../tools/content.js';
import { sitePages, type Page } from '../../tools/prerender.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const SEED = readFileSync('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');

/** The seed as article `day`, published that many days after 1 January 2021, in `categories`. */
function article(day: number, categories: string): PublishedArticle {
  const date = new Date(Date.UTC(2021, 0, day)).toISOString().slice(0, 10);
  const text = SEED.replace(/^title: (.*)$/mu, `title: $1 (${String(day)})\ncategories: ${categories}`).replace(
    /^date: .*$/mu,
    `date: ${date}`,
  );
  const parsed = parseArticle(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return publish(parsed.article, `artikel-${String(day).padStart(3, '0')}`);
}

/** `count` articles, newest first (as the build sorts them), every one in Nasional, every third in Ekonomi too. */
function articles(count: number): PublishedArticle[] {
  return Array.from({ length: count }, (_, index) => count - index).map((day) =>
    article(day, day % 3 === 0 ? 'Nasional; Ekonomi' : 'Nasional'),
  );
}

const byFile = (pages: readonly Page[]): Map<string, Page> => new Map(pages.map((page) => [page.fileName, page]));
const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/gu)].map((match) => match[1] ?? '');

describe('a category’s id', () => {
  it('is its name in lowercase ASCII, words joined by hyphens, whatever the script', () => {
    expect(categoryId('Nasional')).toBe('nasional');
    expect(categoryId('Luar Negeri')).toBe('luar-negeri');
    expect(categoryId('Ekonomi & Bisnis')).toBe('ekonomi-bisnis');
    expect(categoryId('Ramaḍān')).toBe('ramadan');
    expect(categoryId('فلسطين')).toBe('flstyn');
    expect(categoryId('x'.repeat(50) + ' ' + 'y'.repeat(50))).toBe('x'.repeat(50));
  });

  it('is a hash when the name has no letter or digit, the same for the same name', () => {
    expect(categoryId('—')).toMatch(/^kategori-[0-9a-f]{8}$/u);
    expect(categoryId('—')).toBe(categoryId('—'));
    expect(categoryId('—')).not.toBe(categoryId('…'));
  });
});

describe('the categories of a site', () => {
  it('merge names that make the same id, named as most of their articles name them, whatever order the articles come in', () => {
    const list = [
      article(1, 'NASIONAL'),
      article(2, 'Nasional'),
      article(3, 'Nasional.; Ekonomi'),
      article(4, 'Ekonomi'),
    ];
    const forward = categoriesOf(list);
    expect(categoriesOf([...list].reverse()).map(({ id, name }) => ({ id, name }))).toEqual(
      forward.map(({ id, name }) => ({ id, name })),
    );
    expect(forward.map(({ id, name, articles: a }) => ({ id, name, count: a.length }))).toEqual([
      { id: 'ekonomi', name: 'Ekonomi', count: 2 },
      // One article each for three spellings: the first in code-point order.
      { id: 'nasional', name: 'NASIONAL', count: 3 },
    ]);
  });

  it('are the same when articles share one list of names (as records read from the cache do) as when each has its own', () => {
    const shared = ['NASIONAL', 'Nasional.', 'Ekonomi'];
    const english = ['Nasional', 'Economy'];
    const list = [1, 2, 3, 4, 5].map((day) => {
      const each = article(day, 'x');
      // Articles 1 to 3 share one list, 4 and 5 (in English) another.
      return { ...each, categories: day <= 3 ? shared : english, lang: day <= 3 ? 'id' : 'en' };
    });
    const own = list.map((each) => ({ ...each, categories: [...each.categories] }));
    const summary = (articles: typeof list): unknown[] =>
      categoriesOf(articles).map(({ id, name, lang, places }) => ({ id, name, lang, places }));
    expect(summary(list)).toEqual(summary(own));
    expect(summary(list)).toEqual([
      { id: 'economy', name: 'Economy', lang: 'en', places: [3, 4] },
      { id: 'ekonomi', name: 'Ekonomi', lang: 'id', places: [0, 1, 2] },
      // Three articles say NASIONAL, two Nasional; three are in Indonesian.
      { id: 'nasional', name: 'NASIONAL', lang: 'id', places: [0, 1, 2, 3, 4] },
    ]);
  });

  it('are linked from the foot of each article’s page, in the page’s language, with the name’s language', () => {
    const list = articles(3);
    const pages = byFile(sitePages(list, [], NOW));
    const body = pages.get('artikel/artikel-003/index.html')?.body ?? '';
    const footer = body.slice(body.indexOf('<footer class="site-footer">'));
    expect(footer).toMatch(
      /Kategori:\s*<a href="\/kategori\/nasional\/" lang="id">Nasional<\/a>, <a href="\/kategori\/ekonomi\/" lang="id">Ekonomi<\/a>/u,
    );
    expect(pages.get('artikel/artikel-001/index.html')?.body).not.toContain('/kategori/ekonomi/');
    // Home leads to the index of categories when there are some.
    expect(hrefs(pages.get('index.html')?.body ?? '')).toContain('/kategori/');
  });

  it('each have a page of the 20 newest, and older ones 20 a page numbered from the oldest, like the archive', () => {
    const pages = byFile(categoryPages(categoriesOf(articles(45))));
    const articleHrefs = (file: string): string[] =>
      hrefs(pages.get(file)?.body ?? '').filter((href) => href.startsWith('/artikel/'));
    expect(articleHrefs('kategori/nasional/index.html')).toHaveLength(20);
    expect(articleHrefs('kategori/nasional/index.html')[0]).toBe('/artikel/artikel-045/');
    expect(articleHrefs('kategori/nasional/1/index.html')[0]).toBe('/artikel/artikel-020/');
    expect(articleHrefs('kategori/nasional/3/index.html')).toEqual(
      ['045', '044', '043', '042', '041'].map((day) => `/artikel/artikel-${day}/`),
    );
    // Ekonomi has 15: one page, no pager.
    expect(articleHrefs('kategori/ekonomi/index.html')).toHaveLength(15);
    expect([...pages.keys()].filter((file) => file.startsWith('kategori/ekonomi/'))).toEqual([
      'kategori/ekonomi/index.html',
    ]);
    const index = pages.get('kategori/index.html')?.body ?? '';
    expect(index).toMatch(/<a href="\/kategori\/ekonomi\/" lang="id">Ekonomi<\/a> ·\s*15 artikel/u);
    expect(index).toMatch(/<a href="\/kategori\/nasional\/" lang="id">Nasional<\/a> ·\s*45 artikel/u);
    expect(pages.get('kategori/nasional/2/index.html')?.title).toBe('Nasional (2) · Kategori · Warta');
  });

  it('change only the category’s first page and last archive page (and the index’s count) when an article is added', () => {
    const before = byFile(categoryPages(categoriesOf(articles(45).slice(1))));
    const after = byFile(categoryPages(categoriesOf(articles(45))));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([file, page]) => before.get(file)?.body !== page.body).map(([file]) => file);
    // Article 45 is in Ekonomi too, whose one page changes.
    expect(changed.sort()).toEqual([
      'kategori/ekonomi/index.html',
      'kategori/index.html',
      'kategori/nasional/3/index.html',
      'kategori/nasional/index.html',
    ]);
  });
});
