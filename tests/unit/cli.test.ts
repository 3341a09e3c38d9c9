import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('tools/warta.ts');
const SEED = 'content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function warta(args: string[], cwd = process.cwd()): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function contentDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'warta-cli-'));
  await mkdir(join(root, 'content/articles'), { recursive: true });
  for (const [name, body] of Object.entries(files)) await writeFile(join(root, 'content/articles', name), body);
  return root;
}

describe('warta parse', () => {
  it('prints the seed as a structured article', async () => {
    const { code, stdout } = await warta(['parse', SEED]);
    expect(code).toBe(0);
    const article = JSON.parse(stdout) as Record<string, unknown>;
    expect(article).toMatchObject({
      slug: '2020-10-31-armenia-azerbaijan-jenewa',
      date: '2020-10-31',
      editorCode: { text: '(T/Hju/P2)' },
      sourceLine: { text: 'Mi’raj News Agency (MINA)' },
    });
    expect(article['hash']).toMatch(/^[0-9a-f]{64}$/u);
  });

  it.each([
    ['an empty file', '', 1, 'the file is empty'],
    ['a blank file', '\n  \n\t', 1, 'the file is empty'],
    ['a file without paragraphs', 'Baca Juga: Satu\n\nBaca Juga: Dua', 1, 'the text has no paragraphs'],
    ['binary data', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), 1, 'invalid UTF-8'],
    ['a control character', 'Isi.\nLagi\u0000', 2, 'binary data'],
    ['invalid UTF-8', new Uint8Array([...new TextEncoder().encode('Isi.\nCaf'), 0xe9]), 2, 'invalid UTF-8 (byte 0xE9'],
    ['unclosed front matter', '---\ntitle: Judul\nIsi.', 1, 'never closed'],
    ['malformed front matter', '---\ntitle: Judul\njudul tanpa titik dua\n---\nIsi.', 3, 'expected "key: value"'],
  ])('rejects %s with FILE:LINE on stderr and exit code 1', async (_name, body, line, message) => {
    const dir = await contentDir({ 'bad.txt': body });
    const file = join(dir, 'content/articles/bad.txt');
    const { code, stdout, stderr } = await warta(['parse', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.startsWith(`${file}:${line}: `)).toBe(true);
    expect(stderr).toContain(message);
  });

  it('rejects a file that does not exist', async () => {
    const { code, stderr } = await warta(['parse', 'content/articles/tidak-ada.txt']);
    expect(code).toBe(1);
    expect(stderr).toContain('content/articles/tidak-ada.txt:1: cannot read the file (ENOENT)');
  });

  it('prints its usage for an unknown command', async () => {
    const { code, stderr } = await warta(['publish']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: warta parse FILE | warta check');
  });
});

describe('warta check', () => {
  it('passes the content in this repository', async () => {
    const { code, stderr } = await warta(['check']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/content\/articles: \d+ article\(s\) OK/u);
  });

  it('lists every broken file, not just the first', async () => {
    const dir = await contentDir({ 'baik.txt': 'Isi.', 'kosong.txt': '', 'Nama Salah.txt': 'Isi.' });
    const { code, stderr } = await warta(['check'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('content/articles/kosong.txt:1: the file is empty');
    expect(stderr).toContain('content/articles/Nama Salah.txt:1: the file name must be a slug');
    expect(stderr).not.toContain('baik.txt');
  });

  it('reports a time without its zone, an unknown profile and a slug in another script as FILE:LINE', async () => {
    const dir = await contentDir({
      'baik.txt': '---\nsource: minanews-net\nsource_id: 1\npublished: 2018-10-14T09:30:00+07:00\n---\nIsi.',
      'tanpa-zona.txt': '---\ntitle: Judul\npublished: 2018-10-14T09:30:00\n---\nIsi.',
      'profil.txt': '---\nprofile: antara\n---\nIsi.',
      'берита.txt': 'Isi.',
    });
    const { code, stderr } = await warta(['check'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'content/articles/tanpa-zona.txt:3: published "2018-10-14T09:30:00" has no time zone: write it with its offset',
    );
    expect(stderr).toContain('content/articles/profil.txt:2: unknown profile "antara" (known: mina');
    expect(stderr).toContain('content/articles/берита.txt:1: the file name must be a slug of lowercase letters');
    expect(stderr).not.toContain('baik.txt');
  });
});

describe('warta check on the glossary', () => {
  const valid = (term: string, aliases = ''): string =>
    [
      `term: ${term}`,
      `term_en: ${term}`,
      aliases === '' ? '# no aliases' : `aliases: ${aliases}`,
      'definition: Definisi singkat.',
      'definition_en: A short definition.',
      'source: https://example.org/',
      'source_name: Contoh',
    ].join('\n');

  async function withGlossary(files: Record<string, string>): Promise<string> {
    const dir = await contentDir({ 'baik.txt': 'Isi.' });
    await mkdir(join(dir, 'content/glossary'), { recursive: true });
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, 'content/glossary', name), body);
    return dir;
  }

  it('reports a missing field, a duplicate term and an alias claimed twice as FILE:LINE', async () => {
    const dir = await withGlossary({
      'a.txt': valid('Grup Minsk', 'Minsk Group'),
      'b.txt': valid('grup minsk'),
      'c.txt': valid('Kelompok', 'minsk group'),
      'd.txt': valid('Tanpa Sumber').replace('\nsource_name: Contoh', ''),
    });
    const { code, stderr } = await warta(['check'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('content/glossary/b.txt:1: term "grup minsk" is already claimed by "a" ("Grup Minsk")');
    expect(stderr).toContain('content/glossary/c.txt:3: alias "minsk group" is already claimed by "a" ("Minsk Group")');
    expect(stderr).toContain('content/glossary/d.txt:6: missing "source_name"');
  });
});
