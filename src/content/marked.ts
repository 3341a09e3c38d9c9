import { readFrontMatter } from './front-matter.js';
import { isBlank, splitLines } from './lines.js';
import type { BlockKind } from './types.js';

/**
 * The line markers of `format: marked` (text imported from HTML). A marker and the one space
 * after it start a line and are not part of the text; a line without one is a paragraph, and a
 * leading backslash, always dropped, lets a paragraph begin with what would be a marker.
 *
 *   `## ` sub-heading · `- ` list item · `1. ` ordered item · `> ` quotation · `! ` caption ·
 *   `=> https://… Headline` promotion with its link (`=> Headline` without one)
 */
export type MarkerKind = BlockKind | 'read-also';

const MARKERS: ReadonlyArray<readonly [RegExp, MarkerKind]> = [
  [/^## /u, 'heading'],
  [/^- /u, 'list-item'],
  [/^\d{1,9}\. /u, 'ordered-item'],
  [/^> /u, 'quote'],
  [/^! /u, 'caption'],
  [/^=> /u, 'read-also'],
];

/**
 * What a trimmed line of a marked body is, and how many characters its marker takes. A marker
 * with nothing after it is no marker: the line is a paragraph of those characters.
 */
export function readMarker(text: string): { readonly kind: MarkerKind; readonly length: number } {
  const marker = text.startsWith('\\') ? { kind: 'paragraph' as const, length: 1 } : findMarker(text);
  return isBlank(text.slice(marker.length)) ? { kind: 'paragraph', length: 0 } : marker;
}

function findMarker(text: string): { readonly kind: MarkerKind; readonly length: number } {
  for (const [pattern, kind] of MARKERS) {
    const match = pattern.exec(text);
    if (match !== null) return { kind, length: match[0].length };
  }
  return { kind: 'paragraph', length: 0 };
}

/** "https://minanews.net/x/ Judul": the link of a promotion, when its first word is an https: address. */
export function readAlsoLink(text: string): { readonly url: string; readonly length: number } | null {
  const match = /^https:\/\/\S+/u.exec(text);
  if (match === null) return null;
  try {
    return new URL(match[0]).protocol === 'https:' ? { url: match[0], length: match[0].length } : null;
  } catch {
    return null;
  }
}

/**
 * The words of a stored marked article's body, in order, markers aside (the marker, the space
 * after it, a promotion's link, an escaping backslash); front matter, when present, is skipped.
 * The importer's test compares these with the words of the HTML it was made from: nothing lost,
 * nothing added. Words are what white space (JavaScript's `\s`) separates.
 */
export function markedBodyWords(raw: string): string[] {
  const lines = splitLines(raw);
  const frontMatter = readFrontMatter(lines);
  const body = frontMatter.ok ? frontMatter.bodyLines : lines;
  const words: string[] = [];
  for (const line of body) {
    if (isBlank(line.text)) continue;
    const text = line.text.trim();
    const marker = readMarker(text);
    let rest = text.slice(marker.length).trimStart();
    if (marker.kind === 'read-also') rest = rest.slice(readAlsoLink(rest)?.length ?? 0);
    words.push(...rest.split(/\s+/u).filter((word) => word !== ''));
  }
  return words;
}
