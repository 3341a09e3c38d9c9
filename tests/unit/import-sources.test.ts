import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseRfc822Date, parseWordPressGmt } from '../../tools/import/dates.js';
import { decodeFeed, readFeed, type FeedDocument } from '../../tools/import/feed.js';
import type { ItemResult, SourceItem } from '../../tools/import/items.js';
import { allocateSlug, slugFromLink, transliterate } from '../../tools/import/slug.js';
import { firstPage, linkRel, nextPage, readPostsPage } from '../../tools/import/wordpress.js';

const fixture = (name: string): Uint8Array => readFileSync(`tests/fixtures/import/${name}`);
const text = (name: string): string => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

function items(results: readonly ItemResult[]): SourceItem[] {
  return results.flatMap((result) => (result.ok ? [result.item] : []));
}

function refusals(results: readonly ItemResult[]): Array<[string | null, string]> {
  return results.flatMap((result) => (result.ok ? [] : [[result.id, result.reason] as [string | null, string]]));
}

function feed(name: string, contentType: string | null = null): FeedDocument {
  const decoded = decodeFeed(fixture(name), contentType);
  if (!decoded.ok) throw new Error(decoded.reason);
  const read = readFeed(decoded.value, 'https://minanews.net/feed/');
  if (!read.ok) throw new Error(read.reason);
  return read.value;
}

describe('WordPress posts', () => {
  it('reads every fixture post with the API’s own fields and its embedded author and categories', () => {
    const page = readPostsPage(text('wordpress-id.json'));
    if (!page.ok) throw new Error(page.reason);
    expect(items(page.items)).toHaveLength(55);
    const [first] = items(page.items);
    expect(first).toMatchObject({
      id: '120001',
      title: { type: 'html', value: 'Warga Cikarang Gelar Kerja Bakti Bersihkan Saluran Air Jelang Musim Hujan' },
      published: { iso: '2018-10-01T01:00:00Z', localDate: '2018-10-01' },
      modified: { iso: '2018-10-01T01:30:00Z' },
      localDate: '2018-10-01',
      slug: 'warga-cikarang-gelar-kerja-bakti-bersihkan-saluran-air-jelang-musim-hujan',
      link: 'https://minanews.net/warga-cikarang-gelar-kerja-bakti-bersihkan-saluran-air-jelang-musim-hujan/',
      author: 'Rina Maharani',
      // Categories only: the tag "Berita" is a post_tag term.
      categories: ['Nasional', 'Jabodetabek'],
    });
  });

  it('takes the publisher’s local date from `date`, which can differ from the UTC date', () => {
    const page = readPostsPage(text('wordpress-en.json'));
    if (!page.ok) throw new Error(page.reason);
    // Post 3 was published at 22:00 UTC on 1 October: 05:00 on 2 October in Jakarta.
    expect(items(page.items)[3]).toMatchObject({ published: { iso: '2018-10-01T22:00:00Z' }, localDate: '2018-10-02' });
  });

  it('refuses, with its reason, each post that cannot be an article, and reads the others', () => {
    const page = readPostsPage(text('edge-cases.json'));
    if (!page.ok) throw new Error(page.reason);
    expect(refusals(page.items)).toEqual([
      ['900001', 'no title'],
      ['900002', 'no date (date_gmt)'],
      ['900006', 'no text (content.rendered is empty)'],
      ['900007', 'the post is password-protected'],
      [null, 'no id'],
    ]);
  });

  it('says what is wrong with malformed JSON or an error object instead of posts', () => {
    expect(readPostsPage(text('malformed.json'))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed JSON: /u) as string,
    });
    expect(
      readPostsPage(
        '{"code":"rest_forbidden","message":"Sorry, you are not allowed to do that.","data":{"status":401}}',
      ),
    ).toEqual({
      ok: false,
      reason: 'WordPress says: Sorry, you are not allowed to do that.',
    });
  });

  it('asks for changes oldest first, from an hour before the cursor, with _embed', () => {
    const url = new URL(
      firstPage('https://minanews.net/wp-json/wp/v2/posts?per_page=20&page=3', '2018-10-14T02:30:00Z', 50),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      per_page: '20',
      _embed: '1',
      orderby: 'modified',
      order: 'asc',
      modified_after: '2018-10-14T01:30:00Z',
    });
    expect(
      new URL(firstPage('https://minanews.net/wp-json/wp/v2/posts', null, 50)).searchParams.has('modified_after'),
    ).toBe(false);
  });

  it('pages by Link rel="next", else by X-WP-TotalPages, and never to another origin', () => {
    const here = 'https://minanews.net/wp-json/wp/v2/posts?per_page=10';
    const next = 'https://minanews.net/wp-json/wp/v2/posts?per_page=10&page=2';
    expect(nextPage(here, new Headers({ Link: `<${here}>; rel="prev", <${next}>; rel="next"` }))).toBe(next);
    expect(nextPage(here, new Headers({ 'X-WP-TotalPages': '3' }))).toBe(next);
    expect(nextPage(next.replace('page=2', 'page=3'), new Headers({ 'X-WP-TotalPages': '3' }))).toBeNull();
    expect(
      nextPage(here, new Headers({ Link: '<https://evil.example/posts?page=2>; rel="next"', 'X-WP-TotalPages': '1' })),
    ).toBeNull();
    expect(linkRel('<https://a.test/x,y>; rel="alternate next"; title="a, b"', 'next')).toBe('https://a.test/x,y');
  });
});

