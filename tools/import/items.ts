/**
 * One item of a source, whatever the source: what a WordPress post, an RSS item or an Atom entry
 * says, read but not yet converted. Readers return it or the reason the item is refused.
 */
import type { ZonedTime } from './dates.js';

/** Text as the source marks it up: HTML (most fields) or plain text (Atom `type="text"`). */
export interface Markup {
  readonly type: 'html' | 'text';
  readonly value: string;
}

export interface SourceItem {
  /** The source's own id, verbatim: WordPress post id, RSS guid, Atom id. */
  readonly id: string;
  readonly title: Markup;
  readonly content: Markup;
  readonly published: ZonedTime;
  readonly modified: ZonedTime | null;
  /** The publisher's local date of publication, when the source says it. */
  readonly localDate: string;
  /** The publisher's slug, raw (percent-encoded for other scripts), else null. */
  readonly slug: string | null;
  readonly link: string | null;
  readonly author: string | null;
  readonly categories: readonly string[];
}

/** An item read, or refused with the id it had (if any) and why. */
export type ItemResult =
  | { readonly ok: true; readonly item: SourceItem }
  | { readonly ok: false; readonly id: string | null; readonly reason: string };

/** Escapes plain text so it can go through the one HTML path: each line a paragraph. */
export function textAsHtml(text: string): string {
  const escape = (line: string): string => line.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  return text
    .split(/\r\n|\r|\n/u)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

export function markupAsHtml(markup: Markup): string {
  return markup.type === 'html' ? markup.value : textAsHtml(markup.value);
}

/** An id as a front-matter value can hold it: one line, no surrounding space. */
export function cleanId(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
  if (typeof raw !== 'string') return null;
  const id = raw.trim();
  return id === '' || /[\r\n]/u.test(id) ? null : id;
}
