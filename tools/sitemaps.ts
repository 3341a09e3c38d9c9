/**
 * The sitemaps (sitemaps.org): `/sitemap.xml`, an index of `/sitemap-<n>.xml`, each of at most
 * 10,000 addresses (`SITEMAP_SIZE`; sitemaps.org allows 50,000). Every page a search engine should know is there in both UI languages, each
 * naming the other as its alternate (hreflang), with `<lastmod>` from the content, never the
 * clock. Articles come first, oldest first, so a full sitemap of articles does not change when
 * articles are added; then each list's pages in sitemaps of their own (home and the archive, the
 * glossary's index, each term's, the categories' index, each category's), so a new article changes
 * the sitemaps of the lists it joins, not every sitemap after the articles (100,000 articles have
 * 57,000 list pages: every one of them moved by the new article's two addresses).
 */
import { createHash } from 'node:crypto';
import { changeTime } from '../src/content/change-log.js';
import type { PublishedArticle } from '../src/content/types.js';
import {
  archivePath,
  articleUrl,
  ARTICLES_PER_PAGE,
  ARTICLES_PER_TERM,
  categoriesPath,
  categoryPath,
  glossaryPath,
  glossaryTermPath,
  homePath,
  pathInLocale,
  SITEMAP_INDEX_URL,
  sitemapUrl,
} from '../src/routes.js';
import { ARCHIVE_LIST, categoryList, termList } from './page-state.js';
import { escapeXml } from './xml.js';

/** The most addresses one sitemap may hold (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/**
 * The addresses the build puts in one sitemap: a fifth of the limit, so that a new article, which
 * changes the last sitemap of the articles and of each list it joins, has 10,000 addresses' XML
 * made again at most for each, not 50,000 (a tenth of a second of a build that adds one article
 * to 100,000).
 */
export const SITEMAP_SIZE = 10_000;

/** A page, by its Indonesian address (the English one is the same under /en), and when it last changed. */
export interface Address {
  readonly path: string;
  readonly lastmod: string | null;
}

/**
 * Addresses in a sitemap's order, each made when asked for: the articles' are 100,000 at an
 * archive's size, and a build that adds one makes few of them (`known`).
 */
export interface AddressGroup {
  readonly length: number;
  address(index: number): Address;
  /**
   * The digest and newest `lastmod` of the sitemap of addresses [start, end), when they are known
   * without making the addresses; each sitemap made is told to `made`.
   */
  readonly memory?: SitemapMemory;
}

/** A sitemap's digest and newest `lastmod` (`SitemapChunk`). */
export interface SitemapSummary {
  readonly digest: string;
  readonly lastmod: string | null;
}

/**
 * What the last build knew of the sitemaps of the articles (tools/page-state.ts keeps it): a
 * sitemap of articles that are all the last build's, unchanged, in the same places, is the one
 * it made.
 */
export interface SitemapMemory {
  known(start: number, end: number): SitemapSummary | undefined;
  made(start: number, end: number, summary: SitemapSummary): void;
}

/** A group of addresses made already. */
const groupOf = (addresses: readonly Address[]): AddressGroup => ({
  length: addresses.length,
  address: (index) => addresses[index] ?? { path: '/', lastmod: null },
});

/** What the sitemaps need of an article. */
export type MappedArticle = Pick<PublishedArticle, 'slug' | 'modified' | 'published' | 'date'>;

/** An article in a list: one of the articles (its time is worked out once). */
type Listed = MappedArticle;

/** A glossary term's articles (newest first), as the glossary page lists them. */
export interface TermArticles {
  readonly id: string;
  readonly articles: readonly Listed[];
}

/** The last time an article changed: modified, else published, else its date; null when undated. */
export function lastChanged(article: MappedArticle): string | null {
  const time = article.modified ?? article.published;
  if (time !== null) return changeTime(time);
  return article.date === null ? null : changeTime(`${article.date}T00:00:00Z`);
}

/**
 * Every page worth finding, in the order the sitemaps list them, in groups that start a sitemap
 * of their own: the articles from the oldest (`articles` is newest first, as the build loads
 * them), then home and the archive, the glossary, each term's pages, the categories, each one's
 * pages. A list's `lastmod` is its newest change among the articles it shows. Not listed:
 * Tersimpan, the offline shell, the 404 page.
 */
