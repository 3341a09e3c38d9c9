/**
 * What the content stage reads before it publishes (tools/content-cache.ts): the articles'
 * folder's file names, each one's size and time, the cache and its journal. Asked for as soon as
 * the build starts, so that reading them (100,000 names listed and looked at, 75 MB of cache)
 * overlaps the output's record being parsed. Not among what publishing depends on: how the folder
 * is looked at changes no article.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OnDisk } from './output.js';

/** The journal beside a cache: its name's end. */
export const JOURNAL = '.journal';

export interface ContentReads {
  readonly cachePath: string;
  /** The folder's file names but hidden ones, sorted (as JavaScript sorts strings). */
  readonly names: Promise<string[]>;
  /** Each file's size and time by its index in `names` (undefined: gone), taken before any file is read. */
  readonly stats: Promise<(index: number) => OnDisk | undefined>;
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
  const stats = listing.then(({ statOf }) => statOf);
  // Marked handled now: a build that fails before its content stage never asks for them.
  names.catch(() => undefined);
  stats.catch(() => undefined);
  return {
    cachePath,
    names,
    stats,
    cache: readFile(cachePath).catch(() => null),
    journal: readFile(`${cachePath}${JOURNAL}`, 'utf8').catch(() => null),
  };
}

/** A folder's file names (hidden ones left out, sorted) and each one's size and time by index. */
export interface FolderListing {
  readonly names: string[];
  readonly statOf: (index: number) => OnDisk | undefined;
}

/**
 * Lists a folder and looks at each file: with `thread`, all of it on a thread of its own (plain
 * JavaScript, no TypeScript to load), on the other core, from the start, so the main thread,
 * busy reading the cache, is not needed between the listing and the looks (an archive's 100,000
 * `stat` calls take 0.4 s); else, or when the thread fails, here.
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
  const statOf = (index: number): OnDisk | undefined => {
    const stat = statSync(join(dir, names[index] ?? ''), { throwIfNoEntry: false });
    return stat === undefined ? undefined : { size: stat.size, mtimeMs: stat.mtimeMs };
  };
  return { names, statOf };
}

const visible = (name: string): boolean => !name.startsWith('.');

/**
 * Whether a folder holds enough files to be worth a thread (starting one takes longer than
 * looking at a few thousand files): a folder's own size grows with its entries, 64 KiB being a
 * couple of thousand names on ext4. Either way the listing is the same.
 */
function isLarge(dir: string): boolean {
  return (statSync(dir, { throwIfNoEntry: false })?.size ?? 0) >= 64 * 1024;
}

async function listOnThread(dir: string): Promise<FolderListing> {
  const { names, numbers } = await new Promise<{ names: string; numbers: Float64Array }>((done, fail) => {
    const worker = new Worker(LIST_THREAD, { eval: true, workerData: { dir } });
    worker.once('message', (value: { names: string; numbers: Float64Array }) => {
      done(value);
      void worker.terminate();
    });
    worker.once('error', fail);
    worker.once('exit', (code) => {
      fail(new Error(`the listing thread stopped (${String(code)})`));
    });
  });
  // A file name holds no NUL: the names come joined by one.
  const list = names === '' ? [] : names.split('\0');
  if (numbers.length !== list.length * 2) throw new Error('the listing thread gave a listing of another length');
  return {
    names: list,
    statOf: (index) => {
      const size = numbers[index * 2] ?? -1;
      return size < 0 ? undefined : { size, mtimeMs: numbers[index * 2 + 1] ?? -1 };
    },
  };
}

/** The listing thread: the names, joined, and each one's size and time (-1: gone), as one transferred array. */
const LIST_THREAD = `
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { dir } = workerData;
const names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
const numbers = new Float64Array(names.length * 2);
names.forEach((name, index) => {
  const stat = statSync(join(dir, name), { throwIfNoEntry: false });
  numbers[index * 2] = stat === undefined ? -1 : stat.size;
  numbers[index * 2 + 1] = stat === undefined ? -1 : stat.mtimeMs;
});
parentPort.postMessage({ names: names.join('\\0'), numbers }, [numbers.buffer]);
`;
