/**
 * Blocks and their metadata to the text of `content/articles/<slug>.txt` (content store version 2,
 * `format: marked`): pure, no I/O. The same input always gives the same bytes, so an unchanged
 * article is recognised by comparing text.
 */
import type { Block } from './html.js';

/** What the front matter says about an imported article, in the order it is written. */
export interface ArticleMeta {
  readonly title: string;
  /** The publisher's local date of publication, YYYY-MM-DD. */
  readonly date: string | null;
  readonly lang: string;
  readonly publisher: string | null;
  readonly publisherUrl: string | null;
  readonly source: string;
  readonly sourceId: string;
  readonly url: string | null;
  readonly published: string;
  readonly modified: string | null;
  readonly author: string | null;
  readonly categories: readonly string[];
  readonly profile: string;
}

/** A line that would read as a marker: `## `, `- `, `1. `, `> `, `! `, `=> `, or a backslash. */
const LOOKS_LIKE_MARKER = /^(?:## |- |\d+\. |> |! |=> |\\)/u;

/** One block as its line: the marker, then the text. */
export function blockLine(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      // A paragraph that happens to begin like a marker keeps its words: a backslash says so.
      return LOOKS_LIKE_MARKER.test(block.text) ? `\\${block.text}` : block.text;
    case 'heading':
      return `## ${block.text}`;
    case 'list-item':
      return `- ${block.text}`;
    case 'ordered-item':
      return `${block.number ?? 1}. ${block.text}`;
    case 'quote':
      return `> ${block.text}`;
    case 'caption':
      return `! ${block.text}`;
    case 'read-also':
      return block.url === null || block.url === undefined ? `=> ${block.text}` : `=> ${block.url} ${block.text}`;
  }
}

/**
 * A front-matter value as the front-matter reader gets it back: it strips one pair of surrounding
 * quotes, so a value that starts or ends with a quote is quoted once more.
 */
export function frontMatterValue(value: string): string {
  return /^["']|["']$/u.test(value) ? `"${value}"` : value;
}

/** The whole file: front matter, then one block per line, ending with a newline. */
export function articleText(meta: ArticleMeta, blocks: readonly Block[]): string {
  const fields: Array<[string, string | null]> = [
    ['title', meta.title],
    ['date', meta.date],
    ['lang', meta.lang],
    ['publisher', meta.publisher],
    ['publisher_url', meta.publisherUrl],
    ['source', meta.source],
    ['source_id', meta.sourceId],
    ['url', meta.url],
    ['published', meta.published],
    ['modified', meta.modified],
    ['author', meta.author],
    ['categories', meta.categories.length === 0 ? null : meta.categories.join('; ')],
    ['profile', meta.profile],
    ['format', 'marked'],
  ];
  const lines = ['---'];
  for (const [key, value] of fields)
    if (value !== null && value !== '') lines.push(`${key}: ${frontMatterValue(value)}`);
  lines.push('---', ...blocks.map(blockLine));
  return `${lines.join('\n')}\n`;
}
