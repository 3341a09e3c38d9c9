/**
 * Warta's own feeds of the 50 newest articles: RSS 2.0 (`/feed.xml`) and JSON Feed 1.1
 * (`/feed.json`), one of each per UI language (`/en/feed.xml`…): a subscriber follows the site in
 * the language they read it in, so the feed's title and description are in that language and its
 * links open the pages in it. The articles' text is the publisher's, in its own language (JSON
 * Feed names it per item; RSS can only name the channel's, given when every item shares it).
 * Full text, as readers who keep articles offline want, with every character escaped: nothing in
 * an article can end an element or run in a reader. Dates come from the content only.
 */
import { changeTime } from '../src/content/change-log.js';
import { msg } from '../src/i18n/msg.js';
import { uiLocale } from '../src/i18n/locale.js';
import type { PublishedArticle } from '../src/content/types.js';
import { articleUrl, feedPath, homePath } from '../src/routes.js';
import { lastChanged } from './sitemaps.js';
import { escapeXml } from './xml.js';

/** How many articles a feed carries: the newest. */
export const FEED_ITEMS = 50;

const TITLE = 'Warta';

export interface FeedFiles {
  readonly rss: { readonly path: string; readonly text: string };
  readonly json: { readonly path: string; readonly text: string };
}

/** Both feeds in the current UI language, of `articles` (newest first; the first 50 are used). */
export function feeds(articles: readonly PublishedArticle[], site: string): FeedFiles {
  const locale = uiLocale();
  const items = articles.slice(0, FEED_ITEMS).map((article) => ({
    article,
    url: `${site}${articleUrl(article.slug, locale)}`,
    published: publishedTime(article),
    modified: lastChanged(article),
    html: articleHtml(article),
  }));
  const description = msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.');
  const home = `${site}${homePath(locale)}`;
  const updated = items.reduce<string | null>(
    (max, item) => (item.modified !== null && (max === null || item.modified > max) ? item.modified : max),
    null,
  );
  const languages = new Set(items.map((item) => primaryLanguage(item.article.lang)));
  const language = languages.size === 1 ? [...languages][0] : undefined;

  const rss = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${TITLE}</title>`,
    `<link>${escapeXml(home)}</link>`,
    `<description>${escapeXml(description)}</description>`,
    language === undefined ? '' : `<language>${escapeXml(language)}</language>`,
    updated === null ? '' : `<lastBuildDate>${rfc822(updated)}</lastBuildDate>`,
    `<atom:link href="${escapeXml(`${site}${feedPath(locale, 'rss')}`)}" rel="self" type="application/rss+xml"/>`,
    ...items.map(({ article, url, published, html }) =>
      [
        '<item>',
        `<title>${escapeXml(article.title.text)}</title>`,
        `<link>${escapeXml(url)}</link>`,
        `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
        published === null ? '' : `<pubDate>${rfc822(published)}</pubDate>`,
        article.author === null ? '' : `<dc:creator>${escapeXml(article.author)}</dc:creator>`,
        ...article.categories.map((name) => `<category>${escapeXml(name)}</category>`),
        `<description>${escapeXml(article.lead.text)}</description>`,
        `<content:encoded>${escapeXml(html)}</content:encoded>`,
        '</item>',
      ]
        .filter((line) => line !== '')
        .join('\n'),
    ),
    '</channel>',
    '</rss>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');

  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: TITLE,
    home_page_url: home,
    feed_url: `${site}${feedPath(locale, 'json')}`,
    description,
    ...(language === undefined ? {} : { language }),
    items: items.map(({ article, url, published, modified, html }) => ({
      id: url,
      url,
      title: article.title.text,
      summary: article.lead.text,
      content_html: html,
      ...(published === null ? {} : { date_published: published }),
      ...(modified === null ? {} : { date_modified: modified }),
      ...(article.author === null ? {} : { authors: [{ name: article.author }] }),
      ...(article.categories.length === 0 ? {} : { tags: article.categories }),
      language: article.lang,
      ...(article.url === null ? {} : { external_url: article.url }),
    })),
  };
  return {
    rss: { path: feedPath(locale, 'rss').slice(1), text: rss },
    json: { path: feedPath(locale, 'json').slice(1), text: `${JSON.stringify(json, null, 1)}\n` },
  };
}

/** When it was published (else its date at 00:00 UTC), RFC 3339 in UTC; null when undated. */
function publishedTime(article: PublishedArticle): string | null {
  if (article.published !== null) return changeTime(article.published);
  return article.date === null ? null : changeTime(`${article.date}T00:00:00Z`);
}

/** RFC 822 as RSS wants it ("Sat, 31 Oct 2020 09:30:00 GMT"). */
function rfc822(time: string): string {
  return new Date(time).toUTCString();
}

function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

/**
 * The article's text as HTML for feed readers: the dateline and lead, then each block as what it
 * is (paragraph, sub-heading, list, quotation, caption), and the publisher's address. Built from
 * escaped text only; the promotions and the sign-off stay on the page.
 */
export function articleHtml(article: PublishedArticle): string {
  const lead = `${article.dateline === null ? '' : `<strong>${escapeHtml(article.dateline.text)}</strong> `}${escapeHtml(article.lead.text)}`;
  const parts = [`<p>${lead}</p>`];
  const blocks = article.paragraphs;
  for (let index = 0; index < blocks.length;) {
    const block = blocks[index];
    if (block === undefined) break;
    if (block.kind === 'list-item' || block.kind === 'ordered-item' || block.kind === 'quote') {
      const items: PublishedArticle['paragraphs'][number][] = [];
      for (let next = blocks[index]; next?.kind === block.kind; next = blocks[index + items.length]) items.push(next);
      const inner = items.map((item) => escapeHtml(item.text));
      parts.push(
        block.kind === 'quote'
          ? `<blockquote>${inner.map((text) => `<p>${text}</p>`).join('')}</blockquote>`
          : `<${block.kind === 'list-item' ? 'ul' : 'ol'}>${inner.map((text) => `<li>${text}</li>`).join('')}</${
              block.kind === 'list-item' ? 'ul' : 'ol'
            }>`,
      );
      index += items.length;
      continue;
    }
    const text = escapeHtml(block.text);
    parts.push(
      block.kind === 'heading'
        ? `<h2>${text}</h2>`
        : block.kind === 'caption'
          ? `<p><em>${text}</em></p>`
          : `<p>${text}</p>`,
    );
    index += 1;
  }
  if (article.url !== null) {
    parts.push(`<p><a href="${escapeHtml(article.url)}">${escapeHtml(msg('Naskah asli di situs penerbit'))}</a></p>`);
  }
  return parts.join('\n');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
