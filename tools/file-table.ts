/**
 * What a build knows of each file of its output folder, in columns rather than one object a
 * file: an archive's output has about four files an article, and at 100,000 articles a map of
 * objects took seconds of garbage collection and a 160 MB record to read and write. Numbers live
 * in typed arrays (never scanned by the collector), strings in text columns (tools/text-column.ts:
 * one string a column, a value sliced out only when asked for), and the rows are found by path
 * through a hash table of typed slots; the record on disk is those columns and slots as they are,
 * read back without a string or a map entry a row (tools/output.ts keeps one per output folder in
 * the cache).
 */

import { TextColumn, bytesOf, readColumn, typedCopy } from './text-column.js';

/** How a file's gzip copy was made: Zopfli (smallest), zlib's level 6, or zlib's fast level (tools/compress.ts). */
export type Compression = 'zopfli' | 'gzip' | 'gzip-fast';

/** A file on disk as a build left it. */
export interface OnDisk {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * What a build wrote at one path: a hash of the content, the key it was made from (if it was
 * made from one), and its gzip copy, if one was made from this content.
 */
export interface Written extends OnDisk {
  readonly hash: string;
  readonly key?: string;
  readonly gzip: (OnDisk & { readonly method: Compression }) | null;
}

/** What this build did with a file. */
export const WRITTEN = 1;
export const CHANGED = 2;
export const COMPRESSED = 4;
/** Set by this build (`set`), not only marked as kept: the rows whose gzip copy may need making. */
export const TOUCHED = 8;

const METHODS: readonly (Compression | null)[] = [null, 'gzip', 'zopfli', 'gzip-fast'];
/** Numbers a row: size, time, gzip copy's size and time. */
const NUMBERS = 4;
const MAGIC = 'warta-files 2\n';

export class FileTable {
  /** Rows added since the table was read, by path (those read are found through `slots`). */
  private readonly addedRows = new Map<string, number>();
  /**
   * The rows read, by path: an open-addressed hash table (linear probing, at most half full) of
   * row + 1, 0 for an empty slot, written with the record and read back as it is, so that no map
   * of 415,000 paths is made each build.
   */
  private slots: Int32Array = new Int32Array(0);
  /** Whether a record was set since the table was read: if not, and every row is marked again, it serializes the same. */
  private changedSinceRead = false;
  /** The rows set since the table was read with a record other than the one read (or new): a journal's rows. */
  private readonly dirty = new Set<number>();
  private paths = new TextColumn();
  private keys = new TextColumn();
  private hashes = new TextColumn();
  private numbers: Float64Array = new Float64Array(0);
  private methods: Uint8Array = new Uint8Array(0);
  private marks: Uint8Array = new Uint8Array(0);
  /** Each row's row in the record `serialize` last made, when it left some out (`savedRow`). */
  private renumbered: Int32Array | null = null;
  /**
   * Which writing of the record this is ('' when none): records kept beside it (the pages' record,
   * tools/page-state.ts) name it, so one left from an earlier build is told from the last one's.
   */
  token = '';

  get size(): number {
    return this.paths.length;
  }

  /** The record of a file, if the table has one. */
  get(path: string): Written | undefined {
    const row = this.find(path);
    return row === undefined ? undefined : this.record(row);
  }

  /** The key a file was made from ('' when none), without making a record of it. */
  key(path: string): string | undefined {
    const row = this.find(path);
    return row === undefined ? undefined : this.keys.get(row);
  }

  /**
   * Adds `marks` to a file's row if it was made from `key`, and returns the row (-1 when it was
   * not): one lookup, none when row `hint` holds the path (the content stage asks it of each of
   * 100,000 articles' JSON, whose rows mostly follow one another).
   */
  markIfKey(path: string, key: string, marks: number, hint = -1): number {
    const row = hint >= 0 && hint < this.paths.length && this.paths.is(hint, path) ? hint : this.find(path);
    if (row === undefined || !this.keys.is(row, key)) return -1;
    this.marks[row] = (this.marks[row] ?? 0) | marks;
    return row;
  }

