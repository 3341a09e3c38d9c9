import type { Article, Span, TextPart } from '../../src/content/types.js';

/** Every text part an article cut from its input, in no particular order. */
export function partsOf(article: Article): TextPart[] {
  return [
    article.aboveDateline,
    article.byline,
    article.dateline,
    article.lead,
    ...article.paragraphs,
    ...article.readAlso,
    article.sourceLine,
    article.editorCode,
    ...article.credits,
    ...article.trailer,
  ].filter((part) => part !== null);
}

/** Every span an article records for text it cut from the input, front matter included. */
export function spansOf(article: Article): Span[] {
  return [article.frontMatter, ...partsOf(article).map((part) => part.span)].filter((span) => span !== null);
}

/**
 * A marked body's line markers, as the content store defines them (README, "The article format"),
 * written out again here rather than imported, so the parser is checked against the definition.
 */
const MARKER = /^(?:## |- |\d+\. |> |! |=> |\\)(?=\s*\S)/u;

/**
 * The offsets of non-blank characters that no span covers, or that more than one span covers.
 * Both lists are empty when the parser lost nothing and duplicated nothing. In a marked file
 * (`marked: true`), the line markers are the only characters no span may cover.
 */
export function coverageFaults(
  raw: string,
  article: Article,
  options: { marked?: boolean } = {},
): { missing: number[]; twice: number[] } {
  const counts = new Array<number>(raw.length).fill(0);
  for (const span of spansOf(article)) {
    for (let i = span.start; i < span.end; i += 1) counts[i] = (counts[i] ?? 0) + 1;
  }
  const markers = options.marked === true ? markerOffsets(raw, article.frontMatter?.end ?? 0) : new Set<number>();
  const missing: number[] = [];
  const twice: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const blank = /\s/u.test(raw[i] ?? '');
    if (!blank && counts[i] === 0 && !markers.has(i)) missing.push(i);
    if ((counts[i] ?? 0) > 1 || (markers.has(i) && (counts[i] ?? 0) > 0)) twice.push(i);
  }
  return { missing, twice };
}

/** The offsets of every marker character of the body after `from`. */
function markerOffsets(raw: string, from: number): Set<number> {
  const offsets = new Set<number>();
  for (const match of raw.slice(from).matchAll(/^[^\S\r\n]*(.*)$/gmu)) {
    const text = match[1] ?? '';
    const marker = MARKER.exec(text)?.[0] ?? '';
    const start = from + match.index + match[0].length - text.length;
    for (let i = 0; i < marker.length; i += 1) offsets.add(start + i);
  }
  return offsets;
}

/** Each text part's text must be exactly the input between its offsets. */
export function verbatimFaults(raw: string, article: Article): string[] {
  return partsOf(article)
    .filter((part) => raw.slice(part.span.start, part.span.end) !== part.text)
    .map((part) => part.text);
}
