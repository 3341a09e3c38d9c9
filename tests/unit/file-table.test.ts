import { describe, expect, it } from 'vitest';
import { CHANGED, FileTable, WRITTEN, type Written } from '../../tools/file-table.js';

const page: Written = {
  hash: 'abcdefghijklmnopqrstuv',
  size: 34_924,
  mtimeMs: 1_764_510_000_123.457,
  key: 'a-key-of-twenty-two-ch',
  gzip: { method: 'gzip', size: 8419, mtimeMs: 1_764_510_000_124.5 },
};
const icon: Written = { hash: 'zyxwvutsrqponmlkjihgfe', size: 1303, mtimeMs: 1_764_510_000_000, gzip: null };

describe('the record of what a build wrote', () => {
  it('reads back every file it was given, keys, gzip copies and times to the fraction of a millisecond', () => {
    const table = new FileTable();
    table.set('artikel/satu/index.html', page, WRITTEN | CHANGED);
    table.set('icons/icon.png', icon, WRITTEN);
    table.set('arsip/9/index.html', page, 0);
    const read = FileTable.read(table.serialize(WRITTEN));
    expect(read.size).toBe(2);
    expect(read.get('artikel/satu/index.html')).toEqual(page);
    expect(read.get('icons/icon.png')).toEqual(icon);
    // Only what this build wrote is kept for the next one.
    expect(read.get('arsip/9/index.html')).toBeUndefined();
    // The next build's marks start empty.
    expect(read.marked('artikel/satu/index.html', WRITTEN)).toBe(false);
  });

  it('is read as empty when it is not such a record, or is cut short', () => {
    const table = new FileTable();
    table.set('index.html', page, WRITTEN);
    const bytes = table.serialize(WRITTEN);
    expect(FileTable.read(Buffer.from('{"index.html":{}}')).size).toBe(0);
    expect(FileTable.read(bytes.subarray(0, bytes.length - 3)).size).toBe(0);
  });

  it('says it is unchanged since read only when every row is marked again with the record it had', () => {
    const table = new FileTable();
    table.set('index.html', page, WRITTEN);
    table.set('icons/icon.png', icon, WRITTEN);
    const bytes = table.serialize(WRITTEN);
    const again = FileTable.read(bytes);
    again.set('index.html', page, WRITTEN);
    expect(again.unchangedSinceRead(WRITTEN)).toBe(false);
    again.mark('icons/icon.png', WRITTEN);
    expect(again.unchangedSinceRead(WRITTEN)).toBe(true);
    again.set('index.html', { ...page, mtimeMs: page.mtimeMs + 1 }, WRITTEN);
    expect(again.unchangedSinceRead(WRITTEN)).toBe(false);
    const added = FileTable.read(bytes);
    added.set('index.html', page, WRITTEN);
    added.mark('icons/icon.png', WRITTEN);
    added.set('feed.xml', icon, WRITTEN);
    expect(added.unchangedSinceRead(WRITTEN)).toBe(false);
    expect(added.gzipSize('index.html')).toBe(8419);
    expect(added.gzipSize('feed.xml')).toBeUndefined();
  });
});