describe('RSS and Atom feeds', () => {
  it('reads the RSS fixture: guid, title, link, pubDate in its zone, dc:creator, categories, content:encoded', () => {
    const document = feed('rss-id.xml');
    expect(document).toMatchObject({ format: 'rss', language: 'id-ID', title: 'Kantor Berita MINA' });
    const read = items(document.items);
    expect(read).toHaveLength(52);
    expect(read[1]).toMatchObject({
      id: 'https://minanews.net/?p=120008',
      published: { iso: '2018-10-01T15:00:00+07:00', localDate: '2018-10-01' },
      modified: null,
      author: 'Dedi Saputra',
      categories: ['Pendidikan'],
      content: { type: 'html', value: expect.stringContaining('<strong>Oleh: Dedi Saputra') as string },
    });
  });

  it('reads the Atom fixture: id, the alternate link, published and updated, content type="html"', () => {
    const document = feed('atom-en.xml');
    expect(document).toMatchObject({ format: 'atom', language: 'en-US' });
    const read = items(document.items);
    expect(read).toHaveLength(52);
    expect(read[2]).toMatchObject({
      id: 'https://en.minanews.net/?p=80015',
      link: 'https://en.minanews.net/students-build-low-cost-water-filters-for-village-schools/',
      published: { iso: '2018-10-01T22:00:00+07:00' },
      modified: { iso: '2018-10-03T22:30:00+07:00' },
      author: 'Ahmad Fauzi',
      title: { type: 'html' },
      content: { type: 'html' },
    });
  });

  it('decodes a feed in the ISO-8859-1 its declaration names, or its HTTP charset says', () => {
    const [item] = items(feed('latin1.xml').items);
    expect(item?.title.value).toBe('Exposição de café em São Paulo atrai visitantes');
    expect(item?.published.iso).toBe('2018-10-14T12:00:00-03:00');
    const utf8 = new TextEncoder().encode(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Café</title></channel></rss>',
    );
    expect(decodeFeed(utf8, 'application/rss+xml; charset=ISO-8859-1')).toMatchObject({
      value: expect.stringContaining('CafÃ©') as string,
    });
  });

  it('refuses bytes that are not the encoding the feed declares, or an encoding nobody knows', () => {
    expect(decodeFeed(new Uint8Array([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]), null)).toEqual({
      ok: false,
      reason: 'the feed is not valid UTF-8, the encoding it declares',
    });
    expect(decodeFeed(new TextEncoder().encode('<?xml version="1.0" encoding="klingon"?><a/>'), null)).toEqual({
      ok: false,
      reason: 'the feed declares the encoding "klingon", which Warta does not know',
    });
  });

  it('refuses an XML entity bomb without expanding it', () => {
    const started = performance.now();
    const decoded = decodeFeed(fixture('bomb.xml'), null);
    expect(decoded.ok && readFeed(decoded.value, null)).toEqual({
      ok: false,
      reason:
        'the feed declares XML entities in its DOCTYPE: refused, because expanding them can turn a small feed into gigabytes',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names the line and column of malformed XML, and says when a document is no feed', () => {
    expect(readFeed(text('malformed.xml'), null)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed XML at line 3, column \d+: .*'item'/u) as string,
    });
    expect(readFeed('<html><body>Not a feed</body></html>', null)).toEqual({
      ok: false,
      reason: 'not an RSS 2.0 or Atom feed',
    });
  });

  it('refuses feed items without a title or a readable date, and keeps one without a guid by its link', () => {
    const document = feed('edge-cases.xml');
    expect(refusals(document.items)).toEqual([
      ['https://minanews.net/?p=1', 'no title'],
      ['https://minanews.net/?p=2', 'no date (neither pubDate nor dc:date)'],
      ['https://minanews.net/?p=3', 'pubDate "kemarin sore" is not an RFC 822 date'],
    ]);
    expect(items(document.items).map((item) => item.id)).toEqual([
      'https://minanews.net/?p=4',
      'https://minanews.net/tanpa-guid/',
    ]);
  });
});

