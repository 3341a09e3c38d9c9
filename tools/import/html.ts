/**
 * A publisher's HTML to Warta's blocks: pure, no I/O. The HTML is parsed by parse5 (the HTML
 * standard's algorithm) and walked through an allowlist; nothing of it is ever rendered. The words
 * of the allowed HTML come out verbatim and in order: only white space is normalised, and control
 * and bidirectional control characters are removed (and counted, so the importer can say so).
 */
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'ordered-item' | 'quote' | 'caption' | 'read-also';

export interface Block {
  readonly kind: BlockKind;
  /** The words of the block; for a read-also item, the headline without its label. */
  readonly text: string;
  /** An ordered item's number. */
  readonly number?: number;
  /** A read-also item's link: `https:` only, else null. */
  readonly url?: string | null;
}

export interface ConversionOptions {
  /** "Baca Juga", "Also Read": a paragraph starting with one of these and a colon is a read-also item. */
  readonly readAlsoLabels: readonly string[];
  /**
   * Labels that keep an all-bold paragraph a paragraph ("Oleh", "Editor"): a bold byline or
   * credit line is not a sub-heading.
   */
  readonly notHeadingLabels: readonly string[];
  /** The article's own address: a relative read-also link is resolved against it. */
  readonly baseUrl?: string | null;
}

export type Conversion =
  | { readonly ok: true; readonly blocks: Block[]; readonly notes: string[] }
  | { readonly ok: false; readonly reason: string };

/** HTML larger than this is refused before it is parsed: no article is anywhere near it. */
export const MAX_HTML_BYTES = 5 * 1024 * 1024;

/**
 * Deeper nesting than this is refused. Real posts nest a few levels (a list in a quote in a
 * column); the walk below recurses, so the bound also keeps it off the end of the stack.
 */
export const MAX_DEPTH = 256;

/** Elements dropped with everything inside them: code, styling, embeds and forms are no text. */
export const DROPPED: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'form',
  'object',
  'svg',
  'noscript',
  'template',
]);

/**
 * Elements that end a line of text even though Warta keeps no block of their own for them: their
 * text becomes lines of the surrounding kind. Any element not named here or below is unwrapped
 * into the line it stands in.
 */
export const BOUNDARIES: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'footer',
  'h1',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'main',
  'nav',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
]);

const HEADINGS = new Set(['h2', 'h3', 'h4']);
const BOLD = new Set(['strong', 'b']);

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): they can
 * show text in another order than it is stored, and the article parser refuses them. Direction
 * marks (LRM, RLM, ALM) stay.
 */
function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** C0 and C1 controls and DEL: no text has them (white-space controls are spaces by then). */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

interface Segment {
  readonly text: string;
  readonly bold: boolean;
  readonly href: string | null;
}

interface Context {
  /** The kind of line the text here starts. */
  readonly kind: Exclude<BlockKind, 'read-also'>;
  readonly bold: boolean;
  readonly href: string | null;
  /** Inside a figure that has a figcaption: image alt text is not a caption there. */
  readonly captioned: boolean;
  /** The list an `li` belongs to. */
  readonly list: ListState | null;
  /** An ordered item's number, for every line of that item. */
  readonly number?: number;
}

interface ListState {
  readonly ordered: boolean;
  next: number;
}

/** White space as HTML and JavaScript see it (no-break space included), collapsed to one space. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Removes control and bidirectional control characters, counting them. */
export function stripControls(text: string, counts: RemovedCounts): string {
  let kept = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const bidi = isBidiControl(code);
    if (!bidi && !isControl(code)) continue;
    if (bidi) counts.bidi += 1;
    else counts.control += 1;
    kept += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : kept + text.slice(from);
}

export interface RemovedCounts {
  bidi: number;
  control: number;
}

/** The notes to print for removed characters, if any. */
export function removalNotes(counts: RemovedCounts, where: string): string[] {
  const notes: string[] = [];
  if (counts.bidi > 0) {
    notes.push(
      `${counts.bidi} bidirectional control character(s) removed from the ${where}: they can show text in another order than it is stored`,
    );
  }
  if (counts.control > 0) notes.push(`${counts.control} control character(s) removed from the ${where}`);
  return notes;
}

