/**
 * `npm run bench:scale [-- N …]`: a benchmark, not a test. For each N (default 1,000, 10,000 and
 * 100,000; or BENCH_SCALE=1000,10000) it generates an archive of N synthetic articles
 * (bench/synthetic.ts) under BENCH_SCALE_DIR (default /tmp/warta-scale), then runs the build
 * as `npm run build` does (its command from package.json, without npm's start-up, under
 * /usr/bin/time for its peak memory), with a cache and an output folder of its own:
 *
 * - cold: cache and output deleted (the scripts are built too);
 * - nothing changed;
 * - one new article, then one edited, then one withdrawn (the file removed and
 *   `withdrawn/<slug>.txt` written, as `warta withdraw` does), each built on its own.
 *
 * It prints and merges into bench/results.json (`scaleRun`, one entry per N, so one N can be run
 * again alone): each build's time whole and per stage (as the build prints them), CPU time, peak
 * RSS, what it published and rendered; the output's files and bytes per article; articles per
 * second; the size of the pages the service worker keeps; and the machine and its load.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { contentPaths, withdraw } from '../tools/import/store.js';
import type { BuildRecord } from '../tools/build-record.js';
import { buildCommand } from '../tools/runtime.js';
import { syntheticArticle, writeArchive } from './synthetic.js';

const SIZES = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : (process.env['BENCH_SCALE'] ?? '').split(','))
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const ROOT = process.env['BENCH_SCALE_DIR'] ?? '/tmp/warta-scale';

/** One build as the benchmark saw it. */
interface BuildRun {
  readonly seconds: number;
  /** CPU time of every thread, user and system: more than `seconds` when both cores worked. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /** Each stage's time, as the build printed it. */
  readonly stagesMs: Readonly<Record<string, number>>;
  /** The build's own lines about what it published and rendered. */
  readonly notes: readonly string[];
}

interface ScaleFigures {
  readonly articles: number;
  readonly date: string;
  readonly loadBefore: readonly number[];
  readonly cold: BuildRun;
  readonly unchanged: BuildRun;
  readonly added: BuildRun;
  readonly edited: BuildRun;
  readonly withdrawn: BuildRun;
  readonly articlesPerSecondCold: number;
  readonly output: {
    readonly files: number;
    readonly bytes: number;
    readonly filesPerArticle: number;
    readonly bytesPerArticle: number;
  };
  /** The app's pages the service worker keeps (from the build's record): bytes and gzip bytes. */
  readonly workerPages: Readonly<Record<string, { readonly bytes: number; readonly gzipBytes: number }>>;
}

/** Runs the build once, timed, and reads what it printed. */
async function runBuild(content: string, out: string, cache: string): Promise<BuildRun> {
  const args = [
    '-f',
    '%e %U %S %M',
    ...buildCommand(),
    '--content',
    content,
    '--out',
    out,
    '--cache',
    cache,
    // The feeds and sitemaps name a site, as a deployment's build does.
    '--site',
    'https://warta.example',
  ];
  // What the runs before left to write (the archive just generated, the folder of the last run
  // deleted, the last build's gigabyte of output) is written out first, untimed: on this machine
  // the disk then made each new file take 0.5 ms rather than 0.02 ms, and a cold build of
  // 10,000 articles, which makes 83,000, 30 to 35 s rather than 24.
  execFileSync('sync');
  const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    process.stdout.write(`    ${chunk.toString().trimEnd().replaceAll('\n', '\n    ')}\n`);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const timeLine = stderr.trim().split('\n').at(-1) ?? '';
  if (code !== 0) throw new Error(`the build failed (${String(code)}):\n${stderr}`);
  const [elapsed = 0, user = 0, system = 0, rssKb = 0] = timeLine.split(' ').map(Number);
  const stagesMs: Record<string, number> = {};
  const notes: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\w+): (\d+) ms \([^)]*\)(?:: (.*))?$/u.exec(line);
    if (match === null) continue;
    const [, name = '', ms = '0', note] = match;
    if (name !== 'build') stagesMs[name] = Number(ms);
    if (note !== undefined) notes.push(`${name}: ${note}`);
  }
  return {
    seconds: elapsed,
    cpuSeconds: Math.round((user + system) * 10) / 10,
    peakRssMb: Math.round(rssKb / 1024),
    stagesMs,
    notes,
  };
}

