/**
 * The WordPress REST API's posts (`/wp-json/wp/v2/posts`): one page of JSON to items, and the
 * addresses of the pages to ask for. Field names are the API's: `id`, `title.rendered`,
 * `content.rendered`, `date_gmt`, `modified_gmt` (UTC without a zone), `slug`, `link`, and with
 * `_embed` the author and the terms.
 */
import { parseWordPressGmt, wordPressLocalDate } from './dates.js';
import { htmlToLine } from './html.js';
import { cleanId, type ItemResult } from './items.js';

export type PageResult =
  { readonly ok: true; readonly items: ItemResult[] } | { readonly ok: false; readonly reason: string };

/** A page of posts, or why it is not one. */
export function readPostsPage(text: string): PageResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(data)) {
    // WordPress answers errors as { code, message, data: { status } }.
    if (isRecord(data) && typeof data['message'] === 'string') {
      return { ok: false, reason: `WordPress says: ${data['message']}` };
    }
    return { ok: false, reason: 'expected a list of posts (a JSON array)' };
  }
  return { ok: true, items: data.map(readPost) };
}

function readPost(post: unknown): ItemResult {
  if (!isRecord(post)) return { ok: false, id: null, reason: 'not a post (not a JSON object)' };
  const id = cleanId(post['id']);
  if (id === null) return { ok: false, id: null, reason: 'no id' };
  const title = rendered(post['title']);
  if (title === null || title.trim() === '') return { ok: false, id, reason: 'no title' };
  const content = post['content'];
  if (isRecord(content) && content['protected'] === true) {
    return { ok: false, id, reason: 'the post is password-protected' };
  }
  const html = rendered(content);
  if (html === null || html.trim() === '') return { ok: false, id, reason: 'no text (content.rendered is empty)' };
  const dateGmt = post['date_gmt'];
  if (typeof dateGmt !== 'string' || dateGmt === '') return { ok: false, id, reason: 'no date (date_gmt)' };
  const published = parseWordPressGmt(dateGmt);
  if (published === null) return { ok: false, id, reason: `date_gmt "${dateGmt}" is not a date` };
  const modifiedGmt = post['modified_gmt'];
  const modified = typeof modifiedGmt === 'string' ? parseWordPressGmt(modifiedGmt) : null;
  if (typeof modifiedGmt === 'string' && modified === null) {
    return { ok: false, id, reason: `modified_gmt "${modifiedGmt}" is not a date` };
  }
  const localDate = typeof post['date'] === 'string' ? wordPressLocalDate(post['date']) : null;
  return {
    ok: true,
    item: {
      id,
      title: { type: 'html', value: title },
      content: { type: 'html', value: html },
      published,
      modified,
      localDate: localDate ?? published.localDate,
      slug: typeof post['slug'] === 'string' && post['slug'] !== '' ? post['slug'] : null,
      link: typeof post['link'] === 'string' ? post['link'] : null,
      ...embedded(post['_embedded']),
    },
  };
}

/** The author's name and the category names, from `_embed` (absent without it). */
function embedded(value: unknown): { author: string | null; categories: string[] } {
  if (!isRecord(value)) return { author: null, categories: [] };
  const authors = value['author'];
  const first: unknown = Array.isArray(authors) ? authors[0] : undefined;
  // An author WordPress will not show is embedded as an error object, without a name.
  const name = isRecord(first) && typeof first['name'] === 'string' ? plain(first['name']) : null;
  const categories: string[] = [];
  const terms = value['wp:term'];
  for (const group of Array.isArray(terms) ? terms : []) {
    for (const term of Array.isArray(group) ? group : []) {
      if (isRecord(term) && term['taxonomy'] === 'category' && typeof term['name'] === 'string') {
        const category = plain(term['name']);
        if (category !== null) categories.push(category);
      }
    }
  }
  return { author: name, categories };
}

/** WordPress escapes names as HTML (`Asia &amp; Pasifik`): read them as text. */
function plain(html: string): string | null {
  const line = htmlToLine(html);
  return line.ok && line.text !== '' ? line.text : null;
}