/** The byte length of a string in UTF-8, without allocating it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Refuses HTML too large to be an article, else parses it and refuses it when nested too deep. */
function parseBounded(
  html: string,
): { ok: true; root: DefaultTreeAdapterTypes.DocumentFragment } | { ok: false; reason: string } {
  const bytes = utf8Length(html);
  if (bytes > MAX_HTML_BYTES) {
    return {
      ok: false,
      reason: `the HTML has ${bytes.toLocaleString('en')} bytes; at most 5 MB (${MAX_HTML_BYTES.toLocaleString('en')}) is read`,
    };
  }
  const root = parseFragment(html);
  const depth = maxDepth(root);
  if (depth > MAX_DEPTH) {
    return {
      ok: false,
      reason: `the HTML is nested ${depth.toLocaleString('en')} elements deep; at most ${MAX_DEPTH} is read`,
    };
  }
  return { ok: true, root };
}

/** The deepest element nesting, measured without recursion (the tree may be 100,000 deep). */
function maxDepth(root: Node): number {
  let deepest = 0;
  const stack: Array<[Node, number]> = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > deepest) deepest = depth;
    if ('childNodes' in node) for (const child of node.childNodes) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The publisher's HTML as blocks, or why it is refused. */
export function htmlToBlocks(html: string, options: ConversionOptions): Conversion {
  const parsed = parseBounded(html);
  if (!parsed.ok) return parsed;
  const builder = new LineBuilder(options);
  const context: Context = { kind: 'paragraph', bold: false, href: null, captioned: false, list: null };
  for (const child of parsed.root.childNodes) walk(child, context, builder);
  builder.flush();
  return { ok: true, blocks: builder.blocks, notes: builder.notes() };
}

/**
 * A title, or any short HTML, as one line of text: tags unwrapped, dropped elements gone,
 * entities decoded, white space normalised. Markup in a title never survives as markup.
 */
export function htmlToLine(html: string): { ok: true; text: string; notes: string[] } | { ok: false; reason: string } {
  const parsed = parseBounded(html);
  if (!parsed.ok) return parsed;
  const parts: string[] = [];
  const stack: Node[] = [...parsed.root.childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) parts.push(node.value);
    else if (isElement(node) && !DROPPED.has(node.tagName)) {
      if (node.tagName === 'br' || BOUNDARIES.has(node.tagName)) parts.push(' ');
      stack.push(...[...node.childNodes].reverse());
    }
  }
  const counts: RemovedCounts = { bidi: 0, control: 0 };
  const text = stripControls(normaliseSpace(parts.join('')), counts);
  return { ok: true, text: normaliseSpace(text), notes: removalNotes(counts, 'title') };
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | null {
  return element.attrs.find((attr) => attr.name === name)?.value ?? null;
}

function hasDescendant(element: Element, tagName: string): boolean {
  const stack: Node[] = [...element.childNodes];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isElement(node)) continue;
    if (node.tagName === tagName) return true;
    stack.push(...node.childNodes);
  }
  return false;
}

function walk(node: Node, context: Context, builder: LineBuilder): void {
  if (node.nodeName === '#text' && 'value' in node) {
    builder.add({ text: node.value, bold: context.bold, href: context.href }, context);
    return;
  }
  if (!isElement(node) || DROPPED.has(node.tagName)) return; // comments and doctypes have no words
  if (node.tagName === 'br') {
    builder.flush();
    return;
  }
  if (node.tagName === 'img') {
    // Alt text is cleaned like any text (controls removed and counted), but only where it is kept.
    const alt = context.captioned ? '' : builder.clean(attribute(node, 'alt') ?? '');
    if (alt !== '') builder.caption(alt);
    // An image that gives no caption still stands between the words on either side of it: a space
    // keeps them apart, or "Jakarta,<img alt="">Jakarta," would be stored as one word no one wrote.
    else builder.add({ text: ' ', bold: context.bold, href: context.href }, context);
    return;
  }
  const step = enter(node, context);
  if (step.block) builder.flush();
  for (const child of node.childNodes) walk(child, step.context, builder);
  if (step.block) builder.flush();
}

/** What an element does to the text inside it: the context it sets, and whether it ends lines. */
function enter(element: Element, context: Context): { block: boolean; context: Context } {
  const tag = element.tagName;
  if (HEADINGS.has(tag)) return { block: true, context: { ...context, kind: 'heading' } };
  if (tag === 'blockquote') return { block: true, context: { ...context, kind: 'quote' } };
  if (tag === 'figcaption') return { block: true, context: { ...context, kind: 'caption' } };
  if (tag === 'figure')
    return { block: true, context: { ...context, captioned: hasDescendant(element, 'figcaption') } };
  if (tag === 'ul' || tag === 'ol') {
    const start = Number(attribute(element, 'start') ?? '1');
    const list: ListState = { ordered: tag === 'ol', next: Number.isSafeInteger(start) && start >= 0 ? start : 1 };
    return { block: true, context: { ...context, list } };
  }
  if (tag === 'li') {
    const list = context.list ?? { ordered: false, next: 1 };
    if (!list.ordered) return { block: true, context: { ...context, kind: 'list-item', list: null } };
    const value = Number(attribute(element, 'value') ?? String(list.next));
    const number = Number.isSafeInteger(value) && value >= 0 ? value : list.next;
    list.next = number + 1;
    return { block: true, context: { ...context, kind: 'ordered-item', number, list: null } };
  }
  if (tag === 'p' || BOUNDARIES.has(tag)) return { block: true, context };
  if (BOLD.has(tag)) return { block: false, context: { ...context, bold: true } };
  if (tag === 'a') return { block: false, context: { ...context, href: attribute(element, 'href') } };
  return { block: false, context }; // any other element is unwrapped
}

