import { isDatelineOnly, gregorianDate, readDateline } from './dateline.js';
import { isBlank, trimLine, type Line } from './lines.js';
import { readAlsoLink, readMarker, type MarkerKind } from './marked.js';
import type { PublisherProfile } from './profiles/index.js';
import type { AboveDateline, Block, Dateline, ParseError, ReadAlsoItem, TextPart } from './types.js';

/**
 * The parts of a body, found line by line: promotions anywhere, the sign-off at the end, the
 * headline, byline and dateline at the top, sub-headings between paragraphs. Each function takes
 * what it recognises out of the list of pieces it is given; what is left is the article's text.
 */

/** A body line on its way to a block: its text (a marker left out) and its kind. */
export interface Piece {
  readonly line: Line;
  readonly kind: MarkerKind;
}

/** Non-blank lines, trimmed; in a marked body, each line's marker read and cut off. */
export function readPieces(lines: readonly Line[], format: 'plain' | 'marked'): Piece[] {
  return lines
    .filter((line) => !isBlank(line.text))
    .map(trimLine)
    .map((line): Piece => {
      if (format === 'plain') return { line, kind: 'paragraph' };
      const marker = readMarker(line.text);
      return { line: cutFrom(line, line.start + marker.length) ?? line, kind: marker.kind };
    });
}

/**
 * A paragraph, or a sub-heading: HTML's bold-only paragraphs become `## ` lines, and a dateline,
 * byline, promotion, source line or credit set in bold is still one.
 */
function isProse(piece: Piece): boolean {
  return piece.kind === 'paragraph' || piece.kind === 'heading';
}

export function part(line: Line): TextPart {
  return { text: line.text, span: { start: line.start, end: line.end, line: line.number } };
}

/** The rest of a line from `offset`, trimmed, or null when only white space is left. */
export function cutFrom(line: Line, offset: number): Line | null {
  const rest: Line = { ...line, start: offset, text: line.text.slice(offset - line.start) };
  return isBlank(rest.text) ? null : trimLine(rest);
}

/** The first `length` characters of a line, trimmed at the end. */
function cutTo(line: Line, length: number): Line {
  const text = line.text.slice(0, length).trimEnd();
  return { ...line, end: line.start + text.length, text };
}

/** "Baca\s*Juga|Also\s*Read": labels as a pattern, any case and spacing. */
function labelsPattern(labels: readonly string[]): string {
  return labels
    .map((label) =>
      label
        .split(/\s+/u)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
        .join('\\s*'),
    )
    .join('|');
}

// ---- Promotions -------------------------------------------------------------------------------

export type Promotions =
  | { readonly ok: true; readonly readAlso: ReadAlsoItem[]; readonly content: Piece[] }
  | { readonly ok: false; readonly error: ParseError };

/**
 * Every promotion, wherever it stands: a "Baca Juga:" / "Also Read:" line and, in a marked body,
 * a `=>` line with or without its link. The rest is content.
 */
export function takePromotions(pieces: readonly Piece[], profile: PublisherProfile): Promotions {
  const label = new RegExp(`^(${labelsPattern(profile.readAlsoLabels)})\\s*:\\s*(.*)$`, 'iu');
  const readAlso: ReadAlsoItem[] = [];
  const content: Piece[] = [];
  for (const piece of pieces) {
    const { text } = piece.line;
    const labelled = isProse(piece) || piece.kind === 'read-also' ? label.exec(text) : null;
    if (piece.kind !== 'read-also' && labelled === null) {
      content.push(piece);
      continue;
    }
    const link = piece.kind === 'read-also' ? readAlsoLink(text) : null;
    const rest = text.slice(link?.length ?? 0).trim();
    const headline = (label.exec(rest)?.[2] ?? rest).trim();
    if (headline === '') {
      const name = labelled?.[1] === undefined ? '=>' : `${labelled[1]}:`;
      return { ok: false, error: { code: 'read-also-empty', line: piece.line.number, message: `"${name}" has no headline after it` } };
    }
    readAlso.push({ ...part(piece.line), headline, url: link?.url ?? null });
  }
  return { ok: true, readAlso, content };
}

