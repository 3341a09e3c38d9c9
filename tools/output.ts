/**
 * The output folder (`dist/`), written so that a build touches only what changed: each file is
 * hashed, and one with the same hash and the same size and time on disk as the last build left it
 * is not written again; its gzip copy is made again only when its content changed
 * (tools/compress.ts). What the last build wrote is kept in the cache (tools/cache.ts), one
 * record per output folder; without it every file is written and compressed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RECORD_FILE } from './build-record.js';
import { CACHE_DIR, pruneCache } from './cache.js';

/** How a file's gzip copy was made: Zopfli (smallest) or zlib's level 9 (fast). */
export type Compression = 'zopfli' | 'gzip';

/** A file on disk as a build left it. */
interface OnDisk {
  readonly size: number;
  readonly mtimeMs: number;
}

/** What a build wrote at one path: the content's hash, and its gzip copy's method, if any. */
interface Written extends OnDisk {
  readonly hash: string;
  readonly gzip: (OnDisk & { readonly hash: string; readonly method: Compression }) | null;
}

/** A file the build wrote, and whether its content differs from the last build's. */
export interface OutputFile {
  readonly path: string;
  readonly hash: string;
  readonly changed: boolean;
}

export class Output {
  private readonly files = new Map<string, Written>();
  private readonly written = new Map<string, OutputFile>();

  private constructor(
    readonly dir: string,
    private readonly statePath: string,
    private readonly before: ReadonlyMap<string, Written>,
  ) {}

  /**
   * Opens an output folder. One that is not empty must be a build's (with its record, or, from
   * before there was one, sw.js and index.html), since the build deletes what it did not write.
   */
  static async open(dir: string, cacheDir = CACHE_DIR): Promise<Output> {
    const absolute = resolve(dir);
    const entries = existsSync(absolute) ? await readdir(absolute) : [];
    const isBuild =
      existsSync(join(absolute, RECORD_FILE)) || ['sw.js', 'index.html'].every((name) => entries.includes(name));
    if (entries.length > 0 && !isBuild) {
      throw new Error(`${dir} is not empty and holds no build of Warta: the build would delete its files`);
    }
    const key = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
    const statePath = join(cacheDir, `output-${key}.json`);
    return new Output(absolute, statePath, new Map(Object.entries(await lastBuild(statePath))));
  }

  /** Writes a file (a path relative to the folder, `/`-separated) unless it is there already, unchanged. */
  async write(path: string, content: string | Uint8Array): Promise<OutputFile> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = createHash('sha256').update(bytes).digest('hex');
    const full = join(this.dir, path);
    const last = this.before.get(path);
    const unchanged = last?.hash === hash && (await sameOnDisk(full, last));
    if (last !== undefined && unchanged) {
      this.files.set(path, last);
    } else {
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, bytes);
      this.files.set(path, { hash, ...(await onDisk(full)), gzip: null });
    }
    const file = { path, hash, changed: !unchanged };
    this.written.set(path, file);
    return file;
  }

  /** Every file this build wrote (or left as it was). */
  list(): OutputFile[] {
    return [...this.written.values()];
  }

  /** Whether a file's gzip copy is the one the last build made from this content with this method. */
  async hasGzip(path: string, method: Compression): Promise<boolean> {
    const file = this.files.get(path);
    const gzip = file?.gzip;
    return (
      file !== undefined &&
      gzip !== null &&
      gzip !== undefined &&
      gzip.hash === file.hash &&
      gzip.method === method &&
      (await sameOnDisk(join(this.dir, `${path}.gz`), gzip))
    );
  }

  /** Notes the gzip copy just made of a file. */
  async madeGzip(path: string, method: Compression): Promise<void> {
    const file = this.files.get(path);
    if (file === undefined) throw new Error(`${path} was not written by this build`);
    this.files.set(path, {
      ...file,
      gzip: { hash: file.hash, method, ...(await onDisk(join(this.dir, `${path}.gz`))) },
    });
  }

  /**
   * Deletes what this build did not write: the last build's files that are gone from the site,
   * and gzip copies of files no longer compressed.
   */
  async sweep(compressed: (path: string) => boolean): Promise<number> {
    let deleted = 0;
    const visit = async (dir: string, prefix: string): Promise<boolean> => {
      let empty = true;
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = `${prefix}${entry.name}`;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!(await visit(full, `${path}/`))) empty = false;
          else await rmdir(full);
          continue;
        }
        const source = path.endsWith('.gz') ? path.slice(0, -'.gz'.length) : null;
        const kept = source === null ? this.written.has(path) : this.written.has(source) && compressed(source);
        if (kept) {
          empty = false;
        } else {
          await rm(full);
          deleted += 1;
        }
      }
      return empty;
    };
    if (existsSync(this.dir)) await visit(this.dir, '');
    return deleted;
  }

  /** Keeps what this build wrote, for the next one (and forgets folders not built for two weeks). */
  async save(): Promise<void> {
    const state = Object.fromEntries([...this.files].filter(([path]) => this.written.has(path)));
    await mkdir(dirname(this.statePath), { recursive: true });
    await writeFile(this.statePath, JSON.stringify(state));
    await pruneCache(dirname(this.statePath), 'output', this.statePath);
  }
}

/** What the last build wrote, or nothing when its record is missing or unreadable (every file is then new). */
async function lastBuild(statePath: string): Promise<Record<string, Written>> {
  try {
    return JSON.parse(await readFile(statePath, 'utf8')) as Record<string, Written>;
  } catch {
    return {};
  }
}

async function onDisk(path: string): Promise<OnDisk> {
  const { size, mtimeMs } = await stat(path);
  return { size, mtimeMs };
}

async function sameOnDisk(path: string, expected: OnDisk): Promise<boolean> {
  try {
    const actual = await onDisk(path);
    return actual.size === expected.size && actual.mtimeMs === expected.mtimeMs;
  } catch {
    return false;
  }
}
