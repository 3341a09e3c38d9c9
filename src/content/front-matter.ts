import type { Line } from './lines.js';
import { DEFAULT_PROFILE, profileById, profileIds } from './profiles/index.js';
import { isCalendarDate, zonedTimeProblem } from './time.js';
import type { ParseError, Span } from './types.js';

/**
 * What an article's front matter may say: what the publisher's text itself lacks (headline,
 * date, language, publisher) and, for an imported article, where it came from.
 */
export interface FrontMatter {
  readonly title?: string;
  readonly date?: string;
  readonly lang?: string;
  readonly publisher?: string;
  readonly publisherUrl?: string;
  /** The source's key (`minanews-net`) and its own id for the article: given together. */
  readonly source?: string;
  readonly sourceId?: string;
  /** The publisher's address of the article. */
  readonly url?: string;
  /** ISO 8601 times with their zone. */
  readonly published?: string;
  readonly modified?: string;
  readonly author?: string;
  /** The source's category names, separated by "; ". */
  readonly categories?: string;
  /** A publisher profile id (src/content/profiles/). */
  readonly profile?: string;
  /** `plain` (the publisher's text) or `marked` (imported from HTML, with line markers). */
  readonly format?: 'plain' | 'marked';
}

type Key = keyof FrontMatter;

const KEYS: Readonly<Record<string, Key>> = {
  title: 'title',
  date: 'date',
  lang: 'lang',
  publisher: 'publisher',
  publisher_url: 'publisherUrl',
  source: 'source',
  source_id: 'sourceId',
  url: 'url',
  published: 'published',
  modified: 'modified',
  author: 'author',
  categories: 'categories',
  profile: 'profile',
  format: 'format',
};

const DELIMITER = /^---\s*$/u;

export type FrontMatterResult =
  | { readonly ok: true; readonly data: FrontMatter; readonly span: Span | null; readonly bodyLines: Line[] }
  | { readonly ok: false; readonly error: ParseError };

/**
 * Reads an optional `---`-fenced block of `key: value` lines at the top of the file. It is a
 * deliberately tiny subset of YAML: one line per key, no nesting, so a publisher cannot write
 * something that means one thing here and another in a YAML library.
 */
export function readFrontMatter(lines: Line[]): FrontMatterResult {
  const first = lines[0];
  if (first === undefined || !DELIMITER.test(first.text.replace(/^\uFEFF/u, ''))) {
    return { ok: true, data: {}, span: null, bodyLines: lines };
  }
  const closeIndex = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line.text));
  if (closeIndex === -1) {
    return fail(first.number, 'front-matter-unclosed', 'front matter opened with "---" is never closed');
  }
  const data: Record<string, string> = {};
  const keyLines = new Map<Key, number>();
  for (const line of lines.slice(1, closeIndex)) {
    if (line.text.trim() === '') continue;
    const match = /^([A-Za-z_]+)\s*:\s*(.*?)\s*$/u.exec(line.text);
    if (match === null) {
      return fail(line.number, 'front-matter-malformed', `expected "key: value" in front matter, found "${line.text.trim()}"`);
    }
    const [, rawKey = '', rawValue = ''] = match;
    const key = Object.hasOwn(KEYS, rawKey) ? KEYS[rawKey] : undefined;
    if (key === undefined) {
      const known = Object.keys(KEYS).join(', ');
      return fail(line.number, 'front-matter-malformed', `unknown front-matter key "${rawKey}" (known: ${known})`);
    }
    if (key in data) {
      return fail(line.number, 'front-matter-malformed', `front-matter key "${rawKey}" is given twice`);
    }
    const value = unquote(rawValue);
    const problem = value === '' ? `front-matter key "${rawKey}" has no value` : validate(key, rawKey, value);
    if (problem !== null) return fail(line.number, 'front-matter-malformed', problem);
    data[key] = value;
    keyLines.set(key, line.number);
  }
  const unpaired = pairProblem(keyLines);
  if (unpaired !== null) return fail(unpaired.line, 'front-matter-malformed', unpaired.message);
  const close = lines[closeIndex];
  const span = close === undefined ? null : { start: first.start, end: close.end, line: first.number };
  return { ok: true, data, span, bodyLines: lines.slice(closeIndex + 1) };
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/u.exec(value) ?? /^'(.*)'$/u.exec(value);
  return quoted?.[1]?.trim() ?? value;
}

function validate(key: Key, rawKey: string, value: string): string | null {
  switch (key) {
    case 'date':
      return isCalendarDate(value) ? null : `date "${value}" is not a real date written YYYY-MM-DD`;
    case 'lang':
      return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(value) ? null : `lang "${value}" is not a language tag such as "id"`;
    case 'publisherUrl':
    case 'url':
      return isHttpsUrl(value) ? null : `${rawKey} "${value}" is not an https:// address`;
    case 'source':
      return /^[a-z0-9-]+$/u.test(value) ? null : `source "${value}" is not a key of lowercase letters, digits and hyphens such as "minanews-net"`;
    case 'published':
    case 'modified': {
      const problem = zonedTimeProblem(value);
      return problem === null ? null : `${rawKey} ${problem}`;
    }
    case 'profile':
      return profileById(value) !== null
        ? null
        : `unknown profile "${value}" (known: ${profileIds().join(', ')}; the default is ${DEFAULT_PROFILE})`;
    case 'format':
      return value === 'plain' || value === 'marked' ? null : `format "${value}" is neither "plain" nor "marked"`;
    case 'title':
    case 'publisher':
    case 'sourceId':
    case 'author':
    case 'categories':
      return null;
  }
}

/** `source` and `source_id` name one thing together: either alone is a mistake. */
function pairProblem(keyLines: ReadonlyMap<Key, number>): { line: number; message: string } | null {
  const source = keyLines.get('source');
  const sourceId = keyLines.get('sourceId');
  if (source !== undefined && sourceId === undefined) return { line: source, message: 'source is given without source_id' };
  if (sourceId !== undefined && source === undefined) return { line: sourceId, message: 'source_id is given without source' };
  return null;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function fail(line: number, code: ParseError['code'], message: string): FrontMatterResult {
  return { ok: false, error: { code, line, message } };
}