// ---- The end: source line, editors' code, credits, trailer ------------------------------------

export interface Tail {
  sourceLine: TextPart | null;
  editorCode: TextPart | null;
  readonly credits: TextPart[];
  readonly trailer: TextPart[];
}

/** How far from the end the source line may stand: a few credit and invitation lines follow it. */
const SOURCE_LINE_REACH = 6;

/**
 * Takes the sign-off off the end of `content` (in place): the source line and every line after it
 * (the editors' code standing alone, credits, else trailer), then, from the last paragraph, end markers, the editors' code and
 * credit lines in whatever order they come. A whole line goes only while another remains.
 */
export function takeTail(content: Piece[], profile: PublisherProfile): Tail {
  const tail: Tail = { sourceLine: null, editorCode: null, credits: [], trailer: [] };
  const credit = creditPattern(profile);
  const sourceIndex = findSourceLine(content, profile);
  if (sourceIndex !== -1) {
    const after = content.splice(sourceIndex + 1);
    const source = content.pop();
    if (source !== undefined) tail.sourceLine = part(source.line);
    for (const piece of after) {
      const found = part(piece.line);
      const code = profile.editorCode.exec(found.text);
      if (tail.editorCode === null && code?.index === 0) tail.editorCode = found;
      else (credit.test(found.text) ? tail.credits : tail.trailer).push(found);
    }
  }
  while (takeEnding(content, profile, credit, tail));
  tail.credits.sort((a, b) => a.span.start - b.span.start);
  tail.trailer.sort((a, b) => a.span.start - b.span.start);
  return tail;
}

function findSourceLine(content: readonly Piece[], profile: PublisherProfile): number {
  for (let i = content.length - 1; i >= Math.max(1, content.length - SOURCE_LINE_REACH); i -= 1) {
    const piece = content[i];
    if (piece !== undefined && isProse(piece) && profile.sourceLine.test(piece.line.text)) return i;
  }
  return -1;
}

/** "Wartawan: Nama", "Editor: Nama": a label, a colon and a short name that is not a sentence. */
function creditPattern(profile: PublisherProfile): RegExp {
  return new RegExp(`^(?:${labelsPattern(profile.creditLabels)})\\s*:\\s*[^\\s.!?][^.!?]{0,79}$`, 'iu');
}

/** Takes one ending off the last piece; false when there is none. */
function takeEnding(content: Piece[], profile: PublisherProfile, credit: RegExp, tail: Tail): boolean {
  const index = content.length - 1;
  const last = content[index];
  if (last === undefined) return false;
  const wholeLineMayGo = content.length >= 2;
  const cut = (match: RegExpExecArray | null, into: (found: TextPart) => void): boolean => {
    if (match === null || (match.index === 0 && !wholeLineMayGo)) return false;
    const start = last.line.start + match.index;
    into({ text: match[0], span: { start, end: last.line.end, line: last.line.number } });
    if (match.index === 0) content.pop();
    else content[index] = { ...last, line: cutTo(last.line, match.index) };
    return true;
  };
  if (cut(profile.endMarker.exec(last.line.text), (found) => tail.trailer.push(found))) return true;
  if (tail.editorCode === null && cut(profile.editorCode.exec(last.line.text), (found) => (tail.editorCode = found))) {
    return true;
  }
  if (isProse(last) && wholeLineMayGo && credit.test(last.line.text)) {
    tail.credits.push(part(last.line));
    content.pop();
    return true;
  }
  return false;
}

// ---- The top: headline or caption, byline, dateline, lead -------------------------------------

export interface Head {
  readonly aboveDateline: AboveDateline | null;
  /** A photo caption that stood above the dateline beside a headline: the first block after the lead. */
  readonly caption: Block | null;
  readonly byline: TextPart | null;
  readonly dateline: Dateline | null;
  readonly lead: TextPart;
  /** The pieces after the lead. */
  readonly rest: Piece[];
}

