import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../tools/build.js';
import { RECORD_FILE } from '../../tools/build-record.js';
import { compressOutput, gzipMethod, isCompressed } from '../../tools/compress.js';
import { listFolder } from '../../tools/content-folder.js';
import { ContentTable, serializeCache, type Cached } from '../../tools/content-table.js';
import type { ArticleRecord } from '../../tools/content.js';
import { Output, readOutputFile } from '../../tools/output.js';
import { buildCommand } from '../../tools/runtime.js';
import { CACHE_DIR } from '../../tools/cache.js';

const run = promisify(execFile);

const SEED = '2020-10-31-armenia-azerbaijan-jenewa';
const PAGE = await readFile(`content/articles/${SEED}.txt`, 'utf8');

const made: string[] = [];
/** A folder of its own under the system's temporary one, deleted after the tests. */
async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `warta-${name}-`));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the gzip copies of a build', () => {
  it('are standard gzip of each text file: Zopfli where it is asked for, smaller than zlib’s best', async () => {
    const [dir, cache] = await Promise.all([folder('compress'), folder('cache')]);
    const output = await Output.open(dir, cache);
    await output.write('index.html', PAGE);
    await output.write('artikel/satu/index.html', PAGE);
    await output.write('icon.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const compressed = await compressOutput(output, (path) => path === 'index.html');
    expect(compressed.sort()).toEqual(['artikel/satu/index.html', 'index.html']);
    const zopfli = await readFile(join(dir, 'index.html.gz'));
    const zlib = await readFile(join(dir, 'artikel/satu/index.html.gz'));
    expect(gunzipSync(zopfli).toString('utf8')).toBe(PAGE);
    expect(gunzipSync(zlib).toString('utf8')).toBe(PAGE);
    expect(zopfli.byteLength).toBeLessThan(gzipSync(PAGE, { level: 9 }).byteLength);
    expect(existsSync(join(dir, 'icon.png.gz'))).toBe(false);
  });

  it('are made again only for files whose content changed, and go with the files a build drops', async () => {
    const [dir, cache] = await Promise.all([folder('compress'), folder('cache')]);
    const write = async (files: Record<string, string>): Promise<{ output: Output; compressed: string[] }> => {
      const output = await Output.open(dir, cache);
      for (const [path, text] of Object.entries(files)) await output.write(path, text);
      // What makes the folder a build's, which the next build may write over.
      await output.write(RECORD_FILE, '{}');
      await output.sweep(() => true);
      const compressed = await compressOutput(output, (path) => path.endsWith('.html'));
      await output.save();
      return { output, compressed };
    };
    await write({ 'a.html': 'satu', 'b.html': 'dua', 'c.html': 'tiga' });
    const copyOfA = await stat(join(dir, 'a.html.gz'));

    const again = await write({ 'a.html': 'satu', 'b.html': 'dua (diperbarui)' });
    expect(again.compressed).toEqual(['b.html']);
    expect(again.output.list().map((file) => [file.path, file.changed])).toEqual([
      ['a.html', false],
      ['b.html', true],
      [RECORD_FILE, false],
    ]);
    expect((await stat(join(dir, 'a.html.gz'))).mtimeMs).toBe(copyOfA.mtimeMs);
    expect(gunzipSync(await readFile(join(dir, 'b.html.gz'))).toString()).toBe('dua (diperbarui)');
    expect(existsSync(join(dir, 'c.html'))).toBe(false);
    expect(existsSync(join(dir, 'c.html.gz'))).toBe(false);

    // A copy deleted, or a record lost, is made again.
    await rm(join(dir, 'a.html.gz'));
    expect((await write({ 'a.html': 'satu', 'b.html': 'dua (diperbarui)' })).compressed).toEqual(['a.html']);
  });

  it('are made at a fast level for the pages that list articles, and at level 6 for articles, views and data', () => {
    const fast = ['arsip/3/index.html', 'en/glosarium/zakat/2/index.html', 'kategori/nasional/index.html', '404.html'];
    const six = [
      'index.html',
      'en/glosarium/index.html',
      'offline/index.html',
      'artikel/satu/index.html',
      'en/artikel/satu/index.html',
      'articles/satu.json',
      'perubahan/1.json',
      'feed.xml',
    ];
    expect(fast.map(gzipMethod)).toEqual(fast.map(() => 'gzip-fast'));
    expect(six.map(gzipMethod)).toEqual(six.map(() => 'gzip'));
  });

  it('are made for every text file but the build record', () => {
    expect(['.warta/build.json', 'icons/icon-512.png'].map(isCompressed)).toEqual([false, false]);
    expect(['articles/satu.json', 'index.html', 'sitemap-1.xml'].map(isCompressed)).toEqual([true, true, true]);
  });

  it('refuse to build into a folder that holds something other than a build', async () => {
    const dir = await folder('not-a-build');
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(Output.open(dir)).rejects.toThrow(/holds no build of Warta/u);
  });
});

