import { readFrontMatter } from './front-matter.js';
import { isBlank, lineOf, splitLines, trimLine, type Line } from './lines.js';
import type { Article, Dateline, ParseError, ParseResult, ReadAlsoItem, TextPart, Title } from './types.js';

/** "Baca Juga:" in any case and spacing, then the promoted headline. */
const READ_ALSO = /^baca\s*juga\s*:\s*(.*)$/iu;

/**
 * "Jenewa, MINA –", "Jakarta, 23 Februari 2013 (MINA) –", "Jakarta, 12 Rabiul Akhir 1434/23
 * Februari 2013 (MINA) -". A hyphen counts only when white space follows, so "Nagorno-Karabakh"
 * at the start of a lead is never a dateline.
 */
const DATELINE =
  /^(?<place>\p{Lu}[\p{L}\p{M} .'’-]*?),\s*(?:(?<date>[^()\n]+?)\s*\((?<agency>\p{Lu}{2,})\)|(?<bare>\p{Lu}{2,}))\s*(?:–|—|--?)(?=\s|$)/u;

/** "Mi’raj News Agency (MINA)": a name of words and an acronym in brackets, alone on its line. */
const SOURCE_LINE = /^\p{L}[\p{L}\p{M}’'.\- ]*\(\p{Lu}{2,}\)$/u;

/** "(T/Hju/P2)": initials separated by slashes, in brackets, at the very end. */
const EDITOR_CODE = /\(([\p{L}\d]{1,8}(?:\/[\p{L}\d]{1,8}){1,5})\)$/u;

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  februari: 2,
  pebruari: 2,
  maret: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  agustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  nopember: 11,
  desember: 12,
};


const TITLE_MAX = 100;

/**
 * The longest article accepted, in characters: long reports run to 30,000. A larger file is a
 * mistake (or an attack on the 14 KB first response), and is refused rather than published.
 */
export const MAX_ARTICLE_CHARS = 200_000;

/**
 * Bidirectional embedding, override and isolate controls. They can make text display in another
 * order than it is stored ("Trojan Source"), and a news text has no use for them; the natural
 * direction marks (LRM, RLM, ALM) stay allowed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Turns a publisher's raw text (with optional front matter) into an `Article`, or says which line
 * is wrong. It never throws: every input gets one of the two answers.
 */
export function parseArticle(raw: string): ParseResult {
  if (isBlank(raw)) return fail('empty', 1, 'the file is empty');
  if (raw.length > MAX_ARTICLE_CHARS) {
    const size = raw.length.toLocaleString('en');
    return fail('too-long', 1, `the text has ${size} characters; an article may have at most ${MAX_ARTICLE_CHARS.toLocaleString('en')}`);
  }
  const binary = firstControlCharacter(raw);
  if (binary !== -1) {
    const code = raw.charCodeAt(binary).toString(16).padStart(4, '0').toUpperCase();
    return fail('binary', lineOf(raw, binary), `binary data (control character U+${code}), not text`);
  }

  const bidi = BIDI_CONTROL.exec(raw);
  if (bidi !== null) {
    const code = bidi[0].charCodeAt(0).toString(16).toUpperCase();
    const message = `bidirectional control character U+${code}: it can show text in another order than it is stored; remove it`;
    return fail('bidi-control', lineOf(raw, bidi.index), message);
  }

  const lines = splitLines(raw);
  const frontMatter = readFrontMatter(lines);
  if (!frontMatter.ok) return frontMatter;

  const body = frontMatter.bodyLines.filter((line) => !isBlank(line.text)).map(trimLine);
  const lastLine = lines[lines.length - 1]?.number ?? 1;

  const readAlso: ReadAlsoItem[] = [];
  const content: Line[] = [];
  for (const line of body) {
    const match = READ_ALSO.exec(line.text);
    if (match === null) {
      content.push(line);
      continue;
    }
    const headline = match[1]?.trim() ?? '';
    if (headline === '') return fail('read-also-empty', line.number, '"Baca Juga:" has no headline after it');
    readAlso.push({ ...part(line), headline });
  }

  // The source line is the last content line, and never the only one.
  let sourceLine: TextPart | null = null;
  const last = content[content.length - 1];
  if (last !== undefined && content.length >= 2 && SOURCE_LINE.test(last.text)) {
    sourceLine = part(last);
    content.pop();
  }

  const editor = takeEditorCode(content);

  const first = content[0];
  if (first === undefined) {
    return fail('no-paragraphs', body[0]?.number ?? lastLine, 'the text has no paragraphs');
  }
  const dateline = readDateline(first);
  if (dateline !== null) {
    const rest = cutFrom(first, dateline.span.end);
    if (rest === null) content.shift();
    else content[0] = rest;
  }
  const [lead, ...paragraphs] = content;
  if (lead === undefined) {
    return fail('no-paragraphs', first.number, 'the dateline is not followed by any paragraph');
  }

  const leadPart = part(lead);
  const title: Title =
    frontMatter.data.title !== undefined
      ? { text: frontMatter.data.title, derived: false }
      : { text: firstClause(leadPart.text), derived: true };

  const article: Article = {
    title,
    date: frontMatter.data.date ?? dateline?.isoDate ?? null,
    lang: frontMatter.data.lang ?? 'id',
    publisher:
      frontMatter.data.publisher !== undefined
        ? { name: frontMatter.data.publisher, url: frontMatter.data.publisherUrl ?? null }
        : null,
    frontMatter: frontMatter.span,
    dateline,
    lead: leadPart,
    paragraphs: paragraphs.map(part),
    readAlso,
    sourceLine,
    editorCode: editor,
  };
  return { ok: true, article };
}

/** Splits "(T/Hju/P2)" off the last paragraph, or takes a line that is nothing but the code. */
function takeEditorCode(content: Line[]): TextPart | null {
  const index = content.length - 1;
  const last = content[index];
  if (last === undefined) return null;
  const match = EDITOR_CODE.exec(last.text);
  if (match === null) return null;
  const codeStart = last.start + match.index;
  const code: TextPart = {
    text: match[0],
    span: { start: codeStart, end: last.end, line: last.number },
  };
  const before = last.text.slice(0, match.index).trimEnd();
  if (before === '') {
    // A code alone is only a code when some paragraph remains to be the article.
    if (content.length < 2) return null;
    content.pop();
  } else {
    content[index] = { ...last, end: last.start + before.length, text: before };
  }
  return code;
}

function readDateline(line: Line): Dateline | null {
  const match = DATELINE.exec(line.text);
  if (match?.groups === undefined) return null;
  const { place = '', date, agency, bare } = match.groups;
  const text = match[0];
  const dateText = date?.trim() ?? null;
  return {
    text,
    span: { start: line.start, end: line.start + text.length, line: line.number },
    place: place.trim(),
    agency: agency ?? bare ?? '',
    dateText,
    isoDate: dateText === null ? null : gregorianDate(dateText),
  };
}

/** The last "23 Februari 2013" in a dateline's date as YYYY-MM-DD (a Hijri date comes first). */
function gregorianDate(text: string): string | null {
  const pattern = /(\d{1,2})\s+(\p{L}+)\s+(\d{4})/gu;
  let found: string | null = null;
  for (const [, day = '', monthName = '', year = ''] of text.matchAll(pattern)) {
    const month = MONTHS[monthName.toLowerCase()];
    if (month === undefined) continue;
    const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
    const check = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso)) found = iso;
  }
  return found;
}

/** The rest of a line from `offset`, trimmed, or null when only white space is left. */
function cutFrom(line: Line, offset: number): Line | null {
  const rest: Line = { ...line, start: offset, text: line.text.slice(offset - line.start) };
  return isBlank(rest.text) ? null : trimLine(rest);
}

function part(line: Line): TextPart {
  return { text: line.text, span: { start: line.start, end: line.end, line: line.number } };
}

/** The lead up to its first clause break, cut at a word when it is still long. */
function firstClause(lead: string): string {
  const clause = /^(.+?)(?:[,;:!?]|\.(?=\s|$)|\s[–—]\s)/u.exec(lead)?.[1] ?? lead;
  if (clause.length <= TITLE_MAX) return clause.trim();
  const cut = clause.slice(0, TITLE_MAX);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * The offset of the first C0 control other than tab, LF and CR, or of DEL; -1 if none. A text
 * file has none of these; a binary file soon does.
 */
function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return i;
  }
  return -1;
}

function fail(code: ParseError['code'], line: number, message: string): ParseResult {
  return { ok: false, error: { code, line, message } };
}
