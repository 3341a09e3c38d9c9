/**
 * What the content stage reads before it publishes (tools/content-cache.ts): the articles'
 * folder's file names, each one's size and time, the cache and its journal. Asked for as soon as
 * the build starts, so that reading them (100,000 names listed and looked at, 75 MB of cache)
 * overlaps the output's record being parsed. Not among what publishing depends on: how the folder
 * is looked at changes no article.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OnDisk } from './output.js';

/** The journal beside a cache: its name's end. */
export const JOURNAL = '.journal';

export interface ContentReads {
  readonly cachePath: string;
  /** The folder's file names but hidden ones, sorted (as JavaScript sorts strings). */
  readonly names: Promise<string[]>;
  /**
   * Each file's size and time by its index in `names` (undefined: gone), taken before any file is
   * read. Asked for in the order of `names`: a file the listing thread has looked at is given at
   * once, one in a chunk it has not come to is looked at on the caller's thread, and one in the
   * chunk it is at is waited for.
   */
  readonly stats: () => Promise<(index: number) => OnDisk | undefined>;
  /** The cache's bytes, or null when there is none. */
  readonly cache: Promise<Buffer | null>;
  readonly journal: Promise<string | null>;
}

export function readContentFolder(dir: string, cacheDir: string): ContentReads {
  const cachePath = join(
    cacheDir,
    `content-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}.bin`,
  );
  const listing = listFolder(dir, isLarge(dir));
  const names = listing.then(({ names: found }) => found);
  // Marked handled now: a build that fails before its content stage never asks for them.
  names.catch(() => undefined);
  return {
    cachePath,
    names,
    stats: async () => (await listing).stats(),
    cache: readWhole(cachePath).catch(() => null),
    journal: readFile(`${cachePath}${JOURNAL}`, 'utf8').catch(() => null),
  };
}

/**
 * A file's bytes, read in one request: `readFile` reads in chunks of 512 KB, each waiting for the
 * main thread between them, and the main thread is busy parsing the output's record meanwhile
 * (75 MB of content cache took half a second to arrive that way).
 */
export async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** A folder's file names (hidden ones left out, sorted) and, when asked for, each one's size and time by index. */
export interface FolderListing {
  readonly names: string[];
  readonly stats: () => Promise<(index: number) => OnDisk | undefined>;
}

/**
 * Lists a folder and looks at each file: with `thread`, on a thread of its own (plain
 * JavaScript, no TypeScript to load), on the other core, from the start, so the main thread,
 * busy reading the cache, is not needed for the listing; the thread sends the names as soon as it
 * has them and looks at the files in chunks. The main thread asks for the looks file by file as
 * it walks the names (tools/content-cache.ts): it uses those of the chunks the thread has looked
 * at, and takes the next chunk itself when it catches the thread up, so its walk and the
 * thread's looks go on at once (an archive's 100,000 `stat` calls take 0.4 s, the walk 0.2 s).
 * Without `thread`, or when the thread fails, all of it here.
 */
export async function listFolder(dir: string, thread: boolean): Promise<FolderListing> {
  if (thread) {
    try {
      return await listOnThread(dir);
    } catch {
      // Looked at here, which says what is wrong with the folder, if anything is.
    }
  }
  const names = (await readdir(dir)).filter(visible).sort();
  const statOf = lookHere(dir, names);
  return { names, stats: () => Promise.resolve(statOf) };
}

const visible = (name: string): boolean => !name.startsWith('.');

/** Each file's size and time, looked at when asked for. */
function lookHere(dir: string, names: readonly string[]): (index: number) => OnDisk | undefined {
  return (index) => {
    const stat = statSync(join(dir, names[index] ?? ''), { throwIfNoEntry: false });
    return stat === undefined ? undefined : { size: stat.size, mtimeMs: stat.mtimeMs };
  };
}

/**
 * Whether a folder holds enough files to be worth a thread (starting one takes longer than
 * looking at a few thousand files): a folder's own size grows with its entries, 64 KiB being a
 * couple of thousand names on ext4. Either way the listing is the same.
 */
function isLarge(dir: string): boolean {
  return (statSync(dir, { throwIfNoEntry: false })?.size ?? 0) >= 64 * 1024;
}

/** Files looked at per claim: the thread and the main thread each take the next chunk not taken. */
const CHUNK = 512;