  /** Sets a file's record and adds `marks` (WRITTEN, CHANGED, COMPRESSED) to it. */
  set(path: string, written: Written, marks: number): void {
    let row = this.find(path);
    if (row === undefined) {
      row = this.paths.push(path);
      this.keys.push('');
      this.hashes.push('');
      this.grow(row + 1);
      this.addedRows.set(path, row);
      this.changedSinceRead = true;
      this.dirty.add(row);
    }
    const at = row * NUMBERS;
    const values = [written.size, written.mtimeMs, written.gzip?.size ?? -1, written.gzip?.mtimeMs ?? -1];
    const method = METHODS.indexOf(written.gzip?.method ?? null);
    const key = written.key ?? '';
    if (
      !this.keys.is(row, key) ||
      !this.hashes.is(row, written.hash) ||
      this.methods[row] !== method ||
      values.some((value, index) => this.numbers[at + index] !== value)
    ) {
      this.changedSinceRead = true;
      this.dirty.add(row);
    }
    this.keys.set(row, key);
    this.hashes.set(row, written.hash);
    this.numbers.set(values, at);
    this.methods[row] = method;
    this.marks[row] = (this.marks[row] ?? 0) | marks | TOUCHED;
  }

  /**
   * Marks files WRITTEN, their records as they are, if every one was made from a key: a build
   * that adds one article keeps 300,000 page files this way. `hints` are the rows the paths had
   * when the last build saved the record (`savedRow`), kept by the caller: a hint whose row holds
   * the path saves the lookup (a hash, and a probe into slots spread over 4 MB: half the time of
   * keeping, at 100,000 articles); any other is looked up. Each path's row goes into `found`.
   */
  keepKeyed(paths: readonly string[], hints?: ArrayLike<number>, found?: Int32Array): boolean {
    const rows: number[] = [];
    for (const [index, path] of paths.entries()) {
      const hint = hints?.[index] ?? -1;
      const row = hint >= 0 && hint < this.paths.length && this.paths.is(hint, path) ? hint : this.find(path);
      if (row === undefined || this.keys.isEmpty(row)) return false;
      rows.push(row);
    }
    for (const [index, row] of rows.entries()) {
      this.marks[row] = (this.marks[row] ?? 0) | WRITTEN;
      if (found !== undefined) found[index] = row;
    }
    return true;
  }