export function siteAddresses(
  articles: readonly MappedArticle[],
  terms: readonly TermArticles[],
  categories: readonly { readonly id: string; readonly articles: readonly Listed[] }[],
  /**
   * A list page's `lastmod` (list ids as tools/page-state.ts names them, pages numbered from the
   * oldest), when the caller knows it without looking through its articles (the pages' record
   * does, for a page whose articles are the last build's); `compute` looks.
   */
  pageTime: (list: string, page: number, compute: () => string | null) => string | null = (_list, _page, compute) =>
    compute(),
  /** What the last build knew of the articles' sitemaps (tools/page-state.ts). */
  memory?: SitemapMemory,
): AddressGroup[] {
  // Each article's time, worked out when first asked for: a build that adds one article to
  // 100,000 asks for few (those of the sitemaps and list pages it makes).
  const times = new Map<MappedArticle, string | null>();
  const changed = (article: MappedArticle): string | null => {
    let time = times.get(article);
    if (time === undefined) {
      time = lastChanged(article);
      times.set(article, time);
    }
    return time;
  };
  // The newest time among listed[start, end): by index rather than by slices of the lists.
  const latest = (listed: readonly Listed[], start = 0, end = listed.length): string | null => {
    let max: string | null = null;
    for (let index = start; index < end; index += 1) {
      const member = listed[index];
      const time = member === undefined ? null : changed(member);
      if (time !== null && (max === null || time > max)) max = time;
    }
    return max;
  };
  const list = (id: string, listed: readonly Listed[], newest: string, page: (n: number) => string): Address[] => {
    // The pages `paged` makes (tools/prerender.ts): the newest few, then the archive from the oldest.
    const addresses: Address[] = [
      { path: newest, lastmod: latest(listed, 0, Math.min(listed.length, ARTICLES_PER_PAGE)) },
    ];
    if (listed.length <= ARTICLES_PER_PAGE) return addresses;
    const pages = Math.ceil(listed.length / ARTICLES_PER_PAGE);
    for (let number = 1; number <= pages; number += 1) {
      const end = listed.length - (number - 1) * ARTICLES_PER_PAGE;
      const lastmod = pageTime(id, number, () => latest(listed, Math.max(0, end - ARTICLES_PER_PAGE), end));
      addresses.push({ path: page(number), lastmod });
    }
    return addresses;
  };
  const oldest = articles.length - 1;
  const groups: AddressGroup[] = [
    {
      length: articles.length,
      address: (index) => {
        const article = articles[oldest - index];
        return article === undefined
          ? { path: '/', lastmod: null }
          : { path: articleUrl(article.slug, 'id'), lastmod: changed(article) };
      },
      ...(memory === undefined ? {} : { memory }),
    },
    groupOf(list(ARCHIVE_LIST, articles, homePath('id'), (page) => archivePath('id', page))),
  ];
  // A list's pages cover all of it: its newest time is theirs (a million lookups fewer at 100,000
  // articles than looking through each list again).
  const newest = (times: readonly (string | null)[]): string | null =>
    times.reduce<string | null>((max, time) => (time !== null && (max === null || time > max) ? time : max), null);
  const termPages = terms.map((term) =>
    term.articles.length > ARTICLES_PER_TERM
      ? list(termList(term.id), term.articles, glossaryTermPath('id', term.id), (page) =>
          glossaryTermPath('id', term.id, page),
        )
      : null,
  );
  groups.push(
    groupOf([
      {
        path: glossaryPath('id'),
        lastmod: newest(
          terms.map((term, index) =>
            newest(termPages[index]?.map((address) => address.lastmod) ?? [latest(term.articles)]),
          ),
        ),
      },
    ]),
  );
  for (const pages of termPages) if (pages !== null) groups.push(groupOf(pages));
  const categoryPages = categories.map((category) =>
    list(categoryList(category.id), category.articles, categoryPath('id', category.id), (page) =>
      categoryPath('id', category.id, page),
    ),
  );
  groups.push(
    groupOf([
      {
        path: categoriesPath('id'),
        lastmod: newest(categoryPages.flatMap((pages) => pages.map((address) => address.lastmod))),
      },
    ]),
  );
  groups.push(...categoryPages.map(groupOf));
  return groups;
}

export interface SitemapFiles {
  /** `sitemap.xml`, the index. */
  readonly index: { readonly path: string; readonly text: string };
  /** `sitemap-<n>.xml`, from the oldest. */
  readonly sitemaps: readonly { readonly path: string; readonly text: string }[];
}

/** One sitemap's addresses (each in both UI languages), before it is written. */
export interface SitemapChunk {
  readonly path: string;
  /** The newest `lastmod` among its addresses. */
  readonly lastmod: string | null;
  /** A hash of its addresses and their times: the same when the sitemap is (its text is made only when it is not). */
  readonly digest: string;
  /** Its URLs: `[start, end)` of its group's, two an address (its Indonesian, then its English). */
  readonly start: number;
  readonly end: number;
  /** Address `index` of its group. */
  readonly address: (index: number) => Address;
}

