import { splitLines } from './lines.js';

/** One glossary entry: our words, in Indonesian and English, with a source for further reading. */
export interface GlossaryEntry {
  /** From the file name: `grup-minsk`. Anchors are `#istilah-<id>`. */
  readonly id: string;
  readonly term: string;
  readonly termEn: string;
  /** Other spellings matched in article text: "OSCE", "Organisasi untuk Keamanan dan Kerjasama di Eropa". */
  readonly aliases: readonly string[];
  readonly definition: string;
  readonly definitionEn: string;
  /** An https: page for further reading, official or encyclopaedic. */
  readonly source: string;
  readonly sourceName: string;
}

/**
 * An entry as readers of one UI language see it: what an article page carries and the device
 * keeps (IndexedDB `glossary`, keyed by language and id). Articles refer to entries by id, so
 * fixing a definition changes neither an article's JSON nor its hash.
 */
export interface GlossaryText {
  readonly lang: 'id' | 'en';
  readonly id: string;
  /** The term as articles use it (the Indonesian one, whatever the UI language: it names words in the text). */
  readonly term: string;
  /** Other names a reader may know it by: the entry's aliases and its English term. */
  readonly aliases: readonly string[];
  /** In `lang`. */
  readonly definition: string;
  readonly source: string;
  readonly sourceName: string;
}

/** An entry in one UI language. */
export function glossaryText(entry: GlossaryEntry, lang: 'id' | 'en'): GlossaryText {
  const { termEn } = entry;
  return {
    lang,
    id: entry.id,
    term: entry.term,
    aliases: termEn === entry.term || entry.aliases.includes(termEn) ? entry.aliases : [...entry.aliases, termEn],
    definition: lang === 'en' ? entry.definitionEn : entry.definition,
    source: entry.source,
    sourceName: entry.sourceName,
  };
}

/**
 * The ids of every entry an article shows, each once: those its text uses, in order of first
 * use, then the one that explains its publisher. What its page carries, the device keeps and the
 * offline view reads.
 */
export function shownEntryIds(glossary: { readonly entries: readonly string[]; readonly publisher: string | null }): string[] {
  const { entries, publisher } = glossary;
  return [...new Set(publisher === null ? entries : [...entries, publisher])];
}

/** A problem in a glossary file: `line` is 1-based. */
export interface GlossaryProblem {
  readonly id: string;
  readonly line: number;
  readonly message: string;
}

export type GlossaryParseResult =
  | { readonly ok: true; readonly entry: GlossaryEntry; readonly lines: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly problem: GlossaryProblem };

const FIELDS = {
  term: 'term',
  term_en: 'termEn',
  aliases: 'aliases',
  definition: 'definition',
  definition_en: 'definitionEn',
  source: 'source',
  source_name: 'sourceName',
} as const;

type FieldKey = keyof typeof FIELDS;
const REQUIRED: readonly FieldKey[] = ['term', 'term_en', 'definition', 'definition_en', 'source', 'source_name'];

/** A definition is one to three sentences: more belongs in the source. */
const MAX_SENTENCES = 3;

/**
 * Reads one entry file: `key: value` lines (term, term_en, aliases separated by `;`,
 * definition, definition_en, source, source_name). `lines` maps each key and each term or alias
 * to the line it was written on, so cross-entry problems can point at it.
 */
export function parseGlossaryEntry(raw: string, id: string): GlossaryParseResult {
  const fail = (line: number, message: string): GlossaryParseResult => ({ ok: false, problem: { id, line, message } });
  const values = new Map<FieldKey, string>();
  const lines = new Map<string, number>();
  for (const line of splitLines(raw)) {
    if (line.text.trim() === '' || line.text.trimStart().startsWith('#')) continue;
    const match = /^([a-z_]+)\s*:\s*(.*?)\s*$/u.exec(line.text.replace(/^\uFEFF/u, ''));
    if (match === null) return fail(line.number, `expected "key: value", found "${line.text.trim()}"`);
    const [, key = '', value = ''] = match;
    if (!(key in FIELDS)) return fail(line.number, `unknown key "${key}" (known: ${Object.keys(FIELDS).join(', ')})`);
    const field = key as FieldKey;
    if (values.has(field)) return fail(line.number, `"${key}" is given twice`);
    if (value === '') return fail(line.number, `"${key}" has no value`);
    values.set(field, value);
    lines.set(key, line.number);
  }
  const lastLine = splitLines(raw).length;
  for (const key of REQUIRED) {
    if (!values.has(key)) return fail(lastLine, `missing "${key}"`);
  }
  const get = (key: FieldKey): string => values.get(key) ?? '';
  const source = get('source');
  if (!isHttps(source)) return fail(lines.get('source') ?? 1, `source "${source}" must be an https: address`);
  for (const key of ['definition', 'definition_en'] as const) {
    const sentences = countSentences(get(key));
    if (sentences > MAX_SENTENCES) {
      return fail(lines.get(key) ?? 1, `"${key}" has ${sentences} sentences; write one to ${MAX_SENTENCES}`);
    }
  }
  const aliases = get('aliases')
    .split(';')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
  for (const form of [get('term'), ...aliases]) lines.set(`form:${form}`, lines.get(form === get('term') ? 'term' : 'aliases') ?? 1);
  return {
    ok: true,
    lines,
    entry: {
      id,
      term: get('term'),
      termEn: get('term_en'),
      aliases,
      definition: get('definition'),
      definitionEn: get('definition_en'),
      source,
      sourceName: get('source_name'),
    },
  };
}

/**
 * Checks entries against each other: no term or alias may belong to two entries. Forms are
 * compared as matching compares them (acronyms exactly, words without case).
 */
export function findGlossaryConflicts(
  parsed: ReadonlyArray<{ entry: GlossaryEntry; lines: ReadonlyMap<string, number> }>,
): GlossaryProblem[] {
  const owners = new Map<string, { id: string; form: string }>();
  const problems: GlossaryProblem[] = [];
  for (const { entry, lines } of parsed) {
    for (const form of [entry.term, ...entry.aliases]) {
      const key = matchKey(form);
      const owner = owners.get(key);
      const line = lines.get(`form:${form}`) ?? 1;
      if (owner === undefined) owners.set(key, { id: entry.id, form });
      else if (owner.id === entry.id) problems.push({ id: entry.id, line, message: `"${form}" is listed twice` });
      else {
        const what = form === entry.term ? 'term' : 'alias';
        problems.push({ id: entry.id, line, message: `${what} "${form}" is already claimed by "${owner.id}" ("${owner.form}")` });
      }
    }
  }
  return problems;
}

/** The entry whose term or alias is exactly `name` (as matching compares), if any. */
export function findEntryByName(entries: readonly GlossaryEntry[], name: string): GlossaryEntry | null {
  const key = matchKey(name);
  return entries.find((entry) => [entry.term, ...entry.aliases].some((form) => matchKey(form) === key)) ?? null;
}

/** "OSCE", "MINA", "HHI": all capitals (and digits), two or more. Matched only exactly. */
export function isAcronym(form: string): boolean {
  return /^[\p{Lu}\d]{2,}$/u.test(form) && /\p{Lu}/u.test(form);
}

function matchKey(form: string): string {
  return isAcronym(form) ? `A:${form}` : `W:${form.toLocaleLowerCase('id')}`;
}

function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function countSentences(text: string): number {
  return text.split(/[.!?](?:\s+|$)/u).filter((part) => part.trim() !== '').length;
}
