/**
 * The content store on disk (content store version 2): `articles/<slug>.txt`,
 * `withdrawn/<slug>.txt` and `sources/<source>.json`, under one content folder. Every file is
 * written whole to a temporary file beside it and renamed into place, so a process killed at any
 * moment leaves each file either as it was or as it should be.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { frontMatterValue } from './article-text.js';
import { ownerOf, type Owner } from './slug.js';

export interface ContentPaths {
  readonly root: string;
  readonly articles: string;
  readonly withdrawn: string;
  readonly sources: string;
}

export function contentPaths(root: string): ContentPaths {
  return {
    root,
    articles: join(root, 'articles'),
    withdrawn: join(root, 'withdrawn'),
    sources: join(root, 'sources'),
  };
}

/** What the importer remembers of a source between runs. */
export interface SourceState {
  /** The `modified` (ISO, with its zone) of the last WordPress post fully written, else null. */
  cursor: string | null;
  /** The feed's ETag and Last-Modified, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  /** Every id ever given a slug: the slug never changes. */
  ids: Record<string, string>;
}

const TEMP_PREFIX = '.warta-';
const TEMP_SUFFIX = '.tmp';

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder (its name starts with a
 * dot, so readers of the folder skip it), flushed to disk, then renamed over the target.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const name = basename(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${TEMP_PREFIX}${name}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes temporary files left by an importer that was killed: those whose process is gone. A
 * running importer's own temporary files are left alone.
 */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(/-(\d+)-[0-9a-f]{8}\.tmp$/u.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await rm(join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** A file's text, or null when there is no such file. */
export async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The `key: value` lines of a file's front matter, leniently: the importer needs only to know who
 * owns a file (`source`, `source_id`) and what it last wrote (`modified`). Validation is the
 * article parser's job.
 */
export function readFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  if (lines[0]?.trim() !== '---') return fields;
  for (const line of lines.slice(1)) {
    if (line.trim() === '---') break;
    const match = /^([A-Za-z_]+)\s*:\s*(.*?)\s*$/u.exec(line);
    if (match === null) continue;
    const [, key = '', raw = ''] = match;
    const quoted = /^"(.*)"$/u.exec(raw) ?? /^'(.*)'$/u.exec(raw);
    fields.set(key, quoted?.[1]?.trim() ?? raw);
  }
  return fields;
}

/** The owner a file's front matter names, or `file:<slug>` for a file without a source. */
function ownerOfFile(text: string, slug: string): Owner {
  const fields = readFields(text);
  const source = fields.get('source');
  const id = fields.get('source_id');
  return source !== undefined && id !== undefined ? ownerOf(source, id) : `file:${slug}`;
}

/**
 * Who holds each slug: every article, every withdrawal (a withdrawn address is never given to
 * another article) and every slug an import state has given.
 */
export async function slugOwners(paths: ContentPaths): Promise<Map<string, Owner>> {
  const owners = new Map<string, Owner>();
  for (const dir of [paths.articles, paths.withdrawn]) {
    const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.txt') && !name.startsWith('.'));
    for (const name of names) {
      const slug = name.slice(0, -'.txt'.length);
      const text = await readText(join(dir, name));
      if (text !== null) owners.set(slug, ownerOfFile(text, slug));
    }
  }
  const states = (await readdir(paths.sources).catch(() => [])).filter((name) => name.endsWith('.json'));
  for (const name of states) {
    const source = name.slice(0, -'.json'.length);
    const state = await readState(paths, source).catch(() => null);
    for (const [id, slug] of Object.entries(state?.ids ?? {}))
      if (!owners.has(slug)) owners.set(slug, ownerOf(source, id));
  }
  return owners;
}

export function stateFile(paths: ContentPaths, source: string): string {
  return join(paths.sources, `${source}.json`);
}

/** A source's state, or a fresh one; a state file that is not what the importer wrote is an error. */
export async function readState(paths: ContentPaths, source: string): Promise<SourceState> {
  const file = stateFile(paths, source);
  const text = await readText(file);
  if (text === null) return { cursor: null, etag: null, lastModified: null, ids: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const nullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';
  if (
    typeof data !== 'object' ||
    data === null ||
    !('cursor' in data && nullableString(data.cursor)) ||
    !('etag' in data && nullableString(data.etag)) ||
    !('lastModified' in data && nullableString(data.lastModified)) ||
    !('ids' in data && typeof data.ids === 'object' && data.ids !== null)
  ) {
    throw new Error(`${file}: not an import state ({ cursor, etag, lastModified, ids })`);
  }
  const ids: Record<string, string> = {};
  for (const [id, slug] of Object.entries(data.ids)) {
    if (typeof slug !== 'string') throw new Error(`${file}: the slug of id "${id}" is not a string`);
    ids[id] = slug;
  }
  return { cursor: data.cursor, etag: data.etag, lastModified: data.lastModified, ids };
}

export async function writeState(paths: ContentPaths, source: string, state: SourceState): Promise<void> {
  // Ids in a stable order, so the file changes only where the state does.
  const ids = Object.fromEntries(
    Object.entries(state.ids).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
  );
  const data = { cursor: state.cursor, etag: state.etag, lastModified: state.lastModified, ids };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  // A run that changed nothing leaves the file untouched, modification time included.
  if ((await readText(stateFile(paths, source))) === text) return;
  await writeAtomic(stateFile(paths, source), text);
}

export function articleFile(paths: ContentPaths, slug: string): string {
  return join(paths.articles, `${slug}.txt`);
}

export function withdrawnFile(paths: ContentPaths, slug: string): string {
  return join(paths.withdrawn, `${slug}.txt`);
}

export interface Withdrawal {
  readonly slug: string;
  readonly source: string | null;
  readonly sourceId: string | null;
  /** ISO time of the withdrawal. */
  readonly withdrawn: string;
  readonly reason: string | null;
}

/** The withdrawal file's text: front matter only. */
export function withdrawalText(withdrawal: Withdrawal): string {
  const fields: Array<[string, string | null]> = [
    ['source', withdrawal.source],
    ['source_id', withdrawal.sourceId],
    ['slug', withdrawal.slug],
    ['withdrawn', withdrawal.withdrawn],
    ['reason', withdrawal.reason],
  ];
  const lines = fields
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key}: ${frontMatterValue(value ?? '')}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

/**
 * Records a withdrawal, then removes the article. Killed in between, both files exist: the build
 * treats the slug as withdrawn, and the next import or withdraw removes the article.
 */
export async function withdraw(paths: ContentPaths, withdrawal: Withdrawal): Promise<void> {
  await writeAtomic(withdrawnFile(paths, withdrawal.slug), withdrawalText(withdrawal));
  await rm(articleFile(paths, withdrawal.slug), { force: true });
}
