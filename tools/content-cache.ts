/**
 * The content stage at archive size: every article file is looked at (its size and time), but
 * only new and changed ones are read, parsed and published again. What the later stages need of
 * each (`ArticleRecord`: summary, hash, order, categories, glossary ids, times, size) is kept in
 * the cache, `content-<hash of the folder's path>.json`, with the file's size and time, under a key
 * of what publishing depends on besides the file (the parser's and publisher's code, the
 * glossary): a change to those publishes every article again. The cache is safe to delete (the
 * next build reads every file) and written atomically. A build that publishes or drops a few
 * files does not write it whole (80 MB at 100,000 articles): it appends their rows to a journal
 * beside it (`….journal`, a line of JSON each, after a line naming the key), which the next build
 * reads after it; the whole cache is written again, and the journal deleted, once the journal
 * holds a tenth as many rows. A journal line cut short or unreadable, or a journal of another
 * key, is ignored: the files it named are read again.
 *
 * Publishing an article writes its JSON (`articles/<slug>.json`, with its gzip copy): the one copy
 * of the whole article the build keeps, from which the pages stage renders the article's pages when
 * they must be made again. Nothing else of the article stays in memory.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newestFirst } from '../src/content/order.js';
import type { GlossaryEntry } from '../src/content/glossary.js';
import { hashSources } from './cache.js';
import { formatProblem, glossaryKey, type ArticleRecord, type ContentProblem } from './content.js';
import { Worker } from 'node:worker_threads';
import { writeAtomically, type OnDisk, type Output, type Written } from './output.js';
import type { WrittenFile } from './prerender.js';

/** What publishing an article depends on besides its file: a change to any of these publishes all again. */
const PUBLISH_SOURCES = ['src/content', 'tools/content.ts', 'tools/content-cache.ts', 'tools/build-jobs.ts'];

/** Articles a thread publishes per message: enough that messages cost little. */
const PUBLISH_BATCH = 32;

/** Article files to publish (read, parse, write its JSON), a few at a time (one message to a thread). */
export interface PublishJob {
  readonly type: 'publish';
  readonly files: readonly {
    readonly file: string;
    /** The last build's record of `articles/<slug>.json`. */
    readonly last: Written | undefined;
  }[];
}

export type PublishResult =
  | { readonly ok: true; readonly record: ArticleRecord; readonly json: WrittenFile }
  | { readonly ok: false; readonly problem: ContentProblem };

/** What the cache keeps of one file: its size and time when read, and its record. */
interface Cached {
  readonly size: number;
  readonly mtimeMs: number;
  readonly record: ArticleRecord;
}

/**
 * A file's row in the cache, positional (100,000 of them would otherwise repeat each name):
 * file name, size, time, then the record's fields in the order of `ArticleRecord`.
 */
type Row = [
  name: string,
  size: number,
  mtimeMs: number,
  slug: string,
  hash: string,
  title: string,
  lead: string,
  lang: string,
  date: string | null,
  published: string | null,
  modified: string | null,
  source: [key: string, id: string] | null,
  categories: readonly string[],
  glossary: readonly string[],
  publisherEntry: string | null,
  bytes: number,
];

interface CacheFile {
  readonly key: string;
  readonly rows: readonly Row[];
}

export interface ContentStage {
  /** Every article, newest first (`compareArticles`, reversed). */
  readonly articles: ArticleRecord[];
  /** How many files were published (read and parsed) and how many taken from the cache. */
  readonly published: number;
  readonly reused: number;
}

/** The JSON file of an article in the output folder. */
export const articleJsonPath = (slug: string): string => `articles/${slug}.json`;

/** Who publishes the files that must be: the build's threads (tools/build-pool.ts). */
export interface Publisher {
  publish: (job: PublishJob) => Promise<PublishResult[]>;
  /** Resolves when more may be sent. */
  room: () => Promise<void>;
  /** Resolves when every job sent is done. */
  drain: () => Promise<void>;
}

/**
 * Every article under `dir`: unchanged files from the cache (when their JSON is in the output as
 * the last build left it), the others sent to `publisher` a few at a time as they are found.
 * Throws with every problem found, `FILE:LINE: message`, one a line.
 */
