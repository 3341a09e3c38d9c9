/**
 * The content cache's file (tools/content-cache.ts): each article file's size and time and its
 * record, in columns, as the output's record is kept (tools/file-table.ts). What a record repeats
 * from a few values (its language, its source's key, its publisher's entry, its list of
 * categories, its list of glossary ids) is kept once, in the header, and each row names it by
 * number, so the 100,000 records read back share those strings and lists rather than each making
 * its own (2 million objects were half a second of a build that adds one article, most of it the
 * garbage collector's). The other texts are text columns (tools/text-column.ts); rows are in the
 * order of their file names, so the content stage finds each file's row walking both in step
 * (`ContentTable.next`), never making a map of the names.
 */
import type { ArticleRecord } from './content.js';
import { TextColumn, bytesOf, readColumn, typedCopy } from './text-column.js';

/** What the cache keeps of one file: its size and time when read, and its record. */
export interface Cached {
  readonly size: number;
  readonly mtimeMs: number;
  readonly record: ArticleRecord;
}

const MAGIC = 'warta-content 3\n';
/** The text columns, in order. */
const TEXTS = ['name', 'slug', 'hash', 'title', 'lead', 'date', 'published', 'modified', 'sourceId'] as const;
/** The columns of shared values, in order: each row's number of its value in the header's list. */
const SHARED = ['lang', 'sourceKey', 'publisherEntry', 'categories', 'glossary'] as const;
/** A row's numbers: size, time, bytes of its JSON. */
const NUMBERS = 3;
/** A row's fields that may be null, a bit each. */
const NULLABLE = ['date', 'published', 'modified', 'source', 'publisherEntry'] as const;
const [DATE, PUBLISHED, MODIFIED, SOURCE, PUBLISHER] = [1, 2, 4, 8, 16];

/** The values rows share: strings, and lists of ids. */
interface Shared {
  readonly lang: readonly string[];
  readonly sourceKey: readonly string[];
  readonly publisherEntry: readonly string[];
  readonly categories: readonly (readonly string[])[];
  readonly glossary: readonly (readonly string[])[];
}

/** The lists of ids, kinds in order (each after the numbers' parts: its lists' ends, then their items as numbers of ids). */
const LISTS = ['categories', 'glossary'] as const;

interface Header {
  readonly key: string;
  readonly rows: number;
  readonly lengths: readonly number[];
  /**
   * The shared strings, and each kind of list's distinct ids: the lists themselves are numbers
   * (100,000 articles' glossary lists, each its own, were 900,000 strings of JSON to parse).
   */
  readonly shared: {
    readonly lang: readonly string[];
    readonly sourceKey: readonly string[];
    readonly publisherEntry: readonly string[];
    readonly ids: { readonly categories: readonly string[]; readonly glossary: readonly string[] };
  };
}

/** The cache's bytes: a header line, then each column (`ContentTable.read` takes them back). `files` in name order. */
export function serializeCache(key: string, files: Iterable<readonly [string, Cached]>): Buffer {
  const texts: Record<(typeof TEXTS)[number], string[]> = {
    name: [],
    slug: [],
    hash: [],
    title: [],
    lead: [],
    date: [],
    published: [],
    modified: [],
    sourceId: [],
  };
  const shared = {
    lang: new Values<string>(),
    sourceKey: new Values<string>(),
    publisherEntry: new Values<string>(),
    categories: new Values<readonly string[]>(),
    glossary: new Values<readonly string[]>(),
  };
  const numbers: number[] = [];
  const nulls: number[] = [];
  const indices: number[] = [];
  for (const [name, { size, mtimeMs, record: r }] of files) {
    texts.name.push(name);
    texts.slug.push(r.slug);
    texts.hash.push(r.hash);
    texts.title.push(r.title);
    texts.lead.push(r.lead);
    texts.date.push(r.date ?? '');
    texts.published.push(r.published ?? '');
    texts.modified.push(r.modified ?? '');
    texts.sourceId.push(r.source?.id ?? '');
    indices.push(
      shared.lang.of(r.lang),
      shared.sourceKey.of(r.source?.key ?? ''),
      shared.publisherEntry.of(r.publisherEntry ?? ''),
      shared.categories.of(r.categories),
      shared.glossary.of(r.glossary),
    );
    numbers.push(size, mtimeMs, r.bytes);
    nulls.push(NULLABLE.reduce((bits, field, bit) => (r[field] === null ? bits | (1 << bit) : bits), 0));
  }
  const parts = [
    ...TEXTS.flatMap((name) => {
      const column = new TextColumn();
      for (const value of texts[name]) column.push(value);
      const { text, ends } = column.write(null);
      return [Buffer.from(text, 'utf8'), bytesOf(ends)];
    }),
    bytesOf(new Float64Array(numbers)),
    bytesOf(Uint8Array.from(nulls)),
    bytesOf(Uint32Array.from(indices)),
  ];
  const ids = { categories: new Values<string>(), glossary: new Values<string>() };
  for (const kind of LISTS) {
    const ends = new Uint32Array(shared[kind].list.length);
    const items: number[] = [];
    for (const [index, list] of shared[kind].list.entries()) {
      for (const id of list) items.push(ids[kind].of(id));
      ends[index] = items.length;
    }
    parts.push(bytesOf(ends), bytesOf(Uint32Array.from(items)));
  }
  const header: Header = {
    key,
    rows: nulls.length,
    lengths: parts.map((part) => part.byteLength),
    shared: {
      lang: shared.lang.list,
      sourceKey: shared.sourceKey.list,
      publisherEntry: shared.publisherEntry.list,
      ids: { categories: ids.categories.list, glossary: ids.glossary.list },
    },
  };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), ...parts]);
}

