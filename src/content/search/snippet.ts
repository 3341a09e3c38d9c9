import { words } from './words.js';

/** A piece of a snippet or title: text, marked when it is a word the query matched. */
export interface Piece {
  readonly text: string;
  readonly mark: boolean;
}

/** How much text a snippet shows around its first match, in characters (about two lines on a phone). */
const BEFORE = 60;
const LENGTH = 200;

/**
 * Splits a text into pieces at the words in `marked` (folded, as the index holds them), from the
 * words' own offsets, so the template marks them with `<mark>` and never builds HTML.
 */
export function markWords(text: string, marked: ReadonlySet<string>): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const word of words(text)) {
    if (!marked.has(word.text)) continue;
    if (word.start > at) pieces.push({ text: text.slice(at, word.start), mark: false });
    pieces.push({ text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}

/**
 * The passage to show under a result: the block with the most different matched words (the
 * first of them on a tie; the first with `enough` of them, without reading on), cut to about
 * 200 characters around its first match, at word boundaries, with "…" where it was cut. Null when no block has a match (a match in the title or
 * in a glossary name only): the caller then shows the lead.
 */
export function snippet(
  blocks: readonly string[],
  marked: ReadonlySet<string>,
  enough = Infinity,
): Piece[] | null {
  let best: { text: string; first: number; count: number } | null = null;
  for (const text of blocks) {
    if (best !== null && best.count >= enough) break;
    const hits = words(text).filter((word) => marked.has(word.text));
    const count = new Set(hits.map((word) => word.text)).size;
    const first = hits[0];
    if (first !== undefined && (best === null || count > best.count)) best = { text, first: first.start, count };
  }
  if (best === null) return null;
  return markWords(cut(best.text, best.first), marked);
}

/** About LENGTH characters of `text` from a little before `from`, cut at spaces, with ellipses. */
export function cut(text: string, from: number): string {
  if (text.length <= LENGTH) return text;
  let start = Math.max(0, from - BEFORE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= from ? start : space + 1;
  }
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > from) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