/** The dateline may stand below a byline, a headline and a photo caption: no further down. */
const DATELINE_REACH = 4;

/**
 * Reads the top of the content: a headline, a photo caption and a byline above the dateline
 * (or, with no dateline, a byline at the very top, below a headline at most), the dateline, and
 * the lead after it. A byline is never the lead, nor a headline.
 */
export function takeHead(content: readonly Piece[], profile: PublisherProfile, emptyLine: number): Head | ParseError {
  const pieces = [...content];
  let aboveDateline: AboveDateline | null = null;
  let caption: Block | null = null;
  let byline: TextPart | null = null;
  const found = findDateline(pieces, profile);
  let index = 0;
  let standsAlone = true;
  if (found !== null) {
    const aboves: AboveDateline[] = [];
    for (const piece of pieces.slice(0, found.index)) {
      const kind = topKind(piece, profile);
      if (kind === 'byline') byline = part(piece.line);
      else if (kind !== null) aboves.push({ ...part(piece.line), kind });
    }
    // A headline and a caption: the headline is the one above the dateline.
    aboveDateline = aboves.find((line) => line.kind === 'headline') ?? aboves[0] ?? null;
    const other = aboves.find((line) => line !== aboveDateline);
    if (other !== undefined) caption = { text: other.text, span: other.span, kind: 'caption' };
    index = found.index;
    const first = pieces[index];
    const rest = first === undefined ? null : cutFrom(first.line, found.dateline.span.end);
    if (first !== undefined && rest !== null) pieces[index] = { ...first, line: rest };
    else index += 1;
    standsAlone = rest === null;
  } else {
    const [first, second] = pieces;
    if (first !== undefined && second !== undefined && isByline(first, profile)) {
      byline = part(first.line);
      index = 1;
    } else if (
      first !== undefined &&
      second !== undefined &&
      pieces.length > 2 &&
      isByline(second, profile) &&
      topKind(first, profile) === 'headline'
    ) {
      aboveDateline = { ...part(first.line), kind: 'headline' };
      byline = part(second.line);
      index = 2;
    }
  }
  const next = pieces[index];
  if (standsAlone && byline === null && next !== undefined && pieces.length > index + 1 && isByline(next, profile)) {
    byline = part(next.line);
    index += 1;
  }
  const lead = pieces[index];
  if (lead === undefined) {
    const where = found === null ? (content[0]?.line.number ?? emptyLine) : found.dateline.span.line;
    const message = found === null ? 'the text has no paragraphs' : 'the dateline is not followed by any paragraph';
    return { code: 'no-paragraphs', line: where, message };
  }
  const dateline = found?.dateline ?? null;
  return { aboveDateline, caption, byline, dateline, lead: part(lead.line), rest: pieces.slice(index + 1) };
}

/** The dateline among the first lines, when every line above it may stand there (one of each kind). */
function findDateline(pieces: readonly Piece[], profile: PublisherProfile): { index: number; dateline: Dateline } | null {
  const seen = new Set<TopKind>();
  for (const [index, piece] of pieces.slice(0, DATELINE_REACH).entries()) {
    // A byline is never a dateline: "By Nama, MINA Journalist" would read as place, agency and lead.
    const dateline = isProse(piece) && !isByline(piece, profile) ? readDateline(piece.line, profile) : null;
    if (dateline !== null) return { index, dateline };
    const kind = topKind(piece, profile);
    if (kind === null || seen.has(kind)) return null;
    seen.add(kind);
  }
  return null;
}

type TopKind = 'byline' | AboveDateline['kind'];

/**
 * What a line above the dateline is: a byline; a photo caption ("Petani di sawah. (Foto:
 * MINA)", or a marked caption); a headline (a marked heading, or a line that does not end as a
 * sentence does). Null when it cannot stand there.
 */