describe('a build whose content changed and code did not', () => {
  it('takes both scripts from the cache, and writes and compresses only what the content changed', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    await cp(`content/articles/${SEED}.txt`, join(content, `${SEED}.txt`));
    const quiet = { out, content, now: new Date('2026-01-01T00:00:00Z'), log: () => undefined };
    await build(quiet);
    await mkdir(content, { recursive: true });
    // The publisher corrected its last paragraph.
    await writeFile(join(content, `${SEED}.txt`), PAGE.replace('mendekati 5.000.', 'mendekati 5.000 orang.'));
    const report: BuildReport = await build(quiet);

    expect(report.scripts).toEqual({ id: 'cached', en: 'cached', 'first-paint': 'cached' });
    const changed = [...report.changed].sort();
    expect(changed).toContain(`artikel/${SEED}/index.html`);
    expect(changed).toContain(`en/artikel/${SEED}/index.html`);
    expect(changed).toContain(`articles/${SEED}.json`);
    expect(changed.filter((path) => path.startsWith('assets/') || /offline/u.test(path))).toEqual([]);
    // Every text file that changed, and nothing else: the packs are gzip members already.
    expect([...report.compressed].sort()).toEqual(changed.filter(isCompressed));
    expect(changed).toContain('perubahan/1.pack');
    const page = await readFile(join(out, `artikel/${SEED}/index.html.gz`));
    expect(gunzipSync(page).toString('utf8')).toContain('mendekati 5.000 orang.');
    // Built here under Vitest (NODE_ENV=test), the scripts must still be production builds: the
    // cache they sit in is the one `npm run build` takes them from.
    for (const script of (await readdir(join(out, 'assets'))).filter((name) => name.endsWith('.js'))) {
      expect(await readFile(join(out, 'assets', script), 'utf8'), script).not.toContain('Lit is in dev mode');
    }
  }, 240_000);
});

describe('npm run build', () => {
  it('runs the build from a bundle made once for its sources, the build’s threads from the bundle too', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    await cp(`content/articles/${SEED}.txt`, join(content, `${SEED}.txt`));
    const [node, ...args] = buildCommand();
    const buildOnce = () => run(node, [...args, '--out', out, '--content', content, '--site', 'https://warta.example']);
    // A cold build: its app files' Zopfli copies are made on the compress threads.
    expect((await buildOnce()).stdout).toMatch(/^build: \d+ ms/mu);
    expect(existsSync(join(out, 'sw.js.gz'))).toBe(true);
    const bundles = async (): Promise<string[]> =>
      (await readdir(CACHE_DIR)).filter((name) => /^bundle-[0-9a-f]{16}$/u.test(name));
    const made = await bundles();
    const newest = (
      await Promise.all(made.map(async (name) => ({ name, time: (await stat(join(CACHE_DIR, name))).mtimeMs })))
    ).sort((a, b) => b.time - a.time)[0]?.name;
    const bundle = join(CACHE_DIR, newest ?? '');
    expect((await readdir(bundle)).filter((name) => !name.startsWith('chunk-'))).toEqual(
      expect.arrayContaining(['build.mjs', 'build-worker.mjs', 'compress-worker.mjs']),
    );
    // Run again: the same bundle.
    expect((await buildOnce()).stdout).toMatch(/^build: \d+ ms/mu);
    expect(await bundles()).toEqual(made);

    // The bundle's build thread publishes an article as the pool asks it to.
    const thread = new Worker(pathToFileURL(resolve(bundle, 'build-worker.mjs')));
    try {
      const answer = new Promise<unknown>((done, fail) => {
        thread.once('message', done);
        thread.once('error', fail);
      });
      thread.postMessage({ context: { out, glossary: [], now: 0, frame: null } });
      thread.postMessage({
        id: 1,
        job: { type: 'publish', files: [{ file: join(content, `${SEED}.txt`), last: undefined }] },
      });
      expect(await answer).toMatchObject({ id: 1, ok: true, result: [{ ok: true, record: { slug: SEED } }] });
    } finally {
      await thread.terminate();
    }
  }, 240_000);
});