export async function loadContent(
  dir: string,
  glossary: readonly GlossaryEntry[],
  output: Output,
  cacheDir: string,
  publisher: Publisher,
): Promise<ContentStage> {
  const key = await hashSources(PUBLISH_SOURCES, [glossaryKey(glossary)]);
  const cachePath = join(
    cacheDir,
    `content-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}.json`,
  );
  const journalPath = `${cachePath}${JOURNAL}`;
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  // Taken before any file is read: a file changed meanwhile is read again by the next build.
  const stats = statAll(dir, names);
  const cache = await readCache(cachePath, key);
  const journaled = await readJournal(journalPath, key, cache);
  const statOf = await stats;

  const files = new Map<string, Cached>();
  const articles: ArticleRecord[] = [];
  const problems: ContentProblem[] = [];
  const sent: Promise<void>[] = [];
  let batch: { name: string; file: string; last: Written | undefined; size: number; mtimeMs: number }[] = [];
  let published = 0;
  const send = (): void => {
    const publishing = batch;
    batch = [];
    const done = publisher.publish({ type: 'publish', files: publishing }).then((results) => {
      results.forEach((result, index) => {
        const { name, size, mtimeMs } = publishing[index] ?? { name: '', size: -1, mtimeMs: -1 };
        if (!result.ok) {
          problems.push(result.problem);
          return;
        }
        output.adopt(result.json.path, result.json.record, result.json.changed, result.json.compressed);
        articles.push(result.record);
        files.set(name, { size, mtimeMs, record: result.record });
      });
    });
    // Handled at the end (Promise.all below); marked handled now so an early failure waits for it.
    done.catch(() => undefined);
    sent.push(done);
  };
  for (const [index, name] of names.entries()) {
    const file = join(dir, name);
    const stat = statOf(index);
    const cached = cache.get(name);
    if (
      stat !== undefined &&
      cached !== undefined &&
      cached.size === stat.size &&
      cached.mtimeMs === stat.mtimeMs &&
      output.reuse(articleJsonPath(cached.record.slug), cached.record.hash)
    ) {
      files.set(name, cached);
      articles.push(cached.record);
      continue;
    }
    const last = output.last(articleJsonPath(name.replace(/\.txt$/u, '')));
    // A file gone meanwhile is published too, to report it as a problem.
    batch.push({ name, file, last, size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1 });
    published += 1;
    if (batch.length >= PUBLISH_BATCH) {
      send();
      await publisher.room();
    }
  }
  if (batch.length > 0) send();
  await publisher.drain();
  await Promise.all(sent);
  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file, 'en') || a.line - b.line);
    throw new Error(problems.map(formatProblem).join('\n'));
  }
  const sorted = newestFirst(articles);
  // Unchanged content leaves the cache as it is: at 100,000 articles it is tens of megabytes.
  const present = new Set(names);
  const dropped = [...cache.keys()].filter((name) => !present.has(name));
  const changes = [...files].filter(([name, cached]) => cache.get(name) !== cached);
  if (changes.length > 0 || dropped.length > 0) {
    await mkdir(cacheDir, { recursive: true });
    if (cache.size > 0 && journaled + changes.length + dropped.length <= cache.size / JOURNAL_SHARE) {
      const lines = [
        ...(journaled === 0 ? [JSON.stringify({ key } satisfies JournalHead)] : []),
        ...changes.map(([name, cached]) => JSON.stringify(rowOf(name, cached))),
        ...dropped.map((name) => JSON.stringify([name] satisfies Dropped)),
      ];
      if (journaled === 0) await writeAtomically(journalPath, `${lines.join('\n')}\n`);
      else await appendFile(journalPath, `${lines.join('\n')}\n`);
    } else {
      const rows = [...files].map(([name, cached]) => rowOf(name, cached));
      await writeAtomically(cachePath, JSON.stringify({ key, rows } satisfies CacheFile));
      await rm(journalPath, { force: true });
    }
  }
  return { articles: sorted, published, reused: sorted.length - published };
}

function rowOf(name: string, { size, mtimeMs, record: r }: Cached): Row {
  const source: Row[11] = r.source === null ? null : [r.source.key, r.source.id];
  return [
    name,
    size,
    mtimeMs,
    r.slug,
    r.hash,
    r.title,
    r.lead,
    r.lang,
    r.date,
    r.published,
    r.modified,
    source,
    r.categories,
    r.glossary,
    r.publisherEntry,
    r.bytes,
  ];
}