/** Collects the text of the current line and turns finished lines into blocks. */
class LineBuilder {
  readonly blocks: Block[] = [];
  private segments: Segment[] = [];
  private context: Context | null = null;
  private readonly removed: RemovedCounts = { bidi: 0, control: 0 };
  private readonly droppedLinks = new Set<string>();
  private emptyReadAlso = 0;
  private readonly readAlso: RegExp;
  private readonly notHeading: RegExp;
  private readonly baseUrl: string | undefined;

  constructor(options: ConversionOptions) {
    this.baseUrl = options.baseUrl ?? undefined;
    this.readAlso = labelPattern(options.readAlsoLabels, ':');
    this.notHeading = labelPattern(options.notHeadingLabels, '');
  }

  add(segment: Segment, context: Context): void {
    if (this.segments.length === 0) this.context = context;
    this.segments.push(segment);
  }

  caption(alt: string): void {
    this.flush();
    this.push({ kind: 'caption', text: alt });
  }

  flush(): void {
    const segments = this.segments;
    const context = this.context;
    this.segments = [];
    this.context = null;
    if (context === null) return;
    const text = this.clean(segments.map((segment) => segment.text).join(''));
    if (text === '') return;
    if (context.kind === 'paragraph' || context.kind === 'heading') {
      const label = this.readAlso.exec(text);
      if (label !== null) {
        this.readAlsoItem(text.slice(label[0].length).trim(), segments);
        return;
      }
    }
    if (context.kind === 'paragraph' && allBold(segments) && !this.notHeading.test(text)) {
      this.push({ kind: 'heading', text });
      return;
    }
    if (context.kind === 'ordered-item') this.push({ kind: 'ordered-item', text, number: context.number ?? 1 });
    else this.push({ kind: context.kind, text });
  }

  notes(): string[] {
    const notes = removalNotes(this.removed, 'text');
    if (this.droppedLinks.size > 0) {
      const schemes = [...this.droppedLinks].join(', ');
      notes.push(`read-also link(s) kept as text only: only https: links are kept (found ${schemes})`);
    }
    if (this.emptyReadAlso > 0) notes.push(`${this.emptyReadAlso} read-also label(s) with no headline left out`);
    return notes;
  }

  private readAlsoItem(headline: string, segments: readonly Segment[]): void {
    if (headline === '') {
      this.emptyReadAlso += 1;
      return;
    }
    const href = segments.find((segment) => segment.href !== null && segment.text.trim() !== '')?.href ?? null;
    let url: string | null = null;
    if (href !== null) {
      const parsed = parseUrl(href.trim(), this.baseUrl);
      if (parsed?.protocol === 'https:') url = parsed.href;
      else this.droppedLinks.add(parsed === null ? 'an address that is not a URL' : parsed.protocol);
    }
    this.push({ kind: 'read-also', text: headline, url });
  }

  /** White space normalised, controls and bidirectional controls removed (and counted). */
  clean(text: string): string {
    return normaliseSpace(stripControls(normaliseSpace(text), this.removed));
  }

  private push(block: Block): void {
    this.blocks.push(block);
  }
}

function parseUrl(href: string, base: string | undefined): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

function allBold(segments: readonly Segment[]): boolean {
  return segments.every((segment) => segment.bold || segment.text.trim() === '');
}

/** A pattern for labels such as "Baca Juga": any case, any spacing, as the article parser reads them. */
function labelPattern(labels: readonly string[], suffix: string): RegExp {
  if (labels.length === 0) return /(?!)/u;
  const alternatives = labels.map((label) =>
    label
      .trim()
      .split(/\s+/u)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
      .join('\\s*'),
  );
  const end = suffix === '' ? '(?=[\\s:]|$)' : `\\s*${suffix}\\s*`;
  return new RegExp(`^(?:${alternatives.join('|')})${end}`, 'iu');
}