/** What the listing thread sends first: the names, joined, and the arrays both threads fill. */
interface Listed {
  readonly names: string;
  /** Each file's size and time (-1: gone). */
  readonly numbers: Float64Array;
  /** The next chunk to take. */
  readonly claims: Int32Array;
  /** Each chunk's files looked at (1) or not yet (0), set by whichever thread took it. */
  readonly done: Int32Array;
}

/** How long the main thread waits for a chunk the listing thread took before it looks at it itself (the thread may have stopped). */
const CHUNK_WAIT_MS = 200;

async function listOnThread(dir: string): Promise<FolderListing> {
  const worker = new Worker(LIST_THREAD, { eval: true, workerData: { dir, chunk: CHUNK } });
  const listed = await new Promise<Listed>((done, fail) => {
    worker.on('message', (value: Listed | 'done') => {
      if (value !== 'done') {
        done(value);
        return;
      }
      // Every chunk it took is looked at: the thread is done with.
      void worker.terminate();
    });
    // Before the listing, the folder is listed here; after, a chunk the thread took and did not
    // finish is looked at here after a while (`ready`).
    const failed = (error: Error): void => {
      fail(error);
    };
    worker.once('error', failed);
    worker.once('exit', (code) => {
      failed(new Error(`the listing thread stopped (${String(code)})`));
    });
  });
  // A file name holds no NUL: the names come joined by one.
  const names = listed.names === '' ? [] : listed.names.split('\0');
  const { numbers, claims, done } = listed;
  if (numbers.length !== names.length * 2 || done.length < Math.ceil(names.length / CHUNK)) {
    throw new Error('the listing thread gave a listing of another length');
  }
  const lookAt = (chunk: number): void => {
    const end = Math.min(names.length, (chunk + 1) * CHUNK);
    for (let index = chunk * CHUNK; index < end; index += 1) {
      const stat = statSync(join(dir, names[index] ?? ''), { throwIfNoEntry: false });
      numbers[index * 2] = stat === undefined ? -1 : stat.size;
      numbers[index * 2 + 1] = stat === undefined ? -1 : stat.mtimeMs;
    }
    if (chunk < done.length) Atomics.store(done, chunk, 1);
  };
  // Until the chunk is looked at: the next chunk claimed and looked at here while the thread has
  // not come to it (asked for in order, the chunks before it are all looked at, so that is this
  // one unless the thread took it meanwhile); the thread's waited for, or looked at here after a while.
  const ready = (chunk: number): void => {
    while (Atomics.load(done, chunk) !== 1) {
      if (Atomics.load(claims, 0) <= chunk) lookAt(Atomics.add(claims, 0, 1));
      else if (Atomics.wait(done, chunk, 0, CHUNK_WAIT_MS) === 'timed-out') lookAt(chunk);
    }
  };
  const statOf = (index: number): OnDisk | undefined => {
    if (index < 0 || index >= names.length) return undefined;
    ready(Math.floor(index / CHUNK));
    const size = numbers[index * 2] ?? -1;
    return size < 0 ? undefined : { size, mtimeMs: numbers[index * 2 + 1] ?? -1 };
  };
  return { names, stats: () => Promise.resolve(statOf) };
}

/**
 * The listing thread: the names, sorted and joined, sent first with the shared arrays; then the
 * files' sizes and times, a chunk at a time, taking turns with the main thread; then 'done'.
 */
const LIST_THREAD = `
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { dir, chunk: size } = workerData;
const names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
const numbers = new Float64Array(new SharedArrayBuffer(Math.max(1, names.length) * 16)).subarray(0, names.length * 2);
const claims = new Int32Array(new SharedArrayBuffer(4));
const done = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, Math.ceil(names.length / size))));
parentPort.postMessage({ names: names.join('\\0'), numbers, claims, done });
for (let chunk = Atomics.add(claims, 0, 1); chunk * size < names.length; chunk = Atomics.add(claims, 0, 1)) {
  const end = Math.min(names.length, (chunk + 1) * size);
  for (let index = chunk * size; index < end; index += 1) {
    const stat = statSync(join(dir, names[index]), { throwIfNoEntry: false });
    numbers[index * 2] = stat === undefined ? -1 : stat.size;
    numbers[index * 2 + 1] = stat === undefined ? -1 : stat.mtimeMs;
  }
  Atomics.store(done, chunk, 1);
  Atomics.notify(done, chunk);
}
parentPort.postMessage('done');
`;
