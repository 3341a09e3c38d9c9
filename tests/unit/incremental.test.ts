import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../tools/build.js';

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

/** The seed as article `number`, dated `number` days after 1 January 2021. */
function article(number: number): string {
  const date = new Date(Date.UTC(2021, 0, 1 + number)).toISOString().slice(0, 10);
  return SEED.replace(/^title: (.*)$/mu, `title: $1 (${String(number)})`).replace(/^date: .*$/mu, `date: ${date}`);
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

/**
 * A build with the clock set to `clock` (the day archive notices say ages from). The scripts come
 * from the shared cache, and each folder's record of what it wrote is kept there by its path.
 */
async function buildAt(clock: string, out: string, content: string): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(clock) });
  try {
    await build({ out, content, log: () => undefined });
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
    for (let number = 1; number <= COUNT; number += 1) await writeFile(join(content, name(number)), article(number));
    await buildAt('2030-06-01T08:00:00Z', incremental, content);

    // One added (the newest), one edited (the publisher corrected it), one withdrawn.
    await writeFile(join(content, name(COUNT + 1)), article(COUNT + 1));
    await writeFile(join(content, name(100)), article(100).replace('mendekati 5.000.', 'mendekati 5.000 orang.'));
    await rm(join(content, name(50)));

    // A year on, every archive notice's age changed too: the incremental build must rewrite those.
    await buildAt('2031-06-01T08:00:00Z', incremental, content);
    await buildAt('2031-06-01T08:00:00Z', clean, content);

    const [after, fresh] = await Promise.all([tree(incremental), tree(clean)]);
    expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
    const differing = [...fresh].filter(([path, bytes]) => !after.get(path)?.equals(bytes)).map(([path]) => path);
    expect(differing).toEqual([]);
    expect(after.has(`artikel/artikel-050/index.html`)).toBe(false);
  }, 300_000);
});

describe('a new article', () => {
  it('changes home, the last archive page and its own files, not the archive pages before it, nor the worker', async () => {
    const [content, out] = await Promise.all([folder('content'), folder('out')]);
    for (let number = 1; number <= 45; number += 1) await writeFile(join(content, name(number)), article(number));
    await build({ out, content, log: () => undefined });
    // Published the same day as the newest: a later day also changes the age in the archive
    // notices whose wording turns with it (docs/ARCHITECTURE.md, Determinism).
    const added = article(45).replace(/^title: (.*)$/mu, 'title: $1, malam');
    await writeFile(join(content, 'artikel-046.txt'), added);
    const report = await build({ out, content, log: () => undefined });

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
        'articles/index.json',
        ...bothLanguages('glosarium/index.html'),
        ...terms.flatMap((path) => bothLanguages(path.replace('index.html', '3/index.html'))),
        ...terms.flatMap(bothLanguages),
      ].sort(),
    );
  }, 120_000);
});
