import type { Article, Span } from '../../src/content/types.js';

/** Every span an article records for text it cut from the input, front matter included. */
export function spansOf(article: Article): Span[] {
  return [
    article.frontMatter,
    article.dateline?.span,
    article.lead.span,
    ...article.paragraphs.map((p) => p.span),
    ...article.readAlso.map((r) => r.span),
    article.sourceLine?.span,
    article.editorCode?.span,
  ].filter((span): span is Span => span !== null && span !== undefined);
}

/**
 * The offsets of non-blank characters that no span covers, or that more than one span covers.
 * Both lists are empty when the parser lost nothing and duplicated nothing.
 */
export function coverageFaults(raw: string, article: Article): { missing: number[]; twice: number[] } {
  const counts = new Array<number>(raw.length).fill(0);
  for (const span of spansOf(article)) {
    for (let i = span.start; i < span.end; i += 1) counts[i] = (counts[i] ?? 0) + 1;
  }
  const missing: number[] = [];
  const twice: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const blank = /\s/u.test(raw[i] ?? '');
    if (!blank && counts[i] === 0) missing.push(i);
    if ((counts[i] ?? 0) > 1) twice.push(i);
  }
  return { missing, twice };
}

/** Each text part's text must be exactly the input between its offsets. */
export function verbatimFaults(raw: string, article: Article): string[] {
  const parts = [
    article.dateline,
    article.lead,
    ...article.paragraphs,
    ...article.readAlso,
    article.sourceLine,
    article.editorCode,
  ];
  return parts
    .filter((part) => part !== null)
    .filter((part) => raw.slice(part.span.start, part.span.end) !== part.text)
    .map((part) => part.text);
}