/** Distinct values in the order first met, each with its number (lists compared by their items). */
class Values<T extends string | readonly string[]> {
  readonly list: T[] = [];
  private readonly numbers = new Map<string, number>();

  of(value: T): number {
    const key = typeof value === 'string' ? value : JSON.stringify(value);
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.list.length;
      this.list.push(value);
      this.numbers.set(key, number);
    }
    return number;
  }
}

/**
 * The cache's rows as read, each row's record made when the content stage comes to its file.
 * Asked for names in ascending order (`next`), it walks its rows in step and notes the rows it
 * passed: their files are gone (`passed`).
 */
export class ContentTable {
  /** The next row `next` looks at. */
  private at = 0;
  private readonly skipped: string[] = [];

  private constructor(
    private readonly texts: Readonly<Record<(typeof TEXTS)[number], TextColumn>>,
    private readonly numbers: Float64Array,
    private readonly nulls: Uint8Array,
    private readonly indices: Uint32Array,
    private readonly shared: Shared,
  ) {}

  /** How many rows it holds. */
  get size(): number {
    return this.nulls.length;
  }

  /**
   * The row of file `name`, if it has one. Names must be asked for in ascending order (as
   * JavaScript sorts strings): rows of names before it that were not asked for are passed.
   */
  next(name: string): Cached | undefined {
    const names = this.texts.name;
    while (this.at < this.size) {
      const row = this.at;
      if (names.is(row, name)) {
        this.at += 1;
        return this.row(row);
      }
      const other = names.get(row);
      if (other > name) return undefined;
      this.skipped.push(other);
      this.at += 1;
    }
    return undefined;
  }

  /** The names of the rows passed by `next`, or not reached: files the folder no longer holds. */
  passed(): string[] {
    const rest: string[] = [];
    for (let row = this.at; row < this.size; row += 1) rest.push(this.texts.name.get(row));
    return [...this.skipped, ...rest];
  }

  /** Every row, by file name (the tests read a cache back whole). */
  entries(): Map<string, Cached> {
    const files = new Map<string, Cached>();
    for (let row = 0; row < this.size; row += 1) files.set(this.texts.name.get(row), this.row(row));
    return files;
  }

  /** The rows in a cache's bytes: none when they are not a whole cache of this key. */
  static read(bytes: Buffer | null, key: string): ContentTable {
    try {
      const read = bytes === null ? null : readTable(bytes, key);
      if (read === null) return ContentTable.empty();
      return new ContentTable(read.texts, read.numbers, read.nulls, read.indices, read.shared);
    } catch {
      return ContentTable.empty();
    }
  }

  private row(row: number): Cached {
    const { texts, shared } = this;
    const bits = this.nulls[row] ?? 0;
    const at = row * NUMBERS;
    const index = (column: number): number => this.indices[row * SHARED.length + column] ?? 0;
    const record: ArticleRecord = {
      slug: texts.slug.get(row),
      hash: texts.hash.get(row),
      title: texts.title.get(row),
      lead: texts.lead.get(row),
      lang: shared.lang[index(0)] ?? '',
      date: bits & DATE ? null : texts.date.get(row),
      published: bits & PUBLISHED ? null : texts.published.get(row),
      modified: bits & MODIFIED ? null : texts.modified.get(row),
      source: bits & SOURCE ? null : { key: shared.sourceKey[index(1)] ?? '', id: texts.sourceId.get(row) },
      publisherEntry: bits & PUBLISHER ? null : (shared.publisherEntry[index(2)] ?? ''),
      categories: shared.categories[index(3)] ?? [],
      glossary: shared.glossary[index(4)] ?? [],
      bytes: this.numbers[at + 2] ?? 0,
    };
    return { size: this.numbers[at] ?? -1, mtimeMs: this.numbers[at + 1] ?? -1, record };
  }

