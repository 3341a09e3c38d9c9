import { readFileSync } from 'node:fs';
import { SyntaxValidator } from 'fast-xml-validator';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { publish } from '../../tools/content.js';
import { FEED_ITEMS, feeds } from '../../tools/feeds.js';
import { hostileArticleText, HOSTILE_LINES } from './hostile-content.js';

type Node = DefaultTreeAdapterMap['node'];
const SITE = 'https://warta.example';
const SEED = readFileSync('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');

function article(day: number, extra = ''): PublishedArticle {
  const date = new Date(Date.UTC(2021, 0, day)).toISOString().slice(0, 10);
  const text = SEED.replace(/^title: (.*)$/mu, `title: $1 (${String(day)})${extra}`).replace(
    /^date: .*$/mu,
    `date: ${date}`,
  );
  const parsed = parseArticle(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return publish(parsed.article, `artikel-${String(day).padStart(3, '0')}`);
}

/** 60 articles, newest first; the newest imported, with a time, an author and categories. */
function site(): PublishedArticle[] {
  return Array.from({ length: 60 }, (_, index) => 60 - index).map((day) =>
    day === 60
      ? article(
          day,
          '\npublished: 2021-03-01T09:30:00+07:00\nmodified: 2021-03-02T10:00:00+07:00\nauthor: Rudi Hartono\ncategories: Internasional; Palestina\nurl: https://minanews.net/berita-60/',
        )
      : article(day),
  );
}

/** An article whose every line attacks a reader, with a headline that tries to close the XML and a character XML cannot carry. */
function hostile(): PublishedArticle {
  const parsed = parseArticle(`---\ntitle: Judul\ndate: 2021-06-01\n---\n${hostileArticleText()}`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const published = publish(parsed.article, 'berbahaya');
  return {
    ...published,
    title: { text: 'Judul ]]></title><script>alert(1)</script> & "kutip"\u0001\uFFFE', derived: false },
    categories: ['<b>Kategori</b> & Co'],
  };
}

function textOf(html: string): string {
  const text = (node: Node): string =>
    'value' in node ? node.value : 'childNodes' in node ? node.childNodes.map(text).join('') : '';
  return text(parseFragment(html));
}

function elementsOf(html: string): string[] {
  const names: string[] = [];
  const walk = (node: Node): void => {
    if ('tagName' in node) names.push(node.tagName);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseFragment(html));
  return names;
}

describe('the RSS feed', () => {
  it('is well-formed RSS 2.0 that a feed parser reads back: the 50 newest, with their links, dates and full text', () => {
    const articles = site();
    const { rss } = feeds(articles, SITE);
    expect(rss.path).toBe('feed.xml');
    expect(() => SyntaxValidator.validate(rss.text)).not.toThrow();
    const feed = parseRssFeed(rss.text);
    expect(feed.title).toBe('Warta');
    expect(feed.link).toBe(`${SITE}/`);
    expect(feed.items).toHaveLength(FEED_ITEMS);
    const [first, last] = [feed.items?.[0], feed.items?.at(-1)];
    expect(first?.title).toBe(articles[0]?.title.text);
    expect(first?.link).toBe(`${SITE}/artikel/artikel-060/`);
    expect(first?.guid).toMatchObject({ value: `${SITE}/artikel/artikel-060/`, isPermaLink: true });
    expect(first?.pubDate).toBe('Mon, 01 Mar 2021 02:30:00 GMT');
    expect(JSON.stringify(first?.dc)).toContain('Rudi Hartono');
    expect(first?.categories?.map((category) => category.name)).toEqual(['Internasional', 'Palestina']);
    expect(first?.description).toBe(articles[0]?.lead.text);
    const html = first?.content?.encoded ?? '';
    expect(textOf(html)).toContain(articles[0]?.paragraphs[0]?.text);
    expect(html).toContain('href="https://minanews.net/berita-60/"');
    expect(last?.link).toBe(`${SITE}/artikel/artikel-011/`);
    expect(last?.pubDate).toBe('Mon, 11 Jan 2021 00:00:00 GMT');
    // The channel's date is its newest change, from the content.
    expect(feed.lastBuildDate).toBe('Tue, 02 Mar 2021 03:00:00 GMT');
  });

  it('carries hostile text as text: nothing closes an element, no markup reaches the reader, nothing XML cannot carry', () => {
    const article = hostile();
    const { rss } = feeds([article], SITE);
    expect(() => SyntaxValidator.validate(rss.text)).not.toThrow();
    const item = parseRssFeed(rss.text).items?.[0];
    expect(item?.title).toBe('Judul ]]></title><script>alert(1)</script> & "kutip"');
    expect(item?.categories?.[0]?.name).toBe('<b>Kategori</b> & Co');
    const html = item?.content?.encoded ?? '';
    // The reader's HTML holds paragraphs and nothing the text brought: its tags are words.
    expect(new Set(elementsOf(html))).toEqual(new Set(['p', 'strong']));
    for (const line of HOSTILE_LINES) expect(textOf(html)).toContain(line);
  });
});

describe('the JSON Feed', () => {
  it('has what JSON Feed 1.1 requires, and a feed parser reads it back', () => {
    const articles = site();
    const { json } = feeds(articles, SITE);
    expect(json.path).toBe('feed.json');
    const value = JSON.parse(json.text) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(value['version']).toBe('https://jsonfeed.org/version/1.1');
    expect(value['title']).toBe('Warta');
    expect(value['feed_url']).toBe(`${SITE}/feed.json`);
    expect(value.items).toHaveLength(FEED_ITEMS);
    for (const item of value.items) {
      expect(typeof item['id']).toBe('string');
      expect(typeof item['content_html'] === 'string' || typeof item['content_text'] === 'string').toBe(true);
    }
    expect(value.items[0]).toMatchObject({
      id: `${SITE}/artikel/artikel-060/`,
      url: `${SITE}/artikel/artikel-060/`,
      date_published: '2021-03-01T02:30:00Z',
      date_modified: '2021-03-02T03:00:00Z',
      authors: [{ name: 'Rudi Hartono' }],
      tags: ['Internasional', 'Palestina'],
      language: 'id',
      external_url: 'https://minanews.net/berita-60/',
    });
    const parsed = parseJsonFeed(value);
    expect(parsed.items?.[0]?.title).toBe(articles[0]?.title.text);
  });

  it('keeps hostile text whole as JSON strings', () => {
    const article = hostile();
    const value = JSON.parse(feeds([article], SITE).json.text) as { items: { title: string; content_html: string }[] };
    expect(value.items[0]?.title).toBe(article.title.text);
    expect(new Set(elementsOf(value.items[0]?.content_html ?? ''))).toEqual(new Set(['p', 'strong']));
  });
});
