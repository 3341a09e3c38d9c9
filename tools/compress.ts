/**
 * Writes a gzip copy (`.gz`) beside every text file of the build, so the server sends compressed
 * bytes without compressing per request, and the byte budgets measure exactly what a reader
 * downloads. What each byte is worth decides the method: the app files (what the service worker
 * keeps, src/sw/app-files.ts) and sw.js, a few dozen files every reader downloads, get Zopfli
 * (@gfx/zopfli, WebAssembly: standard gzip about 3 % smaller than zlib's level 9, at about five
 * files a second); the article pages (a reader's first visit is often one: its budget counts
 * every byte), the other views (home and Glosarium, fetched on every visit), the articles' JSON
 * (what a device's sync downloads), the feeds, the change log and the sitemaps get zlib's level 6;
 * the thousands of pages that list articles (the archive, each term's and category's pages), each
 * fetched by few readers, a fast level (`GZIP_LEVELS`, tools/output.ts): gzip at level 6 was a
 * third of what the build's threads did for a page. Brotli copies are not made: no deployment of Warta serves them
 * (the serve script and the nginx example serve gzip).
 *
 * Only files whose content changed since the last build are compressed again (tools/output.ts),
 * on a pool of threads, one per core.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { articleSlugFromPath } from '../src/routes.js';
import { LOCALES, VIEWS } from '../src/sw/app-files.js';
import { GZIP_LEVELS, type Compression, type Output } from './output.js';
import { moduleThread } from './runtime.js';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.map']);

/** One file to compress, sent to a thread of the pool. */
export interface CompressJob {
  readonly file: string;
  readonly path: string;
  readonly method: Compression;
}

/** A thread's answer: the file's path, and why it failed, if it did. */
export interface CompressDone {
  readonly path: string;
  readonly error: string | null;
}

/** Whether a file of the site gets a gzip copy: text does, images and the build record do not. */
export function isCompressed(path: string): boolean {
  return TEXT.has(extname(path)) && !path.startsWith('.');
}

/** The views' files in every UI language (home, Glosarium, Tersimpan, /cari/, the offline shell). */
const VIEW_FILES = new Set(VIEWS.flatMap((view) => LOCALES.map((locale) => `${view.path(locale).slice(1)}index.html`)));

/**
 * How a file's gzip copy is made when it is not worth Zopfli's time: a function of its path alone,
 * so the build's threads, which compress the pages they write, and the compress stage agree.
 */
export function gzipMethod(path: string): Exclude<Compression, 'zopfli'> {
  const many = path.endsWith('.html') && !VIEW_FILES.has(path) && articleSlugFromPath(`/${dirname(path)}`) === null;
  return many ? 'gzip-fast' : 'gzip';
}

/**
 * Makes the gzip copies the output lacks: those of files new or changed since the last build, or
 * whose copy was deleted or made another way. `zopfli` says which files are worth Zopfli's time.
 * Returns the paths compressed.
 */
export async function compressOutput(
  output: Output,
  zopfli: (path: string) => boolean,
  {
    kept = 'look',
  }: {
    /**
     * Whether the files kept with the last build's gzip copy are looked at (`look`), or taken to
     * have the copy this method makes (`trust`): the caller knows the methods are the last build's
     * (the same code, the same Zopfli files), so it made them so.
     */
    kept?: 'look' | 'trust';
  } = {},
): Promise<string[]> {
  const jobs: CompressJob[] = [];
  for (const path of kept === 'look' ? output.paths() : output.pathsSetOrWithoutGzip()) {
    if (!isCompressed(path)) continue;
    const method = zopfli(path) ? 'zopfli' : gzipMethod(path);
    if (!output.hasGzip(path, method)) jobs.push({ file: join(output.dir, path), path, method });
  }
  // Zopfli's few slow files first, so the fast ones fill in around them.
  jobs.sort((a, b) => Number(b.method === 'zopfli') - Number(a.method === 'zopfli'));
  const bytes = jobs.reduce((sum, job) => sum + (output.last(job.path)?.size ?? Number.POSITIVE_INFINITY), 0);
  if (bytes <= INLINE_BYTES && jobs.every((job) => job.method !== 'zopfli')) {
    // A few zlib copies (a new article's build): made by zlib's own threads (libuv's), all at
    // once, faster than starting the pool's threads, and on both cores.
    await Promise.all(jobs.map(compressFile));
  } else {
    await runPool(jobs);
  }
  for (const job of jobs) output.madeGzip(job.path, job.method);
  return jobs.map((job) => job.path);
}

/** A zlib copy made without the pool (what the pool's threads do for a job that is not Zopfli's). */
async function compressFile(job: CompressJob): Promise<void> {
  if (job.method === 'zopfli') throw new Error(`${job.path}: Zopfli runs on the pool`);
  await writeFile(`${job.file}.gz`, await gzipAsync(await readFile(job.file), { level: GZIP_LEVELS[job.method] }));
}

const gzipAsync = promisify(gzip);

/**
 * Up to how many bytes of zlib copies are made without the pool (by zlib's own threads):
 * starting the pool's threads (each loading tsx and Zopfli) took 0.3 s of a build that adds one
 * article to 100,000, whose copies (its sitemaps, feeds and change log, a few to 30 MB) zlib
 * makes in less: on this machine level 3 makes 435 MB a second of a sitemap, level 6
 * 166 MB of a sitemap and 133 MB of a page.
 */
const INLINE_BYTES = 32 * 1024 * 1024;

/** Runs the jobs on one thread per core (Zopfli is single-threaded WebAssembly). */
async function runPool(jobs: readonly CompressJob[]): Promise<void> {
  const queue = [...jobs];
  const threads = Math.min(availableParallelism(), queue.length);
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = moduleThread('compress-worker');
      try {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) await send(worker, job);
      } finally {
        await worker.terminate();
      }
    }),
  );
}

function send(worker: Worker, job: CompressJob): Promise<void> {
  return new Promise((done, fail) => {
    const failed = (error: Error): void => {
      worker.off('message', answered);
      fail(error);
    };
    const answered = (message: CompressDone): void => {
      worker.off('error', failed);
      if (message.error === null) done();
      else fail(new Error(`${message.path}: ${message.error}`));
    };
    worker.once('message', answered);
    worker.once('error', failed);
    worker.postMessage(job);
  });
}