  /**
   * Marks the files at `rows` WRITTEN, as `keepKeyed` does, if every row is one the table has
   * and was made from a key: for rows the caller knows hold the files it means (the pages'
   * record's, once a sample of them was found to, tools/build.ts), so no path is made or compared.
   */
  keepRows(rows: ArrayLike<number>, found: Int32Array): boolean {
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] ?? -1;
      if (row < 0 || row >= this.paths.length || this.keys.isEmpty(row)) return false;
    }
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index] ?? 0;
      this.marks[row] = (this.marks[row] ?? 0) | WRITTEN;
      found[index] = row;
    }
    return true;
  }

  /** Whether row `row` holds the file at `path`. */
  holds(row: number, path: string): boolean {
    return row >= 0 && row < this.paths.length && this.paths.is(row, path);
  }

  /** A file's row (-1 when the table has none): a hint for `keepKeyed`, once mapped by `savedRow`. */
  rowOf(path: string): number {
    return this.find(path) ?? -1;
  }

  /**
   * The row a row of this build has in the record `serialize` last made (-1 when it left the row
   * out): the same unless rows were left out, as the rows kept are written in order. A journal's
   * rows are applied in order too, so a table read with it numbers them as this one does.
   */
  savedRow(row: number): number {
    if (this.renumbered === null) return row;
    return this.renumbered[row] ?? -1;
  }

  /**
   * The paths marked WRITTEN that this build set, or that have no gzip copy: the others were kept
   * with the copy the last build made for them.
   */
  pathsSetOrWithoutGzip(): string[] {
    return this.pathsWhere(
      (row, marks) => (marks & WRITTEN) !== 0 && ((marks & TOUCHED) !== 0 || this.methods[row] === 0),
    );
  }

  /** Adds `marks` to a file's row, its record as it is. */
  mark(path: string, marks: number): void {
    const row = this.find(path);
    if (row !== undefined) this.marks[row] = (this.marks[row] ?? 0) | marks;
  }

  /** How the file's gzip copy was made, if it has one, without making a record of it. */
  gzipMethod(path: string): Compression | null {
    const row = this.find(path);
    return row === undefined ? null : (METHODS[this.methods[row] ?? 0] ?? null);
  }

  /** Whether this build marked a file with `mark`. */
  marked(path: string, mark: number): boolean {
    const row = this.find(path);
    return row !== undefined && ((this.marks[row] ?? 0) & mark) !== 0;
  }

  /**
   * The paths the sweep must look at (tools/output.ts), with whether each has a gzip copy and
   * this build's marks: those not marked WRITTEN, and those with a gzip copy, but, with
   * `trustKept`, those kept as they were with the copy the last build made (when the copies are
   * made as the last build made them, the copy it kept is still wanted). No path is made of a row
   * passed over: 400,000 at 100,000 articles.
   */
  *toSweep(trustKept: boolean): Generator<[path: string, gzip: boolean, marks: number]> {
    for (let row = 0; row < this.paths.length; row += 1) {
      const marks = this.marks[row] ?? 0;
      const gzip = (this.methods[row] ?? 0) !== 0;
      const written = (marks & WRITTEN) !== 0;
      if (written && (!gzip || (trustKept && (marks & TOUCHED) === 0))) continue;
      yield [this.paths.get(row), gzip, marks];
    }
  }

  /** The paths this build marked with `mark`, in the order they were first set. */
  pathsMarked(mark: number): string[] {
    return this.pathsWhere((_, marks) => (marks & mark) !== 0);
  }

  /** The size of a file's gzip copy as recorded, if it has one, without making a record of it. */
  gzipSize(path: string): number | undefined {
    const row = this.find(path);
    if (row === undefined || (this.methods[row] ?? 0) === 0) return undefined;
    return this.numbers[row * NUMBERS + 2];
  }

  /** Whether the rows marked with `mark` are the table as it was read: every row, none set since. */
  unchangedSinceRead(mark: number): boolean {
    if (this.changedSinceRead) return false;
    for (let row = 0; row < this.paths.length; row += 1) if (((this.marks[row] ?? 0) & mark) === 0) return false;
    return true;
  }

  /**
   * The rows set since the table was read, as a journal's lines (`applyJournal` takes them), when
   * every row is marked with `mark` (nothing to remove: a journal only adds and replaces rows);
   * null otherwise.
   */
  journalLines(mark: number): string[] | null {
    for (let row = 0; row < this.paths.length; row += 1) if (((this.marks[row] ?? 0) & mark) === 0) return null;
    return [...this.dirty].map((row) => {
      const at = row * NUMBERS;
      const number = (index: number): number => this.numbers[at + index] ?? -1;
      const line: JournalRow = [
        this.paths.get(row),
        this.keys.get(row),
        this.hashes.get(row),
        this.methods[row] ?? 0,
        number(0),
        number(1),
        number(2),
        number(3),
      ];
      return JSON.stringify(line);
    });
  }

  /**
   * Applies a journal's lines to a table just read: each sets a row's record, unmarked, as the
   * build that wrote it left it. Returns false, the table unchanged from then on, at the first
   * line that is not such a row.
   */
  applyJournal(lines: readonly string[]): boolean {
    for (const line of lines) {
      const value = parseJournalLine(line);
      if (!isJournalRow(value)) return false;
      const [path, key, hash, method, size, mtimeMs, gzipSize, gzipMtimeMs] = value;
      const compression = METHODS[method] ?? null;
      this.set(
        path,
        {
          hash,
          size,
          mtimeMs,
          ...(key === '' ? {} : { key }),
          gzip: compression === null ? null : { method: compression, size: gzipSize, mtimeMs: gzipMtimeMs },
        },
        0,
      );
    }
    // Read as it was left: nothing set by this build yet.
    this.marks.fill(0);
    this.dirty.clear();
    this.changedSinceRead = false;
    return true;
  }

  /** The rows marked with `mark`, as the bytes `FileTable.read` takes. */
  serialize(mark: number, token = ''): Buffer {
    const count = this.paths.length;
    const rows: number[] = [];
    for (let row = 0; row < count; row += 1) if (((this.marks[row] ?? 0) & mark) !== 0) rows.push(row);
    // Every row, as most builds keep every file: the columns as they are, not copied row by row.
    const all = rows.length === count ? null : rows;
    this.renumbered = null;
    if (all !== null) {
      this.renumbered = new Int32Array(count).fill(-1);
      for (const [index, row] of all.entries()) this.renumbered[row] = index;
    }
    let numbers = this.numbers.subarray(0, count * NUMBERS);
    let methods = this.methods.subarray(0, count);
    if (all !== null) {
      numbers = new Float64Array(rows.length * NUMBERS);
      methods = new Uint8Array(rows.length);
      for (const [index, row] of rows.entries()) {
        for (let number = 0; number < NUMBERS; number += 1) {
          numbers[index * NUMBERS + number] = this.numbers[row * NUMBERS + number] ?? -1;
        }
        methods[index] = this.methods[row] ?? 0;
      }
    }
    const paths = this.paths.write(all);
    const slots =
      all === null && this.addedRows.size === 0 && this.slots.length > 0 ? this.slots : slotsOf(paths, rows.length);
    const columns = [paths, this.keys.write(all), this.hashes.write(all)];
    const parts = [
      ...columns.flatMap((column) => [Buffer.from(column.text, 'utf8'), bytesOf(column.ends)]),
      bytesOf(numbers),
      bytesOf(methods),
      bytesOf(slots),
    ];
    const header = Buffer.from(
      `${MAGIC}${JSON.stringify({ rows: rows.length, lengths: parts.map((part) => part.byteLength), token })}\n`,
    );
    return Buffer.concat([header, ...parts]);
  }

  /** A table from the bytes `serialize` made, or an empty one when they are not such bytes. */
  static read(bytes: Buffer): FileTable {
    const table = new FileTable();
    let read: TableRead | null;
    try {
      read = readTable(bytes);
    } catch {
      read = null;
    }
    if (read === null) return table;
    table.paths = read.paths;
    table.keys = read.keys;
    table.hashes = read.hashes;
    table.numbers = read.numbers;
    table.methods = read.methods;
    table.marks = new Uint8Array(read.methods.length);
    table.slots = read.slots;
    table.token = read.token;
    return table;
  }

  /** A file's row, if the table has one. */
  private find(path: string): number | undefined {
    const slots = this.slots;
    if (slots.length > 0) {
      const mask = slots.length - 1;
      for (let slot = hashOf(path) & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot] ?? 0;
        if (entry === 0) break;
        if (this.paths.is(entry - 1, path)) return entry - 1;
      }
    }
    return this.addedRows.size === 0 ? undefined : this.addedRows.get(path);
  }

  /** The paths of the rows `keep` says yes to, in order: no path is made of another row. */
  private pathsWhere(keep: (row: number, marks: number) => boolean): string[] {
    const paths: string[] = [];
    for (let row = 0; row < this.paths.length; row += 1) {
      if (keep(row, this.marks[row] ?? 0)) paths.push(this.paths.get(row));
    }
    return paths;
  }

  private record(row: number): Written {
    const at = row * NUMBERS;
    const method = METHODS[this.methods[row] ?? 0] ?? null;
    const key = this.keys.get(row);
    return {
      hash: this.hashes.get(row),
      size: this.numbers[at] ?? -1,
      mtimeMs: this.numbers[at + 1] ?? -1,
      ...(key === '' ? {} : { key }),
      gzip: method === null ? null : { method, size: this.numbers[at + 2] ?? -1, mtimeMs: this.numbers[at + 3] ?? -1 },
    };
  }

  /** Room for `rows` rows in the typed columns, doubling as it fills. */
  private grow(rows: number): void {
    if (rows <= this.methods.length) return;
    const capacity = Math.max(rows, this.methods.length * 2, 1024);
    const numbers = new Float64Array(capacity * NUMBERS);
    numbers.set(this.numbers);
    const methods = new Uint8Array(capacity);
    methods.set(this.methods);
    const marks = new Uint8Array(capacity);
    marks.set(this.marks);
    this.numbers = numbers;
    this.methods = methods;
    this.marks = marks;
  }
}

