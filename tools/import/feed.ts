/**
 * RSS 2.0 and Atom feeds: bytes to items. The bytes are decoded in the encoding the feed declares
 * (byte-order mark, HTTP charset, else the XML declaration); fast-xml-validator checks it is
 * well-formed (naming the line) and refuses entity declarations; feedsmith reads the feed (it
 * expands no entities). No XML is taken apart with regular expressions here.
 */
import { parseFeed, type AnyFeed, type AtomFeed, type RssFeed } from 'feedsmith';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { parseIsoDate, parseRfc822Date, type ZonedTime } from './dates.js';
import { cleanId, type ItemResult, type Markup } from './items.js';

export interface FeedDocument {
  readonly format: 'rss' | 'atom';
  readonly title: string | null;
  readonly language: string | null;
  readonly items: ItemResult[];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** The feed's text in the encoding it declares, or why it cannot be read. */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): Outcome<string> {
  const label = byteOrderMark(bytes) ?? charsetOf(contentType) ?? declaredEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { ok: false, reason: `the feed declares the encoding "${label}", which Warta does not know` };
  }
  try {
    return { ok: true, value: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: `the feed is not valid ${decoder.encoding.toUpperCase()}, the encoding it declares` };
  }
}

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `charset` of a Content-Type: for XML it overrides the document's own declaration (RFC 7303 §3.2). */
function charsetOf(contentType: string | null): string | null {
  if (contentType === null) return null;
  for (const parameter of contentType.split(';').slice(1)) {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim());
    if (name.toLowerCase() === 'charset' && value !== '') return value.replace(/^"|"$/gu, '');
  }
  return null;
}

/** The `encoding` of the XML declaration, read by the XML parser from the declaration alone. */
function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every encoding a feed may use without a byte-order mark.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  if (end === -1) return null;
  try {
    const parser = new XMLParser({ ignoreDeclaration: false, ignoreAttributes: false, attributeNamePrefix: '' });
    const parsed: unknown = parser.parse(`${head.slice(0, end + 2)}<r/>`);
    const declaration = isRecord(parsed) ? parsed['?xml'] : undefined;
    const encoding = isRecord(declaration) ? declaration['encoding'] : undefined;
    return typeof encoding === 'string' && encoding !== '' ? encoding : null;
  } catch {
    return null;
  }
}

/** A decoded feed's items, or why the feed cannot be read at all. */
export function readFeed(text: string, base: string | null): Outcome<FeedDocument> {
  const invalid = syntaxError(text);
  if (invalid !== null) return { ok: false, reason: invalid };
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { ok: false, reason: `not an RSS 2.0 or Atom feed${cause}` };
  }
  if (parsed.format === 'rss') {
    const feed = parsed.feed;
    return {
      ok: true,
      value: {
        format: 'rss',
        title: feed.title ?? null,
        language: feed.language ?? null,
        items: (feed.items ?? []).map((item) => rssItem(item, base)),
      },
    };
  }
  if (parsed.format === 'atom') {
    const feed = parsed.feed;
    return {
      ok: true,
      value: {
        format: 'atom',
        title: feed.title?.value ?? null,
        language: feed.xml?.lang ?? null,
        items: (feed.entries ?? []).map((entry) => atomEntry(entry, feed, base)),
      },
    };
  }
  return { ok: false, reason: `a ${parsed.format.toUpperCase()} feed; Warta reads RSS 2.0 and Atom` };
}

/**
 * Why the text is not well-formed XML, or null. Entity declarations are refused outright: a feed
 * needs none, and expanding them is how a few hundred bytes become gigabytes ("billion laughs").
 */
function syntaxError(text: string): string | null {
  try {
    SyntaxValidator.validate(text, { docType: { maxEntityCount: 0 } });
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = (key: string): number | null => {
      const value: unknown = isRecord(error) ? error[key] : undefined;
      return typeof value === 'number' ? value : null;
    };
    if (isRecord(error) && error['code'] === 'InvalidDocType' && message.startsWith('Entity')) {
      return 'the feed declares XML entities in its DOCTYPE: refused, because expanding them can turn a small feed into gigabytes';
    }
    const line = at('line');
    const column = at('col');
    return line === null
      ? `malformed XML: ${message}`
      : `malformed XML at line ${line}, column ${column ?? 0}: ${message}`;
  }
}

