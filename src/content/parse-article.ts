import { readFrontMatter, type FrontMatter } from './front-matter.js';
import { isBlank, lineOf, splitLines } from './lines.js';
import { DEFAULT_PROFILE, profileById, type PublisherProfile } from './profiles/index.js';
import { markedBlocks, plainBlocks, readPieces, takeHead, takePromotions, takeTail, type Head, type Tail } from './structure.js';
import { localDate } from './time.js';
import { derivedTitle } from './title.js';
import type { Article, ParseError, ParseResult, Span, Title } from './types.js';

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
  const refused = refusal(raw);
  if (refused !== null) return { ok: false, error: refused };

  const lines = splitLines(raw);
  const frontMatter = readFrontMatter(lines);
  if (!frontMatter.ok) return frontMatter;
  const meta = frontMatter.data;
  // readFrontMatter has refused an unknown profile; the default is always there.
  const profile = profileById(meta.profile ?? DEFAULT_PROFILE);
  if (profile === null) return fail('front-matter-malformed', 1, `unknown profile "${meta.profile ?? ''}"`);

  const format = meta.format ?? 'plain';
  const pieces = readPieces(frontMatter.bodyLines, format);
  const promotions = takePromotions(pieces, profile);
  if (!promotions.ok) return promotions;
  const content = promotions.content;
  const tail = takeTail(content, profile);
  // With no paragraph at all, the error points at the first line of the body, else the last line.
  const head = takeHead(content, profile, pieces[0]?.line.number ?? lines[lines.length - 1]?.number ?? 1);
  if ('code' in head) return { ok: false, error: head };

  const blocks = format === 'plain' ? plainBlocks(head.rest, profile) : markedBlocks(head.rest);
  const paragraphs = head.caption === null ? blocks : [head.caption, ...blocks];
  const article: Article = {
    title: title(meta, head),
    ...metadata(meta, frontMatter.span, head, profile),
    aboveDateline: head.aboveDateline,
    byline: head.byline,
    dateline: head.dateline,
    lead: head.lead,
    paragraphs,
    readAlso: promotions.readAlso,
    ...signOff(tail),
  };
  return { ok: true, article };
}

/** Why a text is refused before it is read at all, or null. */
function refusal(raw: string): ParseError | null {
  if (isBlank(raw)) return { code: 'empty', line: 1, message: 'the file is empty' };
  if (raw.length > MAX_ARTICLE_CHARS) {
    const size = raw.length.toLocaleString('en');
    const message = `the text has ${size} characters; an article may have at most ${MAX_ARTICLE_CHARS.toLocaleString('en')}`;
    return { code: 'too-long', line: 1, message };
  }
  const binary = firstControlCharacter(raw);
  if (binary !== -1) {
    const code = raw.charCodeAt(binary).toString(16).padStart(4, '0').toUpperCase();
    return { code: 'binary', line: lineOf(raw, binary), message: `binary data (control character U+${code}), not text` };
  }
  const bidi = BIDI_CONTROL.exec(raw);
  if (bidi !== null) {
    const code = bidi[0].charCodeAt(0).toString(16).toUpperCase();
    const message = `bidirectional control character U+${code}: it can show text in another order than it is stored; remove it`;
    return { code: 'bidi-control', line: lineOf(raw, bidi.index), message };
  }
  return null;
}

type Metadata = Pick<
  Article,
  | 'date'
  | 'lang'
  | 'publisher'
  | 'frontMatter'
  | 'source'
  | 'url'
  | 'published'
  | 'modified'
  | 'author'
  | 'categories'
  | 'profile'
>;

/** What front matter says (and the date, which the dateline may give when front matter does not). */
function metadata(meta: FrontMatter, span: Span | null, head: Head, profile: PublisherProfile): Metadata {
  const published = meta.published ?? null;
  return {
    date: meta.date ?? (published === null ? null : localDate(published, profile.timeZone)) ?? head.dateline?.isoDate ?? null,
    lang: meta.lang ?? 'id',
    publisher: meta.publisher !== undefined ? { name: meta.publisher, url: meta.publisherUrl ?? null } : null,
    frontMatter: span,
    source: meta.source !== undefined && meta.sourceId !== undefined ? { key: meta.source, id: meta.sourceId } : null,
    url: meta.url ?? null,
    published,
    modified: meta.modified ?? null,
    author: meta.author ?? null,
    categories: (meta.categories ?? '')
      .split(';')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    profile: profile.id,
  };
}

/** Front matter's headline, else the publisher's above the dateline, else one from the lead. */
function title(meta: FrontMatter, head: Head): Title {
  if (meta.title !== undefined) return { text: meta.title, derived: false };
  if (head.aboveDateline?.kind === 'headline') return { text: head.aboveDateline.text, derived: false };
  return { text: derivedTitle(head.lead.text), derived: true };
}

function signOff(tail: Tail): Pick<Article, 'sourceLine' | 'editorCode' | 'credits' | 'trailer'> {
  return { sourceLine: tail.sourceLine, editorCode: tail.editorCode, credits: tail.credits, trailer: tail.trailer };
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

