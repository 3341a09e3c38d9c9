import { readFileSync } from 'node:fs';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { loadGlossary, publish } from '../../tools/content.js';
import { sitePages, type Page } from '../../tools/prerender.js';

type Node = DefaultTreeAdapterMap['node'];
const NOW = new Date('2026-01-01T00:00:00Z');
const SEED = readFileSync('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');

/** `count` copies of the seed, one a day, newest first (as the build sorts them). */
async function articles(count: number): Promise<PublishedArticle[]> {
  const { entries } = await loadGlossary();
  return Array.from({ length: count }, (_, index) => {
    const day = String(count - index).padStart(3, '0');
    const parsed = parseArticle(SEED.replace(/^title: (.*)$/mu, `title: $1 (${day})`));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return publish(parsed.article, `artikel-${day}`, entries);
  });
}

function page(pages: readonly Page[], fileName: string): Page {
  const found = pages.find((p) => p.fileName === fileName);
  if (found === undefined) throw new Error(`no ${fileName} among ${pages.map((p) => p.fileName).join(', ')}`);
  return found;
}

/** Every link in some HTML: its href, rel and text. */
function links(html: string): { href: string; rel: string; text: string }[] {
  const found: { href: string; rel: string; text: string }[] = [];
  const text = (node: Node): string =>
    'value' in node ? node.value : 'childNodes' in node ? node.childNodes.map(text).join('') : '';
  const walk = (node: Node): void => {
    if ('tagName' in node && node.tagName === 'a') {
      const attribute = (name: string): string => node.attrs.find((a) => a.name === name)?.value ?? '';
      found.push({ href: attribute('href'), rel: attribute('rel'), text: text(node).trim() });
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseFragment(html));
  return found;
}

const articleLinks = (html: string): string[] =>
  links(html)
    .map((link) => link.href)
    .filter((href) => href.startsWith('/artikel/'));

describe('the list of articles', () => {
  it('shows the 20 newest at home, and all of them in an archive of 20 a page numbered from the oldest', async () => {
    const pages = sitePages(await articles(45), [], NOW);
    const home = page(pages, 'index.html');
    const first = page(pages, 'arsip/1/index.html');
    const second = page(pages, 'arsip/2/index.html');
    const last = page(pages, 'arsip/3/index.html');
    expect(pages.some((p) => p.fileName === 'arsip/4/index.html' || p.fileName.startsWith('halaman/'))).toBe(false);
    expect(articleLinks(home.body)).toHaveLength(20);
    expect(articleLinks(home.body)[0]).toBe('/artikel/artikel-045/');
    // Page 1 holds the first 20 ever published, newest first; the last page the rest.
    expect(articleLinks(first.body)).toEqual(
      Array.from({ length: 20 }, (_, index) => `/artikel/artikel-${String(20 - index).padStart(3, '0')}/`),
    );
    expect(articleLinks(second.body)[0]).toBe('/artikel/artikel-040/');
    expect(articleLinks(last.body)).toEqual(
      ['045', '044', '043', '042', '041'].map((day) => `/artikel/artikel-${day}/`),
    );
    // Home leads to the page with the newest article it leaves out (25: page 2).
    expect(links(home.body).filter((link) => link.rel !== '')).toEqual([
      { href: '/arsip/2/', rel: 'next', text: 'Artikel lebih lama' },
    ]);
    expect(links(last.body).filter((link) => link.rel !== '')).toEqual([
      { href: '/', rel: 'prev', text: 'Artikel lebih baru' },
      { href: '/arsip/2/', rel: 'next', text: 'Artikel lebih lama' },
    ]);
    expect(links(second.body).filter((link) => link.rel !== '')).toEqual([
      { href: '/arsip/3/', rel: 'prev', text: 'Artikel lebih baru' },
      { href: '/arsip/1/', rel: 'next', text: 'Artikel lebih lama' },
    ]);
    expect(links(first.body).filter((link) => link.rel !== '')).toEqual([
      { href: '/arsip/2/', rel: 'prev', text: 'Artikel lebih baru' },
    ]);
    expect(second.title).toBe('Artikel, halaman 2 · Warta');
  });

  it('keeps every archive page but the last the same when an article is added', async () => {
    const before = sitePages((await articles(45)).slice(1), [], NOW);
    const after = sitePages(await articles(45), [], NOW);
    const archive = (pages: readonly Page[]): Page[] => pages.filter((p) => p.fileName.startsWith('arsip/'));
    expect(archive(after).slice(0, 2)).toEqual(archive(before).slice(0, 2));
    expect(page(after, 'arsip/3/index.html')).not.toEqual(page(before, 'arsip/3/index.html'));
  });

  it('has no pager while every article fits on the home page', async () => {
    const pages = sitePages(await articles(20), [], NOW);
    expect(pages.filter((p) => p.fileName.startsWith('arsip/'))).toEqual([]);
    expect(page(pages, 'index.html').body).not.toContain('class="pager"');
  });
});

describe('the glossary page at any number of articles', () => {
  it('lists the five newest articles under a term, and all of them on the term’s own page', async () => {
    const { entries } = await loadGlossary();
    const pages = sitePages(await articles(12), entries, NOW);
    const glossary = page(pages, 'glosarium/index.html');
    const minsk = links(glossary.body).filter((link) => link.href.endsWith('#rujukan-grup-minsk'));
    expect(minsk.map((link) => link.href)).toEqual(
      ['012', '011', '010', '009', '008'].map((day) => `/artikel/artikel-${day}/#rujukan-grup-minsk`),
    );
    expect(links(glossary.body)).toContainEqual({ href: '/glosarium/grup-minsk/', rel: '', text: 'semua 12 artikel' });
    const own = page(pages, 'glosarium/grup-minsk/index.html');
    expect(articleLinks(own.body)).toHaveLength(12);
    expect(own.body).toContain('Dipakai di 12 artikel');
  });

  it('pages a term’s articles like the archive: its page the newest 20, older ones from the oldest', async () => {
    const { entries } = await loadGlossary();
    const pages = sitePages(await articles(45), entries, NOW);
    const own = page(pages, 'glosarium/grup-minsk/index.html');
    expect(own.body).toContain('Dipakai di 45 artikel');
    const hrefs = (html: string): string[] =>
      links(html)
        .map((link) => link.href)
        .filter((href) => href.endsWith('#rujukan-grup-minsk'));
    expect(hrefs(own.body)).toHaveLength(20);
    expect(hrefs(own.body)[0]).toBe('/artikel/artikel-045/#rujukan-grup-minsk');
    expect(hrefs(page(pages, 'glosarium/grup-minsk/1/index.html').body)[0]).toBe(
      '/artikel/artikel-020/#rujukan-grup-minsk',
    );
    expect(hrefs(page(pages, 'glosarium/grup-minsk/3/index.html').body)).toHaveLength(5);
    expect(links(own.body).filter((link) => link.rel === 'next' || link.rel === 'prev')).toEqual([
      { href: '/glosarium/grup-minsk/2/', rel: 'next', text: 'Artikel lebih lama' },
    ]);
  });

  it('stays the same size from 12 to 60 articles', async () => {
    const { entries } = await loadGlossary();
    const size = async (count: number): Promise<number> =>
      page(sitePages(await articles(count), entries, NOW), 'glosarium/index.html').body.length;
    // Only the counts in "semua N artikel" and the numbers in the titles differ.
    expect(Math.abs((await size(60)) - (await size(12)))).toBeLessThan(100);
  });

  it('gives a term its own page only when the glossary page cannot list all its articles', async () => {
    const { entries } = await loadGlossary();
    const pages = sitePages(await articles(5), entries, NOW);
    expect(pages.filter((p) => /^glosarium\/[^/]+\/index\.html$/u.test(p.fileName))).toEqual([]);
  });
});

describe('what an article page carries for the app', () => {
  it('is the article without source spans, and the glossary entries it uses in the page’s language', async () => {
    const [article] = await articles(1);
    if (article === undefined) throw new Error('no article');
    const data = page(sitePages([article], (await loadGlossary()).entries, NOW), 'artikel/artikel-001/index.html').data;
    const json = JSON.stringify(data?.value);
    // Spans say where the parser found each field in the file: no reader needs them.
    expect(json).not.toMatch(/"span"|"frontMatter"/u);
    expect(data?.value).toMatchObject({ article: { slug: 'artikel-001' } });
    const glossary = (data?.value as { glossary: { id: string; lang: string }[] }).glossary;
    expect(glossary.map((entry) => entry.id)).toEqual([...article.glossary.entries, 'mina']);
    expect(new Set(glossary.map((entry) => entry.lang))).toEqual(new Set(['id']));
  });
});
