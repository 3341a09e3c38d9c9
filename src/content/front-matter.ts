import type { Line } from './lines.js';
import type { ParseError, Span } from './types.js';

/** What an article's front matter may say: only what the publisher's text itself lacks. */
export interface FrontMatter {
  readonly title?: string;
  readonly date?: string;
  readonly lang?: string;
  readonly publisher?: string;
  readonly publisherUrl?: string;
}

type Key = keyof FrontMatter;

const KEYS: Readonly<Record<string, Key>> = {
  title: 'title',
  date: 'date',
  lang: 'lang',
  publisher: 'publisher',
  publisher_url: 'publisherUrl',
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
  for (const line of lines.slice(1, closeIndex)) {
    if (line.text.trim() === '') continue;
    const match = /^([A-Za-z_]+)\s*:\s*(.*?)\s*$/u.exec(line.text);
    if (match === null) {
      return fail(line.number, 'front-matter-malformed', `expected "key: value" in front matter, found "${line.text.trim()}"`);
    }
    const [, rawKey = '', rawValue = ''] = match;
    const key = KEYS[rawKey];
    if (key === undefined) {
      const known = Object.keys(KEYS).join(', ');
      return fail(line.number, 'front-matter-malformed', `unknown front-matter key "${rawKey}" (known: ${known})`);
    }
    if (key in data) {
      return fail(line.number, 'front-matter-malformed', `front-matter key "${rawKey}" is given twice`);
    }
    const value = unquote(rawValue);
    const problem = value === '' ? `front-matter key "${rawKey}" has no value` : validate(key, value);
    if (problem !== null) return fail(line.number, 'front-matter-malformed', problem);
    data[key] = value;
  }
  const close = lines[closeIndex];
  const span = close === undefined ? null : { start: first.start, end: close.end, line: first.number };
  return { ok: true, data, span, bodyLines: lines.slice(closeIndex + 1) };
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/u.exec(value) ?? /^'(.*)'$/u.exec(value);
  return quoted?.[1]?.trim() ?? value;
}

function validate(key: Key, value: string): string | null {
  switch (key) {
    case 'date':
      return isCalendarDate(value) ? null : `date "${value}" is not a real date written YYYY-MM-DD`;
    case 'lang':
      return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(value) ? null : `lang "${value}" is not a language tag such as "id"`;
    case 'publisherUrl':
      return isHttpsUrl(value) ? null : `publisher_url "${value}" is not an https:// address`;
    case 'title':
    case 'publisher':
      return null;
  }
}

/** True for YYYY-MM-DD strings naming a day that exists (no 2020-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