function cachedOf(row: Row): Cached {
  const [, size, mtimeMs, slug, hash, title, lead, lang, date, published, modified, source, categories] = row;
  const [glossary, publisherEntry, bytes] = [row[13], row[14], row[15]];
  const record: ArticleRecord = {
    slug,
    hash,
    title,
    lead,
    lang,
    date,
    published,
    modified,
    source: source === null ? null : { key: source[0], id: source[1] },
    categories,
    glossary,
    publisherEntry,
    bytes,
  };
  return { size, mtimeMs, record };
}

/** Folders of fewer files are looked at on the main thread: starting a thread would take longer. */
const STAT_THREAD_FILES = 4096;

/**
 * Each file's size and time (undefined: gone), by its index in `names`. An archive's 100,000
 * `stat` calls take half a second: they are made on a thread of their own (plain JavaScript, no
 * TypeScript to load), on the other core, while this one reads the cache; a folder of a few
 * files, or a thread that fails, is looked at here.
 */
export async function statAll(
  dir: string,
  names: readonly string[],
  threadFrom = STAT_THREAD_FILES,
): Promise<(index: number) => OnDisk | undefined> {
  const here = (index: number): OnDisk | undefined => {
    const stat = statSync(join(dir, names[index] ?? ''), { throwIfNoEntry: false });
    return stat === undefined ? undefined : { size: stat.size, mtimeMs: stat.mtimeMs };
  };
  if (names.length < threadFrom) return here;
  try {
    const numbers = await new Promise<Float64Array>((done, fail) => {
      const worker = new Worker(STAT_THREAD, { eval: true, workerData: { dir, names } });
      worker.once('message', (value: Float64Array) => {
        done(value);
        void worker.terminate();
      });
      worker.once('error', fail);
      worker.once('exit', (code) => {
        fail(new Error(`the stat thread stopped (${String(code)})`));
      });
    });
    if (numbers.length !== names.length * 2) return here;
    return (index) => {
      const size = numbers[index * 2] ?? -1;
      return size < 0 ? undefined : { size, mtimeMs: numbers[index * 2 + 1] ?? -1 };
    };
  } catch {
    return here;
  }
}

/** The stat thread: each name's size and time, -1 for a file gone, as one transferred array. */
const STAT_THREAD = `
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { dir, names } = workerData;
const numbers = new Float64Array(names.length * 2);
names.forEach((name, index) => {
  const stat = statSync(join(dir, name), { throwIfNoEntry: false });
  numbers[index * 2] = stat === undefined ? -1 : stat.size;
  numbers[index * 2 + 1] = stat === undefined ? -1 : stat.mtimeMs;
});
parentPort.postMessage(numbers, [numbers.buffer]);
`;

/** The cached records by file name, or none when the cache is missing, unreadable or keyed otherwise. */
async function readCache(path: string, key: string): Promise<Map<string, Cached>> {
  try {
    const cache = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
    return cache.key === key ? new Map(cache.rows.map((row) => [row[0], cachedOf(row)])) : new Map();
  } catch {
    return new Map();
  }
}

/** The journal beside a cache: its name's end. */
const JOURNAL = '.journal';
/** The journal is folded into the cache once it holds this fraction of the cache's rows. */
const JOURNAL_SHARE = 10;

/** A journal's first line: the key its rows were made under. */
interface JournalHead {
  readonly key: string;
}

/** A journal line for a file gone from the folder: its name alone. */
type Dropped = [name: string];

/**
 * Applies the journal beside the cache to it (rows replace, a name alone removes), unless it is
 * missing or of another key. Returns how many lines it held (0: none, or none usable). A line
 * that is not a whole row is skipped: its file is then not in the cache, and is read again.
 */
async function readJournal(path: string, key: string, cache: Map<string, Cached>): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return 0;
  }
  const lines = text.split('\n').filter((line) => line !== '');
  const head = parseLine(lines[0] ?? '');
  if (cache.size === 0 || !isHead(head) || head.key !== key) return 0;
  for (const line of lines.slice(1)) {
    const value = parseLine(line);
    if (!Array.isArray(value) || typeof value[0] !== 'string') continue;
    if (value.length === 1) cache.delete(value[0]);
    else if (isRow(value)) cache.set(value[0], cachedOf(value));
  }
  return lines.length;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

function isHead(value: unknown): value is JournalHead {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/** Whether a journal line is a row as `rowOf` makes them (its length, and the types it is read with). */
function isRow(value: readonly unknown[]): value is Row {
  return (
    value.length === 16 &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'string' &&
    typeof value[4] === 'string' &&
    Array.isArray(value[12]) &&
    Array.isArray(value[13]) &&
    typeof value[15] === 'number'
  );
}