/** Every file under a folder: how many, and their bytes. */
async function sizeOf(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/**
 * The pages the service worker keeps (app files that are pages, and the listings it keeps as last
 * fetched: home and Glosarium), with their bytes as built and gzipped.
 */
async function workerPages(out: string): Promise<ScaleFigures['workerPages']> {
  const record = JSON.parse(await readFile(join(out, '.warta/build.json'), 'utf8')) as BuildRecord;
  const pages: Record<string, { bytes: number; gzipBytes: number }> = {};
  const urls = [
    ...record.app.files.filter((file) => file.url.endsWith('.html')).map((file) => file.url),
    ...record.app.listings.map((listing) => `${listing.path}index.html`),
  ];
  for (const url of urls) {
    const path = join(out, url.slice(1));
    pages[url] = { bytes: (await stat(path)).size, gzipBytes: (await stat(`${path}.gz`)).size };
  }
  return pages;
}

function machine(): Record<string, unknown> {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

async function bench(count: number): Promise<ScaleFigures> {
  const dir = join(ROOT, String(count));
  const content = join(dir, 'content');
  const [out, cache] = [join(dir, 'out'), join(dir, 'cache')];
  // The archive is made again every run (a few seconds a 10,000): the incremental steps change it.
  process.stdout.write(`${count.toLocaleString('en')} articles: generating in ${content}\n`);
  await rm(dir, { recursive: true, force: true });
  const slugs = await writeArchive(content, count);
  const loadBefore = loadavg().map((value) => Math.round(value * 100) / 100);

  process.stdout.write(`  cold (load ${loadBefore.join(', ')})\n`);
  const cold = await runBuild(content, out, cache);
  const output = await sizeOf(out);
  const pages = await workerPages(out);
  process.stdout.write('  nothing changed\n');
  const unchanged = await runBuild(content, out, cache);

  process.stdout.write('  one new article\n');
  const added = syntheticArticle(count, count);
  await writeFile(join(content, 'articles', `${added.slug}.txt`), added.text);
  const addedRun = await runBuild(content, out, cache);

  process.stdout.write('  one article edited\n');
  const edited = join(content, 'articles', `${slugs[Math.floor(count / 2)] ?? ''}.txt`);
  const text = await readFile(edited, 'utf8');
  await writeFile(edited, text.replace(/\.\n/u, ', kata sumber itu.\n'));
  const editedRun = await runBuild(content, out, cache);

  process.stdout.write('  one article withdrawn\n');
  const withdrawnSlug = slugs[Math.floor(count / 3)] ?? '';
  await withdraw(contentPaths(content), {
    slug: withdrawnSlug,
    source: 'minanews-net',
    sourceId: null,
    withdrawn: '2026-07-01T00:00:00Z',
    reason: 'benchmark',
  });
  const withdrawnRun = await runBuild(content, out, cache);
  return {
    articles: count,
    date: new Date().toISOString(),
    loadBefore,
    cold,
    unchanged,
    added: addedRun,
    edited: editedRun,
    withdrawn: withdrawnRun,
    articlesPerSecondCold: Math.round(count / cold.seconds),
    output: {
      ...output,
      filesPerArticle: Math.round((output.files / count) * 100) / 100,
      bytesPerArticle: Math.round(output.bytes / count),
    },
    workerPages: pages,
  };
}

const sizes = SIZES.length > 0 ? SIZES : [1_000, 10_000, 100_000];
await mkdir(ROOT, { recursive: true });
const results = existsSync('bench/results.json')
  ? (JSON.parse(await readFile('bench/results.json', 'utf8')) as Record<string, unknown>)
  : {};
const scaleRun: Record<string, unknown> = {
  ...((results['scaleRun'] as Record<string, unknown> | undefined) ?? {}),
  machine: machine(),
};
for (const count of sizes) {
  const figures = await bench(count);
  scaleRun[String(count)] = figures;
  // Written after each size: the largest takes many minutes.
  await writeFile('bench/results.json', `${JSON.stringify({ ...results, scaleRun }, null, 2)}\n`);
  const row = (name: string, run: BuildRun): string =>
    `  ${name.padEnd(10)} ${run.seconds.toFixed(1).padStart(7)} s  cpu ${run.cpuSeconds.toFixed(1).padStart(6)} s  peak ${String(run.peakRssMb).padStart(5)} MB  ${Object.entries(
      run.stagesMs,
    )
      .map(([stage, ms]) => `${stage} ${String(ms)}`)
      .join(', ')}`;
  process.stdout.write(
    [
      `${count.toLocaleString('en')} articles (load before: ${figures.loadBefore.join(', ')})`,
      row('cold', figures.cold),
      row('unchanged', figures.unchanged),
      row('+1 new', figures.added),
      row('1 edited', figures.edited),
      row('1 withdrawn', figures.withdrawn),
      `  ${String(figures.articlesPerSecondCold)} articles/s cold; ${String(figures.output.files)} files, ${String(figures.output.filesPerArticle)} files and ${String(figures.output.bytesPerArticle)} B per article`,
      `  pages the worker keeps: ${Object.entries(figures.workerPages)
        .map(([url, size]) => `${url} ${String(size.bytes)} B (${String(size.gzipBytes)} gz)`)
        .join(', ')}`,
      '',
    ].join('\n'),
  );
}
process.stdout.write('wrote bench/results.json (scaleRun)\n');
// The archives are large (about 130 KB of output an article): delete them unless asked to keep them.
if (process.env['BENCH_SCALE_KEEP'] === undefined) execFileSync('rm', ['-rf', ROOT]);