/**
 * A 32-bit hash of a path (FNV-1a over its UTF-16 units, then mixed as MurmurHash3 finishes), the
 * same in the build that writes the slots and the one that reads them.
 */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** The slots of `count` paths: a power of two, at least twice as many, so a probe soon finds an empty one. */
function slotsOf(paths: { readonly text: string; readonly ends: Uint32Array }, count: number): Int32Array {
  let size = 2;
  while (size < count * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  let start = 0;
  for (let row = 0; row < count; row += 1) {
    const end = paths.ends[row] ?? 0;
    let slot = hashOf(paths.text.slice(start, end)) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = row + 1;
    start = end;
  }
  return slots;
}

/** A record's columns, as `readTable` reads them. */
interface TableRead {
  readonly paths: TextColumn;
  readonly keys: TextColumn;
  readonly hashes: TextColumn;
  readonly numbers: Float64Array;
  readonly methods: Uint8Array;
  readonly slots: Int32Array;
  readonly token: string;
}

/** The columns in a record's bytes, or null when they are not a whole record. */
function readTable(bytes: Buffer): TableRead | null {
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return null;
  const end = bytes.indexOf('\n', MAGIC.length);
  if (end < 0) return null;
  const header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as {
    rows?: unknown;
    lengths?: unknown;
    token?: unknown;
  };
  const { rows, lengths } = header;
  if (typeof rows !== 'number' || !Array.isArray(lengths) || lengths.length !== 9) return null;
  if (!lengths.every((length) => Number.isInteger(length) && length >= 0)) return null;
  const sizes = lengths as number[];
  if (end + 1 + sizes.reduce((sum, length) => sum + length, 0) !== bytes.byteLength) return null;
  let at = end + 1;
  const part = (): Buffer => {
    const length = sizes.shift() ?? 0;
    return bytes.subarray(at, (at += length));
  };
  const column = (): TextColumn | null => readColumn(part(), part(), rows);
  const [paths, keys, hashes] = [column(), column(), column()];
  const numbers = typedCopy(part(), (length) => new Float64Array(length), 8);
  const methods = new Uint8Array(part());
  const slots = typedCopy(part(), (length) => new Int32Array(length), 4);
  if (paths === null || keys === null || hashes === null || numbers === null || slots === null) return null;
  if (numbers.length !== rows * NUMBERS || methods.length !== rows) return null;
  // Slots that could send a probe round for ever, or to a row that is not there, are no record.
  if (slots.length < 2 || (slots.length & (slots.length - 1)) !== 0 || slots.length < rows * 2) return null;
  let filled = 0;
  for (const entry of slots) {
    if (entry < 0 || entry > rows) return null;
    if (entry !== 0) filled += 1;
  }
  if (filled !== rows) return null;
  const token = typeof header.token === 'string' ? header.token : '';
  return { paths, keys, hashes, numbers, methods, slots, token };
}

/** A journal's line: path, key, hash, gzip method's index, then the numbers of the row. */
type JournalRow = [
  path: string,
  key: string,
  hash: string,
  method: number,
  size: number,
  mtimeMs: number,
  gzipSize: number,
  gzipMtimeMs: number,
];

function isJournalRow(value: unknown): value is JournalRow {
  return (
    Array.isArray(value) &&
    value.length === 4 + NUMBERS &&
    typeof value[0] === 'string' &&
    value[0] !== '' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    Number.isInteger(value[3]) &&
    (value[3] as number) >= 0 &&
    (value[3] as number) < METHODS.length &&
    value.slice(4).every((number) => typeof number === 'number')
  );
}

/** A journal's line read as JSON (the output record's here, the content cache's), or null when it is not JSON. */
export function parseJournalLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}