describe('the record of an output folder', () => {
  /** Opens the folder, writes `files` (path → text), saves the record: what one build does to it. */
  async function write(dir: string, cache: string, files: Record<string, string>): Promise<Output> {
    const output = await Output.open(dir, cache);
    for (const [path, text] of Object.entries(files)) await output.write(path, text);
    await output.save();
    return output;
  }
  const site: Record<string, string> = {
    // What marks the folder a build's (`Output.open` refuses any other that is not empty).
    [RECORD_FILE]: '{}',
    ...Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`artikel/${String(n)}/index.html`, `<p>${String(n)}`])),
  };

  it('keeps a build’s few changes in a journal beside it, read back with it, and writes it whole when a file goes', async () => {
    const [dir, cache] = await Promise.all([folder('out'), folder('cache')]);
    await write(dir, cache, site);
    const [record] = (await readdir(cache)).filter((name) => name.startsWith('output-'));
    const recordPath = join(cache, record ?? '');
    const journal = `${recordPath}.journal`;
    const whole = await readFile(recordPath);

    // One page changed, one new, every other kept: the record stays, the journal takes two rows.
    const changed = { ...site, 'artikel/1/index.html': '<p>satu', 'artikel/baru/index.html': '<p>baru' };
    const second = await write(dir, cache, changed);
    expect(await readFile(recordPath)).toEqual(whole);
    expect((await readFile(journal, 'utf8')).trim().split('\n')).toHaveLength(4);
    const read = await Output.open(dir, cache);
    expect(read.recordToken()).toBe(second.recordToken());
    expect(read.last('artikel/1/index.html')?.hash).toBe(second.last('artikel/1/index.html')?.hash);
    expect(read.last('artikel/baru/index.html')).toEqual(second.last('artikel/baru/index.html'));

    // A page gone: the record is written whole, without it, and the journal deleted.
    await write(
      dir,
      cache,
      Object.fromEntries(Object.entries(changed).filter(([path]) => path !== 'artikel/2/index.html')),
    );
    expect(existsSync(journal)).toBe(false);
    expect((await Output.open(dir, cache)).last('artikel/2/index.html')).toBeUndefined();
  });

  it('leaves out a save the journal holds cut short, and is no record when a whole save in it is garbled', async () => {
    const [dir, cache] = await Promise.all([folder('out'), folder('cache')]);
    const first = await write(dir, cache, site);
    const [record] = (await readdir(cache)).filter((name) => name.startsWith('output-'));
    const journal = join(cache, `${record ?? ''}.journal`);
    await write(dir, cache, { ...site, 'artikel/1/index.html': '<p>satu' });
    const text = await readFile(journal, 'utf8');

    // Its last line (the save's token) cut off, as by a build stopped while appending: the save
    // is not applied, and the next one writes the record whole.
    await writeFile(journal, text.slice(0, text.lastIndexOf('{"token"')));
    const cut = await Output.open(dir, cache);
    expect(cut.recordToken()).toBe(first.recordToken());
    expect(cut.last('artikel/1/index.html')?.hash).toBe(first.last('artikel/1/index.html')?.hash);
    await write(dir, cache, { ...site, 'artikel/1/index.html': '<p>satu' });
    expect(existsSync(journal)).toBe(false);

    // A row of a whole save garbled: no record at all, so the next build looks through the folder.
    await write(dir, cache, { ...site, 'artikel/3/index.html': '<p>tiga' });
    const lines = (await readFile(journal, 'utf8')).split('\n');
    await writeFile(journal, [lines[0], '["artikel/3/index.html",', ...lines.slice(2)].join('\n'));
    const garbled = await Output.open(dir, cache);
    expect(garbled.recordToken()).toBe('');
    expect(garbled.last('artikel/0/index.html')).toBeUndefined();
  });
});

