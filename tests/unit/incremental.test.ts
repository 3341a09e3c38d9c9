import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { build, type BuildReport } from '../../tools/build.js';
import { CACHE_DIR } from '../../tools/cache.js';
import { Output } from '../../tools/output.js';
import { readPageState, serializePageState } from '../../tools/page-state.js';
import { withdrawalText } from '../../tools/import/store.js';

const SEED = await readFile('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');
/** "A few hundred": enough for several archive pages and terms with pages of their own, still fast. */
const COUNT = 200;

const made: string[] = [];
async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `warta-${name}-`));
  made.push(dir);
  return dir;
}

afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * The seed as article `number`, dated `number` days after 1 January 2021, in the category
 * Nasional, and every third in Ekonomi too (the category pages, their index and the change log's
 * entries follow).
 */
function article(number: number): string {
  const date = new Date(Date.UTC(2021, 0, 1 + number)).toISOString().slice(0, 10);
  const categories = number % 3 === 0 ? 'Nasional; Ekonomi' : 'Nasional';
  return SEED.replace(/^title: (.*)$/mu, `title: $1 (${String(number)})\ncategories: ${categories}`).replace(
    /^date: .*$/mu,
    `date: ${date}`,
  );
}

const name = (number: number): string => `artikel-${String(number).padStart(3, '0')}.txt`;

/** Every file under a folder, by path, with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full), await readFile(full));
  }
  return files;
}

/** That two output folders hold the same files, byte for byte. */
async function expectSameFiles(built: string, clean: string): Promise<void> {
  const [after, fresh] = await Promise.all([tree(built), tree(clean)]);
  expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
  expect([...fresh].filter(([path, bytes]) => !after.get(path)?.equals(bytes)).map(([path]) => path)).toEqual([]);
}

/**
 * A build with the clock set to `clock` (the day archive notices say ages from). The scripts come
 * from the shared cache, and each folder's record of what it wrote is kept there by its path.
 */
async function buildAt(clock: string, out: string, content: string): Promise<BuildReport> {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(clock) });
  try {
    return await build({ out, content, site: 'https://warta.example', log: () => undefined });
  } finally {
    vi.useRealTimers();
  }
}

describe('an incremental build', () => {
  it('after an add, an edit and a withdrawal a year later, equals a clean build of the same day byte for byte', async () => {
    const [content, incremental, clean] = await Promise.all([
      folder('content'),
      folder('incremental'),
      folder('clean'),
    ]);
    // A content folder as the importer writes it: articles/ and withdrawn/.
    const articles = join(content, 'articles');
    await mkdir(articles);
    for (let number = 1; number <= COUNT; number += 1) await writeFile(join(articles, name(number)), article(number));
    await buildAt('2030-06-01T08:00:00Z', incremental, content);

    // One added (the newest), one edited (the publisher corrected it and said when), one
    // withdrawn, as `warta withdraw` does it: the withdrawal recorded, the article removed.
    await writeFile(join(articles, name(COUNT + 1)), article(COUNT + 1));
    await writeFile(
      join(articles, name(100)),
      article(100)
        .replace('mendekati 5.000.', 'mendekati 5.000 orang.')
        .replace(/^date: (.*)$/mu, 'date: $1\nmodified: 2031-05-30T10:00:00+07:00'),
    );
    await mkdir(join(content, 'withdrawn'));
    const withdrawn = { slug: 'artikel-050', source: null, sourceId: null, reason: null };
    await writeFile(
      join(content, 'withdrawn', 'artikel-050.txt'),
      withdrawalText({ ...withdrawn, withdrawn: '2031-05-31T09:00:00Z' }),
    );
    await rm(join(articles, name(50)));

    // A year on, every archive notice's age changed too: the incremental build must rewrite those.
    await buildAt('2031-06-01T08:00:00Z', incremental, content);
    await buildAt('2031-06-01T08:00:00Z', clean, content);

    const [after, fresh] = await Promise.all([tree(incremental), tree(clean)]);
    expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
    const differing = [...fresh].filter(([path, bytes]) => !after.get(path)?.equals(bytes)).map(([path]) => path);
    expect(differing).toEqual([]);
    expect(after.has(`artikel/artikel-050/index.html`)).toBe(false);
    // The outputs of the whole site were compared too: feeds, change log, sitemaps, categories.
    for (const path of [
      'feed.xml',
      'en/feed.json',
      'perubahan/index.json',
      'sitemap.xml',
      'kategori/nasional/3/index.html',
    ]) {
      expect(after.has(path), path).toBe(true);
    }
    const log = [...after]
      .filter(([path]) => /^perubahan\/\d+\.json$/u.test(path))
      .map(([, bytes]) => bytes.toString('utf8'))
      .join('\n');
    expect(log).toContain('{"slug":"artikel-050","withdrawn":"2031-05-31T09:00:00Z"}');
    expect(log).toContain('"slug":"artikel-100","modified":"2031-05-30T03:00:00Z"');
  }, 300_000);
});

