import { isAscii } from 'node:buffer';

/**
 * A column of strings as a record in the cache keeps it (tools/file-table.ts): the values read
 * back are one string and where each ends, not a string each. At 100,000 articles an output's
 * record holds 415,000 paths, keys and hashes; splitting them into 1.2 million strings, and a map
 * of the paths, took most of a second of a build that adds one article, much of it the garbage
 * collector's. A value is sliced out only when asked for (`get`), and compared in place (`is`).
 * Values set after reading are kept beside the text until the column is written again.
 */
export class TextColumn {
  /** The values as read, one after another. */
  private text = '';
  /** Where each value as read ends in `text` (UTF-16 units): their count is the rows read. */
  private ends: Uint32Array = new Uint32Array(0);
  /** Values of rows read that were set since. */
  private readonly replaced = new Map<number, string>();
  /** Values of rows added since reading, from row `ends.length` on. */
  private readonly added: string[] = [];

  get length(): number {
    return this.ends.length + this.added.length;
  }

  /** The rows read (those `is` compares in place). */
  get rowsRead(): number {
    return this.ends.length;
  }

  get(row: number): string {
    const read = this.ends.length;
    if (row >= read) return this.added[row - read] ?? '';
    const replaced = this.replaced.size === 0 ? undefined : this.replaced.get(row);
    if (replaced !== undefined) return replaced;
    return this.text.slice(row === 0 ? 0 : (this.ends[row - 1] ?? 0), this.ends[row] ?? 0);
  }

  /** Whether a row's value is `value`, without making a string of it. */
  is(row: number, value: string): boolean {
    const read = this.ends.length;
    if (row >= read) return this.added[row - read] === value;
    const replaced = this.replaced.size === 0 ? undefined : this.replaced.get(row);
    return replaced === undefined ? this.wasRead(row, value) : replaced === value;
  }

  /** Whether a row's value is the empty string. */
  isEmpty(row: number): boolean {
    return this.is(row, '');
  }

  set(row: number, value: string): void {
    const read = this.ends.length;
    if (row >= read) this.added[row - read] = value;
    else if (this.wasRead(row, value)) this.replaced.delete(row);
    else this.replaced.set(row, value);
  }

  /** Adds a row at the end; returns its number. */
  push(value: string): number {
    this.added.push(value);
    return this.length - 1;
  }

  /**
   * The column's values in `rows` (every row when null), as the text and the ends `read` takes
   * back: a column unchanged since it was read is written as it was, not value by value.
   */
  write(rows: readonly number[] | null): { readonly text: string; readonly ends: Uint32Array } {
    if (rows === null && this.replaced.size === 0 && this.added.length === 0) {
      return { text: this.text, ends: this.ends };
    }
    const count = rows === null ? this.length : rows.length;
    const values = new Array<string>(count);
    const ends = new Uint32Array(count);
    let end = 0;
    for (let index = 0; index < count; index += 1) {
      const value = this.get(rows === null ? index : (rows[index] ?? 0));
      values[index] = value;
      end += value.length;
      ends[index] = end;
    }
    return { text: values.join(''), ends };
  }

  /** Whether a row read held `value` when read. */
  private wasRead(row: number, value: string): boolean {
    const start = row === 0 ? 0 : (this.ends[row - 1] ?? 0);
    return (this.ends[row] ?? 0) - start === value.length && this.text.startsWith(value, start);
  }

  /** A column of the values `write` gave, or null when the ends do not fit the text. */
  static read(text: string, ends: Uint32Array): TextColumn | null {
    let last = 0;
    for (const end of ends) {
      if (end < last) return null;
      last = end;
    }
    if (last !== text.length) return null;
    const column = new TextColumn();
    column.text = text;
    column.ends = ends;
    return column;
  }
}

/** A typed array as the bytes it holds (no copy): how the caches write their columns. */
export function bytesOf(array: Uint32Array | Int32Array | Float64Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * A typed array of the bytes a cache holds, or null when they are not a whole number of its
 * elements: copied, so it is aligned as it needs whatever offset the bytes have.
 */
export function typedCopy<T extends Uint32Array | Int32Array | Float64Array>(
  data: Buffer,
  make: (length: number) => T,
  size: number,
): T | null {
  if (data.byteLength % size !== 0) return null;
  const array = make(data.byteLength / size);
  new Uint8Array(array.buffer).set(data);
  return array;
}

/** A text column from its two parts as a cache holds them (`write`'s text as UTF-8, its ends), or null when they do not make `rows` values. */
export function readColumn(text: Buffer, ends: Buffer, rows: number): TextColumn | null {
  const at = typedCopy(ends, (length) => new Uint32Array(length), 4);
  return at === null || at.length !== rows ? null : TextColumn.read(decodeText(text), at);
}

/**
 * UTF-8 bytes as a string. Paths, keys and hashes are ASCII: read as Latin-1, which is the same
 * string for ASCII bytes and is copied rather than decoded (a quarter of the time for the 60 MB
 * of an archive's record; `isAscii` looks at them first in a few milliseconds).
 */
export function decodeText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