describe('a build over the last one', () => {
  it('trusts its record of the output: a page deleted by hand comes back with --verify, not without', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    await cp(`content/articles/${SEED}.txt`, join(content, `${SEED}.txt`));
    const quiet = { out, content, now: new Date('2026-01-01T00:00:00Z'), log: () => undefined };
    await build(quiet);
    const page = join(out, `artikel/${SEED}/index.html`);
    const [html, gzip] = await Promise.all([readFile(page), readFile(`${page}.gz`)]);
    await Promise.all([rm(page), rm(`${page}.gz`)]);

    const trusting = await build(quiet);
    expect(trusting.pages.rendered).toBe(0);
    expect(existsSync(page)).toBe(false);

    const verifying = await build({ ...quiet, verify: true });
    expect(verifying.pages.rendered).toBe(1);
    expect(await readFile(page)).toEqual(html);
    expect(await readFile(`${page}.gz`)).toEqual(gzip);

    // A gzip copy alone deleted is made again by the compress stage of a verifying build.
    await rm(`${page}.gz`);
    const again = await build({ ...quiet, verify: true });
    expect(again.pages.rendered).toBe(0);
    expect(again.compressed).toEqual([`artikel/${SEED}/index.html`]);
    expect(await readFile(`${page}.gz`)).toEqual(gzip);
  }, 240_000);

  it('says, when a file its record names was deleted by hand and is needed, which one and to build with --verify', async () => {
    const dir = await folder('out');
    expect(() => readOutputFile(dir, 'articles/hilang.json')).toThrow(
      /articles\/hilang\.json is missing from .*: build with --verify/u,
    );
  });

  it('keeps what changed in the content cache in a journal, and reads again the files of a journal line cut short or of another version', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    const article = (day: number): string =>
      PAGE.replace(/^title: (.*)$/mu, `title: $1 (${String(day)})`).replace(
        /^date: .*$/mu,
        `date: 2020-11-${String(day).padStart(2, '0')}`,
      );
    for (let day = 1; day <= 30; day += 1) await writeFile(join(content, `artikel-${String(day)}.txt`), article(day));
    const quiet = { out, content, now: new Date('2026-01-01T00:00:00Z'), log: () => undefined };
    await build(quiet);
    const cache = `node_modules/.cache/warta/content-${createHash('sha256').update(resolve(content)).digest('hex').slice(0, 16)}.bin`;
    const journal = `${cache}.journal`;
    expect(existsSync(cache)).toBe(true);
    expect(existsSync(journal)).toBe(false);

    // A new article: its row goes to the journal, and the next build reads it from there.
    await writeFile(join(content, 'artikel-baru.txt'), article(30).replace('(30)', '(baru)'));
    expect((await build(quiet)).content).toEqual({ published: 1, reused: 30 });
    expect((await readFile(journal, 'utf8')).split('\n').filter((line) => line !== '')).toHaveLength(2);
    expect((await build(quiet)).content).toEqual({ published: 0, reused: 31 });

    // Its line cut short (a build stopped while appending): that file alone is read again.
    const whole = await readFile(journal, 'utf8');
    await writeFile(journal, whole.slice(0, -40));
    expect((await build(quiet)).content).toEqual({ published: 1, reused: 30 });
    // A journal made under another key (another version of the publisher): ignored.
    await writeFile(journal, whole.replace(/^\{"key":"[^"]*"\}/u, '{"key":"another"}'));
    expect((await build(quiet)).content).toEqual({ published: 1, reused: 30 });
    await writeFile(journal, 'not json\n');
    expect((await build(quiet)).content).toEqual({ published: 1, reused: 30 });
  }, 240_000);
});