function rendered(value: unknown): string | null {
  return isRecord(value) && typeof value['rendered'] === 'string' ? value['rendered'] : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether an address is a WordPress posts collection. Anything else given as an address is taken
 * for a feed.
 */
export function isWordPressPosts(address: string): boolean {
  try {
    return new URL(address).pathname.replace(/\/+$/u, '').endsWith('/wp-json/wp/v2/posts');
  } catch {
    return false;
  }
}

/** How far back from the cursor each run asks again (see `firstPage`). */
export const CURSOR_OVERLAP_MS = 60 * 60 * 1000;

/**
 * The first page to ask for: oldest change first, changes after the cursor only. WordPress compares
 * `modified_after` strictly and by the second, and in the site's local time (`post_modified`), so
 * posts changed in the same second as the last one written, or in an hour repeated by a
 * daylight-saving change, could be skipped: each run asks again from an hour before the cursor.
 * Posts asked for again are unchanged and write nothing.
 */
export function firstPage(address: string, cursor: string | null, perPage: number): string {
  const url = new URL(address);
  const params = url.searchParams;
  if (!params.has('per_page')) params.set('per_page', String(perPage));
  if (!params.has('_embed')) params.set('_embed', '1');
  params.set('orderby', 'modified');
  params.set('order', 'asc');
  params.delete('page');
  const after = cursor === null ? NaN : Date.parse(cursor);
  if (Number.isNaN(after)) params.delete('modified_after');
  else params.set('modified_after', new Date(after - CURSOR_OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/u, 'Z'));
  return url.href;
}

/**
 * The next page: the `Link: <…>; rel="next"` WordPress sends, else `page + 1` while it is within
 * `X-WP-TotalPages`; null after the last. A next link to another origin is not followed.
 */
export function nextPage(current: string, headers: Headers): string | null {
  const next = linkRel(headers.get('link'), 'next');
  if (next !== null) {
    try {
      const url = new URL(next, current);
      if (url.origin === new URL(current).origin) return url.href;
    } catch {
      // An unreadable Link falls back to the page count.
    }
  }
  const total = Number(headers.get('x-wp-totalpages'));
  const url = new URL(current);
  const page = Number(url.searchParams.get('page') ?? '1');
  if (!Number.isInteger(total) || !Number.isInteger(page) || page >= total) return null;
  url.searchParams.set('page', String(page + 1));
  return url.href;
}

/** The total of pages WordPress announces, when it does. */
export function totalPages(headers: Headers): number | null {
  const total = Number(headers.get('x-wp-totalpages') ?? NaN);
  return Number.isInteger(total) && total >= 0 ? total : null;
}

/** The target of the link with `rel` in an RFC 8288 Link header, else null. */
export function linkRel(header: string | null, rel: string): string | null {
  if (header === null) return null;
  // Links are separated by commas outside the <…> of each target.
  let depth = 0;
  let start = 0;
  const links: string[] = [];
  for (let i = 0; i < header.length; i += 1) {
    const char = header.charAt(i);
    if (char === '<') depth += 1;
    else if (char === '>') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      links.push(header.slice(start, i));
      start = i + 1;
    }
  }
  links.push(header.slice(start));
  for (const link of links) {
    const open = link.indexOf('<');
    const close = link.indexOf('>', open);
    if (open === -1 || close === -1) continue;
    const params = link.slice(close + 1).split(';');
    for (const param of params) {
      const [name = '', value = ''] = param.split('=').map((part) => part.trim());
      if (name.toLowerCase() !== 'rel') continue;
      const rels = value.replace(/^"|"$/gu, '').toLowerCase().split(/\s+/u);
      if (rels.includes(rel)) return link.slice(open + 1, close);
    }
  }
  return null;
}

/** The address listing only ids, for reconciliation: every published post, a hundred at a time. */
export function idsPage(address: string): string {
  const url = new URL(address);
  for (const key of ['modified_after', 'orderby', 'order', 'page', '_embed']) url.searchParams.delete(key);
  url.searchParams.set('per_page', '100');
  url.searchParams.set('_fields', 'id');
  return url.href;
}