describe('the change log of an incremental build', () => {
  it('keeps its full pages when an article is added, makes the rest as a clean build does, and after an edit makes again from the page the entry left', async () => {
    const [content, incremental, clean, cleanEdited] = await Promise.all([
      folder('content'),
      folder('incremental'),
      folder('clean'),
      folder('clean-edited'),
    ]);
    const same = async (dir: string, other: string): Promise<void> => {
      const [files, fresh] = await Promise.all([tree(dir), tree(other)]);
      expect([...files.keys()].sort()).toEqual([...fresh.keys()].sort());
      expect([...fresh].filter(([path, bytes]) => !files.get(path)?.equals(bytes)).map(([path]) => path)).toEqual([]);
    };
    // Cut after artikel-178 and artikel-189 (tools/change-log.ts, `endsPage`): three pages.
    for (let number = 1; number <= COUNT; number += 1) await writeFile(join(content, name(number)), article(number));
    expect((await buildAt('2030-06-01T08:00:00Z', incremental, content)).changeLog).toEqual({ made: 3, kept: 0 });

    // A new article joins the last page: the two full ones are kept, not made.
    await writeFile(join(content, name(COUNT + 1)), article(COUNT + 1));
    expect((await buildAt('2030-06-01T08:00:00Z', incremental, content)).changeLog).toEqual({ made: 1, kept: 2 });
    await buildAt('2030-06-01T08:00:00Z', clean, content);
    await same(incremental, clean);

    // An edit moves its entry from page 1 to the end: every page from the first is made again.
    await writeFile(
      join(content, name(60)),
      article(60).replace(/^date: (.*)$/mu, 'date: $1\nmodified: 2030-05-30T10:00:00+07:00'),
    );
    expect((await buildAt('2030-06-01T08:00:00Z', incremental, content)).changeLog).toEqual({ made: 3, kept: 0 });
    await buildAt('2030-06-01T08:00:00Z', cleanEdited, content);
    await same(incremental, cleanEdited);
  }, 300_000);
});