const SITEMAP_LOCALES = ['id', 'en'] as const;

/**
 * Each group of addresses cut into sitemaps of `limit` each (both languages of a page count two),
 * numbered on from one group to the next. Each sitemap's addresses are made into URLs only when
 * asked for: at 100,000 articles a build has 300,000 of them, and most sitemaps are kept as they are.
 */
export function sitemapChunks(groups: readonly AddressGroup[], limit = SITEMAP_SIZE): SitemapChunk[] {
  const chunks: SitemapChunk[] = [];
  for (const group of groups) chunks.push(...groupChunks(group, limit, chunks.length));
  return chunks;
}

/** One group's sitemaps, numbered after the `before` sitemaps of the groups before it. */
function groupChunks(group: AddressGroup, limit: number, before: number): SitemapChunk[] {
  const total = group.length * SITEMAP_LOCALES.length;
  const chunks: SitemapChunk[] = [];
  for (let start = 0; start < total; start += limit) {
    const end = Math.min(total, start + limit);
    // A sitemap of whole pages (both languages) can be known by the pages it holds.
    const pages = start % 2 === 0 && end % 2 === 0 ? ([start / 2, end / 2] as const) : null;
    let summary = pages === null ? undefined : group.memory?.known(...pages);
    if (summary === undefined) {
      // Hashed as one string: one call into the hash rather than one an address (300,000 a build).
      const lines: string[] = [];
      let lastmod: string | null = null;
      for (let index = start; index < end; index += 1) {
        const address = group.address(Math.floor(index / 2));
        lines.push(`${String(index % 2)} ${address.path} ${address.lastmod ?? ''}\n`);
        if (address.lastmod !== null && (lastmod === null || address.lastmod > lastmod)) lastmod = address.lastmod;
      }
      summary = { digest: createHash('sha256').update(lines.join('')).digest('base64url'), lastmod };
    }
    if (pages !== null) group.memory?.made(...pages, summary);
    chunks.push({
      path: sitemapUrl(before + chunks.length + 1).slice(1),
      ...summary,
      start,
      end,
      address: (index) => group.address(index),
    });
  }
  return chunks;
}

/**
 * One sitemap's XML. An address's two URLs name the same alternates: they are made once an
 * address (a new article makes 30,000 URLs of the sitemaps it changes).
 */
export function sitemapText(chunk: SitemapChunk, site: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  // Escaped a character at a time, so the origin's escaping and a path's make the address's.
  const origin = escapeXml(site);
  let made = -1;
  let locs = ['', ''];
  let rest = '';
  for (let index = chunk.start; index < chunk.end; index += 1) {
    const at = Math.floor(index / 2);
    if (at !== made) {
      const address = chunk.address(at);
      locs = SITEMAP_LOCALES.map((locale) => origin + escapeXml(pathInLocale(address.path, locale)));
      const alternates = SITEMAP_LOCALES.map(
        (locale, which) => `<xhtml:link rel="alternate" hreflang="${locale}" href="${locs[which] ?? ''}"/>`,
      ).join('');
      rest = `${address.lastmod === null ? '' : `<lastmod>${address.lastmod}</lastmod>`}${alternates}</url>`;
      made = at;
    }
    lines.push(`<url><loc>${locs[index % 2] ?? ''}</loc>${rest}`);
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** The sitemap index's XML: each sitemap's address and newest `lastmod`. */
export function sitemapIndexText(chunks: readonly SitemapChunk[], site: string): { path: string; text: string } {
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...chunks.map(
      (chunk) =>
        `<sitemap><loc>${escapeXml(`${site}/${chunk.path}`)}</loc>${
          chunk.lastmod === null ? '' : `<lastmod>${chunk.lastmod}</lastmod>`
        }</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
  return { path: SITEMAP_INDEX_URL.slice(1), text };
}

/** The sitemap index and its sitemaps, `limit` addresses each (both languages of a page count two). */
export function sitemaps(groups: readonly AddressGroup[], site: string, limit = SITEMAP_SIZE): SitemapFiles {
  const chunks = sitemapChunks(groups, limit);
  return {
    index: sitemapIndexText(chunks, site),
    sitemaps: chunks.map((chunk) => ({ path: chunk.path, text: sitemapText(chunk, site) })),
  };
}

/** robots.txt as public/ has it, naming the sitemap index (an absolute address, as robots.txt requires). */
export function robotsTxt(text: string, site: string): string {
  return `${text.trimEnd()}\n\nSitemap: ${site}${SITEMAP_INDEX_URL}\n`;
}
