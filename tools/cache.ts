/**
 * The build's cache, under node_modules/.cache/warta/: safe to delete at any time (the next build
 * is then a cold one). It holds each language's browser script and the before-first-paint script,
 * each in a folder named by a hash of what it is built from (SCRIPT_SOURCES), and, per output
 * folder, what the last build wrote there (tools/output.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const CACHE_DIR = 'node_modules/.cache/warta';

/**
 * What the browser scripts (tools/client-build.ts) and the before-first-paint script
 * (tools/first-paint.ts) are built from, besides the app's version: a change to any of these
 * builds them again; anything else (the content, the prerender, the service worker's list of
 * files) reuses the cached build. Folders count with every file in them; package-lock.json stands
 * for the dependencies.
 */
export const SCRIPT_SOURCES = [
  'src',
  'xliff',
  'lit-localize.json',
  'tsconfig.json',
  'package-lock.json',
  'tools/client-build.ts',
  'tools/compile-strings.ts',
  'tools/first-paint.ts',
];

/** Entries not used for this long are deleted when a sibling is made. */
const UNUSED_FOR_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * A hash of files and folders (every file in them, by path and content) and of some values: the
 * key of what is built from them.
 */
export async function hashSources(paths: readonly string[], values: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const value of values) hash.update(`${value}\0`);
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      files.push(...entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)));
    } else {
      files.push(path);
    }
  }
  const sorted = files.sort();
  const contents = await Promise.all(sorted.map(contentOf));
  sorted.forEach((file, index) => {
    hash.update(`${relative('.', file)}\0`);
    hash.update(contents[index] ?? '');
    hash.update('\0');
  });
  return hash.digest('hex').slice(0, 16);
}

/** Each source file read so far, with its size and time then. */
const read = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly bytes: Buffer }>();

/**
 * A source file's content, read again only when its size or time changed: a build hashes src/
 * for five keys (its scripts, its pages, its feeds and sitemaps, its change log, its gzip
 * copies), and reading its files each time took a quarter of a second.
 */
async function contentOf(file: string): Promise<Buffer> {
  const { size, mtimeMs } = await stat(file);
  const known = read.get(file);
  if (known !== undefined && known.size === size && known.mtimeMs === mtimeMs) return known.bytes;
  const bytes = await readFile(file);
  read.set(file, { size, mtimeMs, bytes });
  return bytes;
}

/**
 * The folder `name-key` of the cache, made by `produce` unless it is already there. `produce`
 * writes into a folder of its own, renamed into place when done, so a build stopped halfway, or
 * two builds making the same folder at once, never leave a half-made one behind.
 */
export async function cachedFolder(
  name: string,
  key: string,
  produce: (dir: string) => Promise<void>,
  cacheDir = CACHE_DIR,
): Promise<{ dir: string; built: boolean }> {
  const dir = join(cacheDir, `${name}-${key}`);
  if (existsSync(dir)) {
    // Its time says when it was last used, for pruning.
    const now = new Date();
    await utimes(dir, now, now);
    return { dir, built: false };
  }
  const making = `${dir}.making-${String(process.pid)}-${String(Date.now())}`;
  await mkdir(making, { recursive: true });
  try {
    await produce(making);
    await rename(making, dir);
  } catch (error) {
    await rm(making, { recursive: true, force: true });
    // Another build made the same folder meanwhile: theirs is as good as ours.
    if (!existsSync(dir)) throw error;
    return { dir, built: false };
  }
  await pruneCache(cacheDir, name, dir);
  return { dir, built: true };
}

/** Deletes this name's entries (and leftovers of stopped builds) not used for two weeks, but `keep`. */
export async function pruneCache(cacheDir: string, name: string, keep: string): Promise<void> {
  const now = Date.now();
  for (const entry of await readdir(cacheDir)) {
    const path = join(cacheDir, entry);
    // Another build's folder in the making is not ours to judge; and a folder gone meanwhile (that
    // build renamed it, or pruned it) is no failure: builds run side by side (the tests' setup).
    // `keep`'s own files beside it (an output record's journal) go with it.
    if (!entry.startsWith(`${name}-`) || entry.includes('.making-') || path.startsWith(keep)) continue;
    const found = await stat(path).catch(() => null);
    if (found !== null && now - found.mtimeMs > UNUSED_FOR_MS) await rm(path, { recursive: true, force: true });
  }
}