  private static empty(): ContentTable {
    const empty = new TextColumn();
    const texts = Object.fromEntries(TEXTS.map((name) => [name, empty])) as Record<(typeof TEXTS)[number], TextColumn>;
    const shared = { lang: [], sourceKey: [], publisherEntry: [], categories: [], glossary: [] };
    return new ContentTable(texts, new Float64Array(0), new Uint8Array(0), new Uint32Array(0), shared);
  }
}

/** A cache's parts, as `readTable` checked them. */
interface TableRead {
  readonly texts: Readonly<Record<(typeof TEXTS)[number], TextColumn>>;
  readonly numbers: Float64Array;
  readonly nulls: Uint8Array;
  readonly indices: Uint32Array;
  readonly shared: Shared;
}

/** The parts in a cache's bytes, or null when they are not a whole cache of this key. */
function readTable(bytes: Buffer, key: string): TableRead | null {
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return null;
  const end = bytes.indexOf('\n', MAGIC.length);
  if (end < 0) return null;
  const header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as unknown;
  if (!isHeader(header) || header.key !== key) return null;
  const { rows } = header;
  const sizes = [...header.lengths];
  if (sizes.length !== TEXTS.length * 2 + 3 + LISTS.length * 2) return null;
  if (end + 1 + sizes.reduce((sum, length) => sum + length, 0) !== bytes.byteLength) return null;
  let at = end + 1;
  const part = (): Buffer => bytes.subarray(at, (at += sizes.shift() ?? 0));
  const texts: Partial<Record<(typeof TEXTS)[number], TextColumn>> = {};
  for (const name of TEXTS) {
    const column = readColumn(part(), part(), rows);
    if (column === null) return null;
    texts[name] = column;
  }
  const numbers = typedCopy(part(), (length) => new Float64Array(length), 8);
  const nulls = new Uint8Array(part());
  const indices = typedCopy(part(), (length) => new Uint32Array(length), 4);
  if (numbers === null || indices === null) return null;
  if (numbers.length !== rows * NUMBERS || nulls.length !== rows || indices.length !== rows * SHARED.length) {
    return null;
  }
  // In the order they were written: the categories' lists, then the glossary's.
  const categories = readLists(part(), part(), header.shared.ids.categories);
  const glossary = readLists(part(), part(), header.shared.ids.glossary);
  if (categories === null || glossary === null) return null;
  const shared: Shared = { ...header.shared, categories, glossary };
  const counts = SHARED.map((name) => shared[name].length);
  for (const [position, index] of indices.entries()) {
    if (index >= (counts[position % SHARED.length] ?? 0)) return null;
  }
  return { texts: texts as Record<(typeof TEXTS)[number], TextColumn>, numbers, nulls, indices, shared };
}

/**
 * One kind's lists from their ends and items (numbers of `ids`), or null when they do not fit.
 * Shared by the records that name them: frozen, so no consumer changes another record's list.
 */
function readLists(endBytes: Buffer, itemBytes: Buffer, ids: readonly string[]): (readonly string[])[] | null {
  const ends = typedCopy(endBytes, (length) => new Uint32Array(length), 4);
  const items = typedCopy(itemBytes, (length) => new Uint32Array(length), 4);
  if (ends === null || items === null) return null;
  const lists: (readonly string[])[] = new Array<readonly string[]>(ends.length);
  let start = 0;
  for (let index = 0; index < ends.length; index += 1) {
    const end = ends[index] ?? 0;
    if (end < start || end > items.length) return null;
    const list = new Array<string>(end - start);
    for (let at = start; at < end; at += 1) {
      const id = ids[items[at] ?? 0];
      if (id === undefined) return null;
      list[at - start] = id;
    }
    lists[index] = Object.freeze(list);
    start = end;
  }
  return start === items.length ? lists : null;
}

function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  const shared = header['shared'] as Record<string, unknown> | null | undefined;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return (
    typeof header['key'] === 'string' &&
    Number.isInteger(header['rows']) &&
    Array.isArray(header['lengths']) &&
    header['lengths'].every((length) => Number.isInteger(length) && (length as number) >= 0) &&
    typeof shared === 'object' &&
    shared !== null &&
    strings(shared['lang']) &&
    strings(shared['sourceKey']) &&
    strings(shared['publisherEntry']) &&
    typeof shared['ids'] === 'object' &&
    shared['ids'] !== null &&
    strings((shared['ids'] as Record<string, unknown>)['categories']) &&
    strings((shared['ids'] as Record<string, unknown>)['glossary'])
  );
}