describe('a new article', () => {
  it('changes home, the last archive page, its categories’ first and last pages, the feeds, the change log’s last page and its own files, not the archive pages before it, nor the worker; only those pages are rendered', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    const first = await build({ out, content, site: 'https://warta.example', log: () => undefined });
    // Nothing changed: no file read again, no page rendered.
    const unchanged = await build({ out, content, site: 'https://warta.example', log: () => undefined });
    expect(unchanged.content).toEqual({ published: 0, reused: 45 });
    expect(unchanged.pages).toEqual({ rendered: 0, reused: first.pages.rendered });
    // Published the same day as the newest: a later day also changes the age in the archive
    // notices whose wording turns with it (docs/ARCHITECTURE.md, Determinism).
    const added = article(45).replace(/^title: (.*)$/mu, 'title: $1, malam');
    await writeFile(join(content, 'artikel-046.txt'), added);
    const report = await build({ out, content, site: 'https://warta.example', log: () => undefined });

    const bothLanguages = (path: string): string[] => [path, `en/${path}`];
    // The glossary lists the newest articles of each term the article uses (all the seed's). The
    // worker and the build's record do not change: home and Glosarium are listings, which the
    // worker fetches network-first, so a publish asks no reader to reload.
    const terms = [...new Set(report.changed.filter((path) => /^glosarium\/[^/]+\/index\.html$/u.test(path)))];
    expect(terms.length).toBeGreaterThan(0);
    expect([...report.changed].sort()).toEqual(
      [
        ...bothLanguages('index.html'),
        ...bothLanguages('arsip/3/index.html'),
        ...bothLanguages('artikel/artikel-046/index.html'),
        'articles/artikel-046.json',
        ...bothLanguages('glosarium/index.html'),
        ...terms.flatMap((path) => bothLanguages(path.replace('index.html', '3/index.html'))),
        ...terms.flatMap(bothLanguages),
        // Its categories: Nasional (45 articles before: pages 1 to 3), Ekonomi (15: one page),
        // and the index's counts.
        ...bothLanguages('kategori/nasional/index.html'),
        ...bothLanguages('kategori/nasional/3/index.html'),
        ...bothLanguages('kategori/ekonomi/index.html'),
        ...bothLanguages('kategori/index.html'),
        ...bothLanguages('feed.xml'),
        ...bothLanguages('feed.json'),
        'perubahan/index.json',
        'perubahan/1.json',
        'perubahan/1.pack',
        // Its addresses (the sitemap index's date is the newest article's, which is the same day).
        'sitemap-1.xml',
      ].sort(),
    );
    // Read and rendered: the new article alone, and the pages above (each page in both languages).
    expect(report.content).toEqual({ published: 1, reused: 45 });
    const pages = new Set(
      report.changed.filter((path) => path.endsWith('.html')).map((path) => path.replace(/^en\//u, '')),
    );
    expect(report.pages).toEqual({ rendered: pages.size, reused: first.pages.rendered + 1 - pages.size });
  }, 120_000);
});

describe('the pages’ record kept between builds', () => {
  /** The record of an output folder, where the build keeps it (tools/page-state.ts, beside the output's record). */
  const record = (out: string): string =>
    join(CACHE_DIR, `pages-${createHash('sha256').update(resolve(out)).digest('hex').slice(0, 16)}.bin`);
  const quiet = (out: string, content: string) => buildAt('2030-06-01T08:00:00Z', out, content);

  it('is no record when it is left from an earlier build: an article edited and edited back is made again, byte for byte as a clean build makes it', async () => {
    const [content, out, clean] = await Promise.all([folder('content'), folder('out'), folder('clean')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    await quiet(out, content);
    const earlier = await readFile(record(out));
    // Edited, built, then the earlier record put back (a restored backup, a copied cache) and the
    // edit undone: by that record the article's page is the one it describes, but the folder holds
    // the edited one.
    const original = article(10);
    await writeFile(join(content, name(10)), original.replace('mendekati 5.000.', 'mendekati 5.000 jiwa.'));
    await quiet(out, content);
    await writeFile(record(out), earlier);
    await writeFile(join(content, name(10)), original);
    await quiet(out, content);
    await quiet(clean, content);

    await expectSameFiles(out, clean);
  }, 120_000);

  it('says where each page’s files are in the output’s record, after a build that adds a file and one that removes some', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    /** Each page's files whose row in the record the pages' record gets wrong, or does not know. */
    const misplaced = async (): Promise<string[]> => {
      const state = readPageState(await readFile(record(out)));
      const output = await Output.open(out);
      if (state === null) return ['no record'];
      const wrong: string[] = [];
      const check = (fileName: string, rows: Int32Array, at: number): void => {
        for (const [index, path] of [fileName, `en/${fileName}`].entries()) {
          if (rows[at + index] !== output.rowOf(path) || output.rowOf(path) < 0) wrong.push(path);
        }
      };
      state.keys.forEach((key, index) => {
        check(`artikel/${key.split(' ')[0] ?? ''}/index.html`, state.rows.articles, index * 2);
      });
      const archive = state.rows.lists.get('archive') ?? new Int32Array(0);
      for (let page = 1; page <= Math.ceil((state.lists.get('archive')?.length ?? 0) / 20); page += 1) {
        check(`arsip/${String(page)}/index.html`, archive, (page - 1) * 2);
      }
      return wrong;
    };
    await quiet(out, content);
    expect(await misplaced()).toEqual([]);
    // One more article: the record's journal adds its files' rows after the others.
    await writeFile(join(content, name(46)), article(46));
    await quiet(out, content);
    expect(await misplaced()).toEqual([]);
    // One gone from the middle: its files' rows are left out and those after move up.
    await rm(join(content, name(20)));
    await quiet(out, content);
    expect(await misplaced()).toEqual([]);
  }, 120_000);

  it('is not taken at its word when its rows are wrong: the build still equals a clean one byte for byte', async () => {
    const [content, out, clean] = await Promise.all([folder('content'), folder('out'), folder('clean')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    await quiet(out, content);
    // A well-formed record whose article 20 (from the newest) names article 21's files: taken at
    // its word, article 20's files would not be kept, and the build would delete them.
    const state = readPageState(await readFile(record(out)));
    if (state === null) throw new Error('no pages’ record');
    state.rows.articles.set(state.rows.articles.slice(21 * 2, 22 * 2), 20 * 2);
    await writeFile(record(out), serializePageState(state));
    await writeFile(join(content, name(46)), article(46));
    await quiet(out, content);
    await quiet(clean, content);

    await expectSameFiles(out, clean);
  }, 120_000);

  it('is no record when it is cut short or garbled, and the build still equals a clean one byte for byte', async () => {
    const [content, out, clean] = await Promise.all([folder('content'), folder('out'), folder('clean')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    await quiet(out, content);
    const whole = await readFile(record(out));
    for (const [added, bytes] of [
      [46, whole.subarray(0, Math.floor(whole.length / 2))],
      [47, Buffer.concat([whole, Buffer.from('\0\0\0\0')])],
      [48, Buffer.from(whole.toString('latin1').replace('"archive"', '"arsip"'), 'latin1')],
    ] as const) {
      await writeFile(record(out), bytes);
      await writeFile(join(content, name(added)), article(added));
      await quiet(out, content);
    }
    // And it is written whole again, for the next build (looked at before the clean build, whose
    // clock, years on, finds every other folder's record unused for two weeks and prunes it).
    expect((await readFile(record(out))).subarray(0, 14).toString()).toBe('warta-pages 3\n');
    await quiet(clean, content);

    await expectSameFiles(out, clean);
  }, 120_000);
});
