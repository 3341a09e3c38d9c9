import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import {
  robotsTxt,
  siteAddresses,
  SITEMAP_LIMIT,
  sitemapChunks,
  SITEMAP_SIZE,
  sitemaps,
  type MappedArticle,
  type SitemapMemory,
  type SitemapSummary,
} from '../../tools/sitemaps.js';
import { siteOf } from '../../tools/site.js';

const SITE = 'https://warta.example';

/** Article n, published on day n of 2021, newest first as the build has them. */
function articles(count: number): MappedArticle[] {
  return Array.from({ length: count }, (_, index) => {
    const n = count - index;
    const date = new Date(Date.UTC(2021, 0, n)).toISOString().slice(0, 10);
    return { slug: `artikel-${String(n).padStart(3, '0')}`, date, published: null, modified: null };
  });
}

interface Url {
  loc: string;
  lastmod?: string;
  'xhtml:link': { '@_hreflang': string; '@_href': string }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});
const urlsOf = (xml: string): Url[] => (parser.parse(xml) as { urlset: { url: Url[] } }).urlset.url;

describe('the sitemaps', () => {
  it('list every article and list page in both languages, each naming the other, with lastmod from the content', () => {
    const list = articles(45);
    const category = { id: 'nasional', articles: list.slice(0, 25) };
    const addresses = siteAddresses(list, [{ id: 'grup-minsk', articles: list }], [category]);
    const files = sitemaps(addresses, SITE);
    // The articles, then each list's own: home and the archive, the glossary, the term's pages,
    // the categories, the category's pages.
    expect(files.sitemaps).toHaveLength(6);
    for (const file of files.sitemaps) expect(() => SyntaxValidator.validate(file.text)).not.toThrow();
    expect(urlsOf(files.sitemaps[1]?.text ?? '').map((url) => url.loc.replace(SITE, ''))).toEqual(
      ['/', '/arsip/1/', '/arsip/2/', '/arsip/3/'].flatMap((path) => [path, `/en${path}`]),
    );
    const urls = files.sitemaps.flatMap((file) => urlsOf(file.text));
    const locs = urls.map((url) => url.loc);
    expect(locs.slice(0, 4)).toEqual([
      `${SITE}/artikel/artikel-001/`,
      `${SITE}/en/artikel/artikel-001/`,
      `${SITE}/artikel/artikel-002/`,
      `${SITE}/en/artikel/artikel-002/`,
    ]);
    expect(urls[0]?.lastmod).toBe('2021-01-01T00:00:00Z');
    expect(urls[0]?.['xhtml:link']).toEqual([
      { '@_rel': 'alternate', '@_hreflang': 'id', '@_href': `${SITE}/artikel/artikel-001/` },
      { '@_rel': 'alternate', '@_hreflang': 'en', '@_href': `${SITE}/en/artikel/artikel-001/` },
    ]);
    for (const path of [
      '/',
      '/arsip/1/',
      '/arsip/3/',
      '/glosarium/',
      '/glosarium/grup-minsk/',
      '/glosarium/grup-minsk/3/',
      '/kategori/',
      '/kategori/nasional/',
      '/kategori/nasional/2/',
    ]) {
      expect(locs).toContain(`${SITE}${path}`);
      expect(locs).toContain(`${SITE}/en${path}`);
    }
    expect(locs.filter((loc) => /tersimpan|offline|404/u.test(loc))).toEqual([]);
    // Home's lastmod is its newest article's; the first archive page's, the newest of the first 20.
    expect(urls.find((url) => url.loc === `${SITE}/`)?.lastmod).toBe('2021-02-14T00:00:00Z');
    expect(urls.find((url) => url.loc === `${SITE}/arsip/1/`)?.lastmod).toBe('2021-01-20T00:00:00Z');
    expect(locs).toHaveLength(2 * (45 + 1 + 3 + 1 + 1 + 3 + 1 + 1 + 2));
  });

  it('split at the limit, numbered from the oldest, and a new article changes neither a full sitemap nor its place, nor a list’s it is not in', () => {
    const before = sitemaps(siteAddresses(articles(45), [], []), SITE, 20);
    const after = sitemaps(siteAddresses(articles(46), [], []), SITE, 20);
    for (const file of after.sitemaps) expect(urlsOf(file.text).length).toBeLessThanOrEqual(20);
    // 45 articles are 90 addresses: the first four sitemaps (80) hold articles only, and do not change.
    expect(after.sitemaps.slice(0, 4)).toEqual(before.sitemaps.slice(0, 4));
    expect(after.sitemaps[4]).not.toEqual(before.sitemaps[4]);
    // The lists come after, each in sitemaps of its own, at the same numbers: the archive's
    // changes (home's date), the glossary's and the categories' (no term, no category) do not.
    expect(after.sitemaps.map((file) => file.path)).toEqual(before.sitemaps.map((file) => file.path));
    expect(after.sitemaps[5]).not.toEqual(before.sitemaps[5]);
    expect(after.sitemaps.slice(6)).toEqual(before.sitemaps.slice(6));
    const index = parser.parse(after.index.text) as { sitemapindex: { sitemap: { loc: string; lastmod: string }[] } };
    expect(() => SyntaxValidator.validate(after.index.text)).not.toThrow();
    expect(index.sitemapindex.sitemap.map((entry) => entry.loc)).toEqual(
      after.sitemaps.map((_, number) => `${SITE}/sitemap-${String(number + 1)}.xml`),
    );
    expect(index.sitemapindex.sitemap[0]?.lastmod).toBe('2021-01-10T00:00:00Z');
    const all = after.sitemaps.flatMap((file) => urlsOf(file.text).map((url) => url.loc));
    expect(new Set(all).size).toBe(all.length);
  });

  it('of articles the last build knew are not made again, and each made is told to it as it was made', () => {
    const made = new Map<string, SitemapSummary>();
    const remember: SitemapMemory = {
      known: () => undefined,
      made: (start, end, summary) => made.set(`${String(start)}-${String(end)}`, summary),
    };
    const first = sitemapChunks(siteAddresses(articles(45), [], [], undefined, remember), 20);
    // 45 articles, 10 to a sitemap: five sitemaps, the last of five articles.
    expect([...made.keys()]).toEqual(['0-10', '10-20', '20-30', '30-40', '40-45']);
    expect(first.slice(0, 5).map((chunk) => chunk.digest)).toEqual([...made.values()].map((each) => each.digest));

    // The 25 oldest throw when their times are looked at (the 20 newest are home's, and its time
    // is worked out): every sitemap of articles is known, and made without them.
    const watched = articles(45).map((article, index) =>
      index < 20
        ? article
        : Object.defineProperty({ ...article }, 'published', {
            get: () => {
              throw new Error(`${article.slug}'s time was worked out`);
            },
          }),
    );
    const known: SitemapMemory = {
      known: (start, end) => made.get(`${String(start)}-${String(end)}`),
      made: () => undefined,
    };
    const again = sitemapChunks(
      siteAddresses(watched, [], [], () => null, known),
      20,
    );
    expect(again.slice(0, 5).map((chunk) => [chunk.digest, chunk.lastmod])).toEqual(
      first.slice(0, 5).map((chunk) => [chunk.digest, chunk.lastmod]),
    );
  });

  it('hold at most 10,000 addresses each by default, within the 50,000 sitemaps.org allows', () => {
    expect(SITEMAP_SIZE).toBeLessThanOrEqual(SITEMAP_LIMIT);
    expect(SITEMAP_LIMIT).toBe(50_000);
    // 6,000 articles are 12,000 addresses: two sitemaps of articles, before the lists' own.
    const files = sitemaps(siteAddresses(articles(6000), [], []), SITE).sitemaps;
    expect(files.slice(0, 2).map((file) => urlsOf(file.text).length)).toEqual([10_000, 2000]);
    expect(files).toHaveLength(5);
  });

  it('are named by robots.txt, by absolute address', () => {
    expect(robotsTxt('User-agent: *\nAllow: /\n', SITE)).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://warta.example/sitemap.xml\n',
    );
  });
});

describe('the site’s address', () => {
  it('is the origin given, or the local one the serve script uses, said to be local', () => {
    expect(siteOf('https://warta.example/')).toEqual({ origin: 'https://warta.example', local: false });
    expect(siteOf('HTTPS://Warta.Example:8443')).toEqual({ origin: 'https://warta.example:8443', local: false });
    expect(siteOf(undefined)).toEqual({ origin: 'http://localhost:4173', local: true });
    expect(siteOf('')).toEqual({ origin: 'http://localhost:4173', local: true });
  });

  it('refuses what is not an origin: another scheme, a path, credentials', () => {
    expect(() => siteOf('warta.example')).toThrow(/not an address/u);
    expect(() => siteOf('ftp://warta.example')).toThrow(/https/u);
    expect(() => siteOf('https://example.org/warta/')).toThrow(/root/u);
    expect(() => siteOf('https://user:pw@warta.example')).toThrow(/origin only/u);
  });
});