function rssItem(item: RssFeed.Item<string>, base: string | null): ItemResult {
  const id = cleanId(item.guid?.value) ?? cleanId(item.link);
  if (id === null) return { ok: false, id: null, reason: 'no guid and no link to know it by' };
  const title = item.title?.trim() ?? '';
  if (title === '') return { ok: false, id, reason: 'no title' };
  const body = item.content?.encoded ?? item.description ?? '';
  if (body.trim() === '') return { ok: false, id, reason: 'no text (neither content:encoded nor description)' };
  const dcDate = item.dc?.dates?.[0];
  let published: ZonedTime | null;
  if (item.pubDate !== undefined) {
    published = parseRfc822Date(item.pubDate);
    if (published === null) return { ok: false, id, reason: `pubDate "${item.pubDate}" is not an RFC 822 date` };
  } else if (dcDate !== undefined) {
    published = parseIsoDate(dcDate);
    if (published === null) return { ok: false, id, reason: `dc:date "${dcDate}" is not an ISO 8601 date with a zone` };
  } else return { ok: false, id, reason: 'no date (neither pubDate nor dc:date)' };
  return {
    ok: true,
    item: {
      id,
      // RSS says nothing of a title's type; publishers escape HTML in it, so it is read as HTML.
      title: { type: 'html', value: title },
      content: { type: 'html', value: body },
      published,
      modified: null,
      localDate: published.localDate,
      slug: null,
      link: absolute(item.link, base),
      author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? null,
      categories: (item.categories ?? []).map((category) => category.name ?? '').filter((name) => name !== ''),
    },
  };
}

function atomEntry(entry: AtomFeed.Entry<string>, feed: AtomFeed.Feed<string>, base: string | null): ItemResult {
  const id = cleanId(entry.id);
  if (id === null) return { ok: false, id: null, reason: 'no id' };
  const title = entry.title === undefined ? null : atomText(entry.title);
  if (title === null || title.value.trim() === '') return { ok: false, id, reason: 'no title' };
  const content =
    entry.content?.value !== undefined ? atomText({ ...entry.content, value: entry.content.value }) : null;
  const body = content ?? (entry.summary === undefined ? null : atomText(entry.summary));
  if (body === null || body.value.trim() === '')
    return { ok: false, id, reason: 'no text (neither content nor summary)' };
  const publishedText = entry.published ?? entry.updated;
  if (publishedText === undefined) return { ok: false, id, reason: 'no date (neither published nor updated)' };
  const published = parseIsoDate(publishedText);
  if (published === null) return { ok: false, id, reason: `"${publishedText}" is not an RFC 3339 date` };
  const modified = entry.updated === undefined ? null : parseIsoDate(entry.updated);
  if (entry.updated !== undefined && modified === null) {
    return { ok: false, id, reason: `updated "${entry.updated}" is not an RFC 3339 date` };
  }
  const alternate = (entry.links ?? []).find((link) => (link.rel ?? 'alternate') === 'alternate');
  return {
    ok: true,
    item: {
      id,
      title,
      content: body,
      published,
      modified,
      localDate: published.localDate,
      slug: null,
      link: absolute(alternate?.href, base),
      author: entry.authors?.[0]?.name ?? feed.authors?.[0]?.name ?? null,
      categories: (entry.categories ?? [])
        .map((category) => category.label ?? category.term ?? '')
        .filter((name) => name !== ''),
    },
  };
}

/** An Atom text construct: `html` and `xhtml` are markup, `text` (the default) is not. */
function atomText(text: { value: string; type?: string }): Markup {
  const type = text.type?.toLowerCase();
  return { type: type === 'html' || type === 'xhtml' ? 'html' : 'text', value: text.value };
}

function absolute(href: string | undefined, base: string | null): string | null {
  if (href === undefined || href.trim() === '') return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && !Array.isArray(value);
}
