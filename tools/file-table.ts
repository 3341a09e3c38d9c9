/**
 * What a build knows of each file of its output folder, in columns rather than one object a
 * file: an archive's output has about four files an article, and at 100,000 articles a map of
 * objects took seconds of garbage collection and a 160 MB record to read and write. Numbers live
 * in typed arrays (never scanned by the collector); the record on disk is those columns as they
 * are, with the strings joined, read back with one `split` each (tools/output.ts keeps one per
 * output folder in the cache).
 */

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
const MAGIC = 'warta-files 1\n';
const SEPARATOR = '\0';

export class FileTable {
  private readonly rows = new Map<string, number>();
  /** Whether a record was set since the table was read: if not, and every row is marked again, it serializes the same. */
  private changedSinceRead = false;
  /** The rows set since the table was read with a record other than the one read (or new): a journal's rows. */
  private readonly dirty = new Set<number>();
  private paths: string[] = [];
  private keys: string[] = [];
  private hashes: string[] = [];
  private numbers = new Float64Array(0);
  private methods = new Uint8Array(0);
  private marks = new Uint8Array(0);
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
    const row = this.rows.get(path);
    return row === undefined ? undefined : this.record(row);
  }

  /** The key a file was made from ('' when none), without making a record of it. */
  key(path: string): string | undefined {
    const row = this.rows.get(path);
    return row === undefined ? undefined : this.keys[row];
  }

  /**
   * Adds `marks` to a file's row if it was made from `key`, and says whether it was: one lookup
   * (the content stage asks it of each of 100,000 articles' JSON).
   */
  markIfKey(path: string, key: string, marks: number): boolean {
    const row = this.rows.get(path);
    if (row === undefined || this.keys[row] !== key) return false;
    this.marks[row] = (this.marks[row] ?? 0) | marks;
    return true;
  }

  /** Sets a file's record and adds `marks` (WRITTEN, CHANGED, COMPRESSED) to it. */
  set(path: string, written: Written, marks: number): void {
    let row = this.rows.get(path);
    if (row === undefined) {
      row = this.paths.length;
      this.grow(row + 1);
      this.rows.set(path, row);
      this.paths.push(path);
      this.keys.push('');
      this.hashes.push('');
      this.changedSinceRead = true;
      this.dirty.add(row);
    }
    const at = row * NUMBERS;
    const values = [written.size, written.mtimeMs, written.gzip?.size ?? -1, written.gzip?.mtimeMs ?? -1];
    const method = METHODS.indexOf(written.gzip?.method ?? null);
    const key = written.key ?? '';
    if (
      this.keys[row] !== key ||
      this.hashes[row] !== written.hash ||
      this.methods[row] !== method ||
      values.some((value, index) => this.numbers[at + index] !== value)
    ) {
      this.changedSinceRead = true;
      this.dirty.add(row);
    }
    this.keys[row] = key;
    this.hashes[row] = written.hash;
    this.numbers.set(values, at);
    this.methods[row] = method;
    this.marks[row] = (this.marks[row] ?? 0) | marks | TOUCHED;
  }

  /**
   * Marks files WRITTEN, their records as they are, if every one was made from a key (one
   * lookup a path: a build that adds one article keeps 300,000 page files this way).
   */
  keepKeyed(paths: readonly string[]): boolean {
    const rows: number[] = [];
    for (const path of paths) {
      const row = this.rows.get(path);
      if (row === undefined || this.keys[row] === '') return false;
      rows.push(row);
    }
    for (const row of rows) this.marks[row] = (this.marks[row] ?? 0) | WRITTEN;
    return true;
  }

  /**
   * The paths marked WRITTEN that this build set, or that have no gzip copy: the others were kept
   * with the copy the last build made for them.
   */
  pathsSetOrWithoutGzip(): string[] {
    return this.paths.filter((_, row) => {
      const marks = this.marks[row] ?? 0;
      return (marks & WRITTEN) !== 0 && ((marks & TOUCHED) !== 0 || (this.methods[row] ?? 0) === 0);
    });
  }

  /** Adds `marks` to a file's row, its record as it is. */
  mark(path: string, marks: number): void {
    const row = this.rows.get(path);
    if (row !== undefined) this.marks[row] = (this.marks[row] ?? 0) | marks;
  }

  /** How the file's gzip copy was made, if it has one, without making a record of it. */
  gzipMethod(path: string): Compression | null {
    const row = this.rows.get(path);
    return row === undefined ? null : (METHODS[this.methods[row] ?? 0] ?? null);
  }

  /** Whether this build marked a file with `mark`. */
  marked(path: string, mark: number): boolean {
    const row = this.rows.get(path);
    return row !== undefined && ((this.marks[row] ?? 0) & mark) !== 0;
  }

  /**
   * Every path, with whether it has a gzip copy and this build's marks: no record made of each
   * (400,000 paths at 100,000 articles, looked through by every build's sweep).
   */
  *entries(): Generator<[path: string, gzip: boolean, marks: number]> {
    for (let row = 0; row < this.paths.length; row += 1) {
      yield [this.paths[row] ?? '', (this.methods[row] ?? 0) !== 0, this.marks[row] ?? 0];
    }
  }

  /** The paths this build marked with `mark`, in the order they were first set. */
  pathsMarked(mark: number): string[] {
    return this.paths.filter((_, row) => ((this.marks[row] ?? 0) & mark) !== 0);
  }

  /** The size of a file's gzip copy as recorded, if it has one, without making a record of it. */
  gzipSize(path: string): number | undefined {
    const row = this.rows.get(path);
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
        this.paths[row] ?? '',
        this.keys[row] ?? '',
        this.hashes[row] ?? '',
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
    const all = rows.length === count;
    const text = (column: readonly string[]): Buffer =>
      Buffer.from((all ? column : rows.map((row) => column[row] ?? '')).join(SEPARATOR), 'utf8');
    let numbers = this.numbers.subarray(0, count * NUMBERS);
    let methods = this.methods.subarray(0, count);
    if (!all) {
      numbers = new Float64Array(rows.length * NUMBERS);
      methods = new Uint8Array(rows.length);
      for (const [index, row] of rows.entries()) {
        for (let number = 0; number < NUMBERS; number += 1) {
          numbers[index * NUMBERS + number] = this.numbers[row * NUMBERS + number] ?? -1;
        }
        methods[index] = this.methods[row] ?? 0;
      }
    }
    const parts = [
      text(this.paths),
      text(this.keys),
      text(this.hashes),
      Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      Buffer.from(methods.buffer, methods.byteOffset, methods.byteLength),
    ];
    const header = Buffer.from(
      `${MAGIC}${JSON.stringify({ rows: rows.length, lengths: parts.map((part) => part.byteLength), token })}\n`,
    );
    return Buffer.concat([header, ...parts]);
  }

  /** A table from the bytes `serialize` made, or an empty one when they are not such bytes. */
  static read(bytes: Buffer): FileTable {
    const table = new FileTable();
    if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return table;
    const end = bytes.indexOf('\n', MAGIC.length);
    const header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as {
      rows: number;
      lengths: number[];
      token?: unknown;
    };
    const [paths = 0, keys = 0, hashes = 0, numbers = 0, methods = 0] = header.lengths;
    let at = end + 1;
    const column = (length: number): string[] => {
      const text = bytes.subarray(at, at + length).toString('utf8');
      at += length;
      return header.rows === 0 ? [] : text.split(SEPARATOR);
    };
    table.paths = column(paths);
    table.keys = column(keys);
    table.hashes = column(hashes);
    // Copied, so the numbers are aligned as Float64Array needs whatever offset the bytes have.
    table.numbers = new Float64Array(numbers / Float64Array.BYTES_PER_ELEMENT);
    new Uint8Array(table.numbers.buffer).set(bytes.subarray(at, at + numbers));
    at += numbers;
    table.methods = new Uint8Array(bytes.subarray(at, at + methods));
    table.marks = new Uint8Array(header.rows);
    if ([table.paths, table.keys, table.hashes].some((list) => list.length !== header.rows)) return new FileTable();
    if (table.numbers.length !== header.rows * NUMBERS || table.methods.length !== header.rows) return new FileTable();
    table.paths.forEach((path, row) => table.rows.set(path, row));
    table.token = typeof header.token === 'string' ? header.token : '';
    return table;
  }

  private record(row: number): Written {
    const at = row * NUMBERS;
    const method = METHODS[this.methods[row] ?? 0] ?? null;
    const key = this.keys[row] ?? '';
    return {
      hash: this.hashes[row] ?? '',
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