describe('dates', () => {
  it('keeps the zone a source gives', () => {
    expect(parseRfc822Date('Sun, 14 Oct 2018 09:30:00 +0700')?.iso).toBe('2018-10-14T09:30:00+07:00');
    expect(parseRfc822Date('14 Oct 18 02:30 GMT')?.iso).toBe('2018-10-14T02:30:00Z');
    expect(parseRfc822Date('Sun, 14 Oct 2018 09:30:00 EST')?.iso).toBe('2018-10-14T09:30:00-05:00');
    expect(parseIsoDate('2018-10-14T09:30:00.123+07:00')?.iso).toBe('2018-10-14T09:30:00+07:00');
    expect(parseWordPressGmt('2018-10-14T02:30:00')?.iso).toBe('2018-10-14T02:30:00Z');
  });

  it('refuses impossible and zoneless dates', () => {
    expect(parseRfc822Date('Sun, 31 Feb 2018 09:30:00 +0700')).toBeNull();
    expect(parseIsoDate('2018-10-14T09:30:00')).toBeNull();
    expect(parseWordPressGmt('2018-10-14 02:30')).toBeNull();
  });
});

describe('slugs', () => {
  it('transliterates a publisher’s slug in any script to [a-z0-9-]', () => {
    expect(transliterate(encodeURIComponent('المسجد-الأقصى-يستقبل-المصلين').toLowerCase())).toBe(
      'lmsjd-l-qsa-ystqbl-lmslyn',
    );
    expect(transliterate('%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8-%d0%b4%d0%bd%d1%8f')).toBe('novosti-dnya');
    expect(transliterate('Café – “Kopi” 100%')).toBe('cafe-kopi-100');
    expect(transliterate('a'.repeat(50) + '-' + 'b'.repeat(50))).toBe('a'.repeat(50));
  });

  it('takes a feed item’s slug from its link', () => {
    expect(slugFromLink('https://minanews.net/berita/warga-cikarang/')).toBe('warga-cikarang');
    expect(slugFromLink('https://minanews.net/2018/10/warga.html')).toBe('warga');
    expect(slugFromLink('https://minanews.net/')).toBeNull();
  });

  it('prefixes a slug another source holds with this source, and numbers one this source holds for another id', () => {
    const taken = new Map([
      ['warga', 'file:warga'],
      ['banjir', 'en-minanews-net:5'],
      ['minanews-net-banjir', 'other:1'],
      ['kopi', 'minanews-net:7'],
    ]);
    expect(allocateSlug('warga', 'minanews-net', '1', taken)).toBe('minanews-net-warga');
    expect(allocateSlug('banjir', 'minanews-net', '1', taken)).toBe('minanews-net-banjir-2');
    expect(allocateSlug('kopi', 'minanews-net', '1', taken)).toBe('kopi-2');
    expect(allocateSlug('kopi', 'minanews-net', '7', taken)).toBe('kopi');
    expect(allocateSlug('baru', 'minanews-net', '1', taken)).toBe('baru');
  });
});
