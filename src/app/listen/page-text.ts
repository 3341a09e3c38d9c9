import { MAX_UTTERANCE, splitSentences } from './sentences.js';

/**
 * What read-aloud reads of an article page, as sentences with their place on the page: the
 * headline, the dateline, the sub-headings (`h2`, `h3`) and the report's paragraphs, in page
 * order; not the byline and notices of the header, captions, the footer (source, editors' code),
 * promotions or the glossary section. Glossary terms are read as the words they are. Each text
 * keeps the language of its element (`lang`).
 *
 * The page is never changed: a sentence is a `Range` over the text nodes as they are, which the
 * highlight paints and the view scrolls to.
 */

export interface PageSentence {
  /** Which heading or paragraph, in reading order: what "previous/next paragraph" move by. */
  readonly block: number;
  /** The reading position it stands for: an index among the article's `article > p[lang]`. */
  readonly paragraph: number;
  /** What is spoken: the words, spaces collapsed. */
  readonly text: string;
  /** The BCP 47 language of its element. */
  readonly lang: string;
  /** The words on the page. */
  readonly range: Range;
  /** Its heading or paragraph, for browsers without the CSS Custom Highlight API. */
  readonly element: HTMLElement;
}

/** Containers whose text is not the report; the header's only text read is the headline. */
const NOT_READ = 'footer, figure, figcaption, aside, nav, [role="doc-glossary"], .read-also, [aria-hidden="true"]';

/** The blocks read aloud, in page order. */
function blocksOf(article: HTMLElement): HTMLElement[] {
  return [...article.querySelectorAll<HTMLElement>('h1, h2, h3, p[lang]')].filter((element) => {
    if (element.closest(NOT_READ) !== null) return false;
    return element.localName === 'h1' || element.closest('header') === null;
  });
}

/** A run of a block's text: its text nodes, and where the dateline (read on its own) ends. */
interface BlockText {
  readonly text: string;
  readonly nodes: readonly { readonly node: Text; readonly start: number }[];
  readonly breaks: readonly number[];
}

function textOf(block: HTMLElement): BlockText {
  const nodes: { node: Text; start: number }[] = [];
  const breaks: number[] = [];
  let text = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const data = (node as Text).data;
    nodes.push({ node: node as Text, start: text.length });
    text += data;
  }
  for (const dateline of block.querySelectorAll('.dateline')) {
    const inside = nodes.filter((entry) => dateline.contains(entry.node));
    const last = inside.at(-1);
    if (last !== undefined) breaks.push(last.start + last.node.data.length);
  }
  return { text, nodes, breaks };
}

/** The text node and offset at a position of the block's text. */
function pointAt(block: BlockText, offset: number): [Text, number] | null {
  for (let i = block.nodes.length - 1; i >= 0; i -= 1) {
    const entry = block.nodes[i];
    if (entry !== undefined && entry.start <= offset) return [entry.node, offset - entry.start];
  }
  return null;
}

function rangeOf(block: BlockText, start: number, end: number): Range | null {
  const from = pointAt(block, start);
  // The end belongs to the node it ends in, not the next one that starts there.
  const to = pointAt(block, end - 1);
  if (from === null || to === null) return null;
  const range = document.createRange();
  range.setStart(...from);
  range.setEnd(to[0], to[1] + 1);
  return range;
}

/** The reading position of a block: its own index among `article > p[lang]`, or the next one's. */
function paragraphOf(element: HTMLElement, paragraphs: readonly HTMLElement[]): number {
  const own = paragraphs.indexOf(element);
  if (own !== -1) return own;
  const next = paragraphs.findIndex(
    (paragraph) => (element.compareDocumentPosition(paragraph) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
  if (element.localName === 'h1') return 0;
  return next === -1 ? Math.max(0, paragraphs.length - 1) : next;
}

/** The article's sentences in reading order. */
export function pageSentences(article: HTMLElement): PageSentence[] {
  const paragraphs = [...article.querySelectorAll<HTMLElement>(':scope > p[lang]')];
  const sentences: PageSentence[] = [];
  blocksOf(article).forEach((element, block) => {
    const content = textOf(element);
    const lang = element.closest<HTMLElement>('[lang]')?.lang ?? document.documentElement.lang;
    const paragraph = paragraphOf(element, paragraphs);
    const edges = [0, ...content.breaks, content.text.length];
    for (let part = 0; part + 1 < edges.length; part += 1) {
      const from = edges[part] ?? 0;
      const piece = content.text.slice(from, edges[part + 1]);
      const isDateline = part < content.breaks.length;
      for (const span of splitSentences(piece, MAX_UTTERANCE)) {
        const range = rangeOf(content, from + span.start, from + span.end);
        let text = piece.slice(span.start, span.end).replace(/\s+/gu, ' ');
        // "Jenewa, MINA –": the dash is the dateline's punctuation, not a word to say.
        if (isDateline) text = text.replace(/\s*[–—-]$/u, '');
        if (range !== null && text !== '') sentences.push({ block, paragraph, text, lang, range, element });
      }
    }
  });
  return sentences;
}