describe('the content cache’s file', () => {
  const record = (slug: string, nulls: boolean): ArticleRecord => ({
    slug,
    hash: 'a'.repeat(64),
    title: `Judul ${slug} “kutipan”`,
    lead: 'Paragraf pertama, dengan koma; dan titik.',
    lang: 'id',
    date: nulls ? null : '2020-10-31',
    published: nulls ? null : '2020-10-31T09:30:00+07:00',
    modified: nulls ? null : '2020-11-01T10:00:00+07:00',
    source: nulls ? null : { key: 'minanews-net', id: '123' },
    categories: nulls ? [] : ['Internasional', 'Eropa'],
    glossary: nulls ? [] : ['grup-minsk'],
    publisherEntry: nulls ? null : 'mina',
    bytes: 5210,
  });
  const files = new Map<string, Cached>([
    ['satu.txt', { size: 3316, mtimeMs: 1796079254581.966, record: record('satu', false) }],
    ['dua.txt', { size: 12, mtimeMs: 0, record: record('dua', true) }],
  ]);

  it('gives back every record as written, nulls and empty lists too, under its key only', () => {
    const bytes = serializeCache('kunci', files);
    expect(ContentTable.read(bytes, 'kunci').entries()).toEqual(files);
    expect(ContentTable.read(bytes, 'lain').size).toBe(0);
    expect(ContentTable.read(serializeCache('kunci', new Map()), 'kunci').size).toBe(0);
  });

  it('gives back texts holding any character, and shares the lists records repeat', () => {
    const odd = new Map(files).set('tiga.txt', {
      size: 1,
      mtimeMs: 1,
      record: { ...record('tiga', false), title: 'Judul\0dengan nol', categories: ['Internasional', 'Eropa'] },
    });
    const read = ContentTable.read(serializeCache('kunci', odd), 'kunci').entries();
    expect(read).toEqual(odd);
    expect(read.get('tiga.txt')?.record.categories).toBe(read.get('satu.txt')?.record.categories);
    // Shared, so frozen: a consumer that changed one record's list would change the others'.
    expect(Object.isFrozen(read.get('satu.txt')?.record.categories)).toBe(true);
  });

  it('is no cache when cut short, lengthened, naming a shared value it lacks, or not one at all', () => {
    const bytes = serializeCache('kunci', files);
    expect(ContentTable.read(bytes.subarray(0, bytes.length - 1), 'kunci').size).toBe(0);
    expect(ContentTable.read(Buffer.concat([bytes, Buffer.from('x')]), 'kunci').size).toBe(0);
    expect(() => ContentTable.read(Buffer.from('{"key":"kunci","rows":[]}'), 'kunci')).not.toThrow();
    expect(ContentTable.read(Buffer.from('{"key":"kunci","rows":[]}'), 'kunci').size).toBe(0);
    // The parts, as the header gives their lengths: 9 text columns of two parts each, the
    // numbers, the nulls, each row's numbers of its shared values, then the lists' ends and items.
    const headerEnd = bytes.indexOf('\n', bytes.indexOf('\n') + 1);
    const { lengths } = JSON.parse(bytes.subarray(bytes.indexOf('\n') + 1, headerEnd).toString()) as {
      lengths: number[];
    };
    const partAt = (part: number): number => headerEnd + 1 + lengths.slice(0, part).reduce((sum, n) => sum + n, 0);
    const changed = (at: number): Buffer => {
      const copy = Buffer.from(bytes);
      copy.writeUInt32LE(99, at);
      return copy;
    };
    // A row's list of categories past the lists; a glossary list's id past the ids.
    expect(ContentTable.read(changed(partAt(20) + 4 * 3), 'kunci').size).toBe(0);
    expect(ContentTable.read(changed(partAt(24)), 'kunci').size).toBe(0);
    expect(ContentTable.read(Buffer.from(bytes), 'kunci').size).toBe(2);
  });

  it('finds the rows of names asked for in order, and names the rows passed over as gone', () => {
    const table = ContentTable.read(
      serializeCache(
        'kunci',
        [...files].sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      'kunci',
    );
    expect(table.next('baru.txt')).toBeUndefined();
    expect(table.next('satu.txt')?.record.slug).toBe('satu');
    expect(table.passed()).toEqual(['dua.txt']);
  });
});

describe('the content stage’s look at every article file', () => {
  it('lists the files and their sizes and times on a thread of its own as on the main thread, hidden ones left out', async () => {
    const dir = await folder('stat');
    const names = ['b.txt', 'a.txt', '.tersembunyi', 'c.txt'];
    await Promise.all(names.map((name, index) => writeFile(join(dir, name), 'x'.repeat(index))));
    const seen = async (thread: boolean): Promise<unknown[]> => {
      const { names: found, stats } = await listFolder(dir, thread);
      const statOf = await stats();
      return found.map((name, index) => [name, statOf(index)]);
    };
    const [threaded, here] = await Promise.all([seen(true), seen(false)]);
    expect(threaded).toEqual(here);
    expect(threaded).toEqual([
      ['a.txt', { size: 1, mtimeMs: (await stat(join(dir, 'a.txt'))).mtimeMs }],
      ['b.txt', { size: 0, mtimeMs: (await stat(join(dir, 'b.txt'))).mtimeMs }],
      ['c.txt', { size: 3, mtimeMs: (await stat(join(dir, 'c.txt'))).mtimeMs }],
    ]);
    // Thousands of files: the listing thread and this one take chunks in turn, and the looks are the same.
    const many = await folder('stat-many');
    await Promise.all(
      Array.from({ length: 3000 }, (_, index) => writeFile(join(many, `${String(index)}.txt`), 'x'.repeat(index % 7))),
    );
    const both = await Promise.all(
      [true, false].map(async (thread) => {
        const { names: found, stats } = await listFolder(many, thread);
        const statOf = await stats();
        return found.map((name, index) => [name, statOf(index)?.size]);
      }),
    );
    expect(both[0]).toHaveLength(3000);
    expect(both[0]).toEqual(both[1]);
    // Asked for from the last file back, the looks are the same: none is given before it is looked at.
    const backwards = await listFolder(many, true);
    const statOf = await backwards.stats();
    const sizes = backwards.names.map((_, index, all) => statOf(all.length - 1 - index)?.size).reverse();
    expect(backwards.names.map((name, index) => [name, sizes[index]])).toEqual(both[1]);
    // A folder that is not there is said to be missing either way.
    await expect(listFolder(join(dir, 'hilang'), true)).rejects.toThrow(/ENOENT/u);
  });
});