describe('finding a file in the record without a map of every path', () => {
  const many = Array.from(
    { length: 5000 },
    (_, index) => `artikel/berita-${index}-${'é'.repeat(index % 3)}/index.html`,
  );

  it('finds every one of thousands of paths read back, and no path it does not hold', () => {
    const table = new FileTable();
    many.forEach((path, index) => {
      table.set(path, { ...page, hash: `hash-${index}` }, WRITTEN);
    });
    const read = FileTable.read(table.serialize(WRITTEN));
    expect(read.size).toBe(many.length);
    for (const [index, path] of many.entries()) expect(read.get(path)?.hash).toBe(`hash-${index}`);
    // A prefix, an extension and a neighbour of paths it holds are not paths it holds.
    for (const absent of [
      'artikel/berita-1-é',
      'artikel/berita-1-é/index.html.gz',
      'artikel/berita-5000-/index.html',
    ]) {
      expect(read.get(absent)).toBeUndefined();
    }
  });

  it('finds rows set after it was read, and keeps a value set back to what was read', () => {
    const table = new FileTable();
    table.set('index.html', page, WRITTEN);
    table.set('icons/icon.png', icon, WRITTEN);
    const read = FileTable.read(table.serialize(WRITTEN));
    read.set('feed.xml', icon, WRITTEN);
    read.set('index.html', { ...page, hash: 'another' }, WRITTEN);
    read.set('index.html', page, WRITTEN);
    read.mark('icons/icon.png', WRITTEN);
    expect(read.get('feed.xml')).toEqual(icon);
    expect(read.get('index.html')).toEqual(page);
    const again = FileTable.read(read.serialize(WRITTEN));
    expect([again.get('index.html'), again.get('icons/icon.png'), again.get('feed.xml')]).toEqual([page, icon, icon]);
  });

  it('keeps files at the rows it is given as hints when they hold them, and looks up those they do not', () => {
    const table = new FileTable();
    many.forEach((path, index) => {
      table.set(path, { ...page, hash: `hash-${index}` }, WRITTEN);
    });
    const read = FileTable.read(table.serialize(WRITTEN));
    const paths = [many[10] ?? '', many[20] ?? '', many[30] ?? ''];
    const found = new Int32Array(3);
    // Right, wrong, past the end: each path is kept at its own row all the same.
    expect(read.keepKeyed(paths, [10, 21, 99_999], found)).toBe(true);
    expect([...found]).toEqual([10, 20, 30]);
    expect(paths.every((path) => read.marked(path, WRITTEN))).toBe(true);
    expect(read.marked(many[21] ?? '', WRITTEN)).toBe(false);
    // A file not made from a key is not kept, whatever the hint.
    read.set('icons/icon.png', icon, WRITTEN);
    expect(read.keepKeyed(['icons/icon.png'], [read.rowOf('icons/icon.png')])).toBe(false);
    // Kept by its key: at its own row, hint right or wrong; not with another key.
    expect([40, 39, -1].map((hint) => read.markIfKey(many[40] ?? '', page.key ?? '', WRITTEN, hint))).toEqual([
      40, 40, 40,
    ]);
    expect(read.markIfKey(many[41] ?? '', 'another key', WRITTEN, 41)).toBe(-1);
    expect(read.marked(many[41] ?? '', WRITTEN)).toBe(false);
  });

  it('says the row each kept file has in the record it saved, rows left out or not', () => {
    const table = new FileTable();
    many.forEach((path, index) => {
      table.set(path, { ...page, hash: `hash-${index}` }, WRITTEN);
    });
    for (const leftOut of [false, true]) {
      const read = FileTable.read(table.serialize(WRITTEN));
      const kept = many.filter((_, index) => !leftOut || index % 7 !== 0);
      for (const path of kept) read.mark(path, WRITTEN);
      read.set('feed.xml', icon, WRITTEN);
      const rows = [...kept, 'feed.xml'].map((path) => read.rowOf(path));
      const again = FileTable.read(read.serialize(WRITTEN));
      expect(again.size).toBe(kept.length + 1);
      [...kept, 'feed.xml'].forEach((path, index) => {
        expect(again.rowOf(path)).toBe(read.savedRow(rows[index] ?? -1));
      });
      if (leftOut) expect(read.savedRow(read.rowOf(many[7] ?? ''))).toBe(-1);
    }
  });

  it('is read as empty when its slots could send a lookup round for ever or to a row it does not have', () => {
    const table = new FileTable();
    table.set('index.html', page, WRITTEN);
    table.set('icons/icon.png', icon, WRITTEN);
    const bytes = table.serialize(WRITTEN);
    // The slots are the last part: fill every one, or name a row past the end.
    const slots = (entries: readonly number[]): Buffer => {
      const changed = Buffer.from(bytes);
      entries.forEach((entry, index) => changed.writeInt32LE(entry, changed.byteLength - 16 + index * 4));
      return changed;
    };
    const [full, past] = [slots([1, 2, 1, 2]), slots([0, 3, 0, 1])];
    expect(FileTable.read(bytes).size).toBe(2);
    expect(FileTable.read(full).size).toBe(0);
    expect(FileTable.read(past).size).toBe(0);
  });
});