function topKind(piece: Piece, profile: PublisherProfile): TopKind | null {
  const { text } = piece.line;
  if (isByline(piece, profile)) return 'byline';
  if (piece.kind === 'caption' || (piece.kind === 'paragraph' && profile.photoCredit.test(text))) return 'caption';
  if (piece.kind === 'heading' || (piece.kind === 'paragraph' && text.length <= 200 && !/[.,;:]["”’]?$/u.test(text))) {
    return 'headline';
  }
  return null;
}

/** "Oleh: Nama*", "By Name, Role": short, and not a sentence. */
function isByline(piece: Piece, profile: PublisherProfile): boolean {
  if (!isProse(piece)) return false;
  const text = piece.line.text.replace(/\*+$/u, '');
  return text.length <= 150 && profile.byline.test(text) && !endsSentence(text);
}

/** Ends with ".", "!" or "?", and not as an abbreviation or initials do ("S.Pd.", "Lc."). */
function endsSentence(text: string): boolean {
  if (!/[.!?]["”’]?$/u.test(text)) return false;
  const last = /(\S+)$/u.exec(text)?.[1] ?? '';
  return !/^(?:\p{L}{1,3}\.|(?:\p{L}{1,3}\.){2,})$/u.test(last);
}

// ---- Sub-headings in plain text ---------------------------------------------------------------

/** A sub-heading is short; an all-capital one may be longer. */
const HEADING_MAX = 70;
const CAPITALS_HEADING_MAX = 150;
const HEADING_MAX_WORDS = 10;

/**
 * The kinds of a plain text's blocks after the lead. A sub-heading stands between paragraphs
 * (neither neighbour could be one): a short line with no final punctuation, mostly capitalised
 * words; a date label ("14 April 2014:"); an all-capital line. A dateline, a sentence or a
 * quotation never is: when unsure, a paragraph.
 */
export function plainBlocks(pieces: readonly Piece[], profile: PublisherProfile): Block[] {
  const candidate = pieces.map((piece) => isHeadingCandidate(piece.line.text, profile));
  return pieces.map((piece, index): Block => {
    const between = index + 1 < pieces.length && candidate[index + 1] === false && candidate[index - 1] !== true;
    return { ...part(piece.line), kind: candidate[index] === true && between ? 'heading' : 'paragraph' };
  });
}

function isHeadingCandidate(text: string, profile: PublisherProfile): boolean {
  // Invisible format characters or a word longer than any a heading has: not a heading.
  if (/^["“‘'«([]|\p{Cf}|\S{25}/u.test(text) || text.length > CAPITALS_HEADING_MAX) return false;
  if (isDateLabel(text)) return true;
  if (/[.!?…,;:"”’'»)\]*–—-]$/u.test(text) || isDatelineOnly(text, profile)) return false;
  // All capitals: three capital letters at least, and no small ones (a script without case, such
  // as Arabic, has neither).
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  if (capitals >= 3 && 2 * capitals >= (text.match(/\p{L}/gu)?.length ?? 0) && !/\p{Ll}/u.test(text)) return true;
  const words = text.split(/\s+/u);
  if (!/^[\p{Lu}\d]/u.test(text) || text.length > HEADING_MAX || words.length > HEADING_MAX_WORDS) return false;
  if (words.length <= 4) return true;
  const long = words.filter((word) => word.length > 3);
  return long.filter((word) => /^[\p{Lu}\d]/u.test(word)).length >= 0.6 * long.length;
}

/** "14 April 2014:", "April 14, 2014:": a date and a colon, alone on the line. */
function isDateLabel(text: string): boolean {
  const match = /^(.{6,30}):$/u.exec(text);
  return match?.[1] !== undefined && gregorianDate(match[1]) !== null && /^[\p{L}\d][\p{L}\d ,]*$/u.test(match[1]);
}

/** The blocks of a marked body after the lead: their kinds are what the markers say. */
export function markedBlocks(pieces: readonly Piece[]): Block[] {
  return pieces.map((piece): Block => ({ ...part(piece.line), kind: piece.kind === 'read-also' ? 'paragraph' : piece.kind }));
}
