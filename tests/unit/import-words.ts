/**
 * The two sides of the importer's invariant, computed independently of the converter: the words of
 * the allowed HTML (text nodes in order, nothing of the dropped elements, image alt text where no
 * figcaption says it, a read-also paragraph's label set aside) and the words of a stored body
 * (markers set aside). Words are split at white space; white space itself is not compared.
 */
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { BOUNDARIES, DROPPED } from '../../tools/import/html.js';

type Node = DefaultTreeAdapterTypes.Node;

/** Elements whose start and end separate words, whatever Warta makes of them. */
const BREAKS = new Set([
  ...BOUNDARIES,
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'li',
]);

const LABEL = /^\s*(?:baca\s*juga|also\s*read)\s*:/iu;
/** Without controls other than white space, and without bidirectional controls: the converter removes them. */
function visible(text: string): string {
  let kept = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const control = code <= 0x08 || (code >= 0x0e && code <= 0x1f) || (code >= 0x7f && code <= 0x9f);
    const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    if (!control && !bidi) kept += text.charAt(i);
  }
  return kept;
}

const words = (text: string): string[] =>
  visible(text)
    .split(/\s+/u)
    .filter((word) => word !== '');

export function htmlWords(html: string): string[] {
  // Each run of text between two breaks, and whether a read-also label may start it there.
  const runs: Array<{ text: string; labelled: boolean }> = [];
  let current = '';
  let labelled = true;
  const cut = (): void => {
    runs.push({ text: current, labelled });
    current = '';
  };
  // A label counts in paragraphs and headings, not in list items, quotations or captions: the
  // innermost of these elements decides.
  const visit = (node: Node, labels: boolean, captioned: boolean): void => {
    if (node.nodeName === '#text' && 'value' in node) {
      if (current.trim() === '') labelled = labels;
      current += node.value;
      return;
    }
    if (!('tagName' in node) || DROPPED.has(node.tagName)) return;
    const tag = node.tagName;
    const breaks = BREAKS.has(tag);
    if (breaks) cut();
    if (tag === 'img') {
      const alt = node.attrs.find((attr) => attr.name === 'alt')?.value ?? '';
      // An image whose alt text is a caption is a line of its own; any other image is a gap in
      // the line it stands in, as a space is (a read-also label may run across it).
      if (captioned || words(alt).length === 0) current += ' ';
      else {
        cut();
        runs.push({ text: alt, labelled: false });
      }
      return;
    }
    const nextLabels = ['li', 'blockquote', 'figcaption'].includes(tag)
      ? false
      : ['h2', 'h3', 'h4'].includes(tag)
        ? true
        : labels;
    // Each figure has its own caption: a figure inside one (a gallery's image) keeps its image's
    // alt text unless it has a figcaption, whatever the outer figure has.
    const nextCaptioned = tag === 'figure' ? hasFigcaption(node) : captioned;
    for (const child of node.childNodes) visit(child, nextLabels, nextCaptioned);
    if (breaks) cut();
  };
  for (const child of parseFragment(html).childNodes) visit(child, true, false);
  cut();
  return runs.flatMap((run) => {
    const text = visible(run.text);
    return words(run.labelled ? text.replace(LABEL, '') : text);
  });
}

function hasFigcaption(node: Node): boolean {
  if (!('childNodes' in node)) return false;
  return node.childNodes.some(
    (child) => ('tagName' in child && child.tagName === 'figcaption') || hasFigcaption(child),
  );
}

/** The body lines of a stored article (after its front matter). */
export function bodyLines(text: string): string[] {
  const lines = text.split('\n');
  const close = lines.indexOf('---', 1);
  return lines.slice(close + 1).filter((line) => line !== '');
}

/** The words of a stored marked body, each line's marker (and a read-also link) set aside. */
export function storedWords(text: string): string[] {
  return bodyLines(text).flatMap((line) => {
    const marked = /^(?:## |- |\d+\. |> |! )/u.exec(line);
    if (marked !== null) return words(line.slice(marked[0].length));
    if (line.startsWith('=> ')) return words(line.slice(3).replace(/^https:\/\/\S+\s?/u, ''));
    return words(line.startsWith('\\') ? line.slice(1) : line);
  });
}

/** The front matter of a stored article as key → value. */
export function frontMatter(text: string): Map<string, string> {
  const lines = text.split('\n');
  const close = lines.indexOf('---', 1);
  const fields = new Map<string, string>();
  for (const line of lines.slice(1, close)) {
    const colon = line.indexOf(': ');
    fields.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return fields;
}
