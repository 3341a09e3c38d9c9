/**
 * The content stage at archive size: every article file is looked at (its size and time), but
 * only new and changed ones are read, parsed and published again. What the later stages need of
 * each (`ArticleRecord`: summary, hash, order, categories, glossary ids, times, size) is kept in
 * the cache, `content-<hash of the folder's path>.bin`, with the file's size and time, under a key
 * of what publishing depends on besides the file (the parser's and publisher's code, the
 * glossary): a change to those publishes every article again. The cache is safe to delete (the
 * next build reads every file) and written atomically, in columns (tools/content-table.ts: as
 * JSON, 80 MB of rows took half a second to parse). A build that publishes or drops a few
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
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newestFirst } from '../src/content/order.js';
import type { GlossaryEntry } from '../src/content/glossary.js';
import { hashSources } from './cache.js';
import { formatProblem, glossaryKey, type ArticleRecord, type ContentProblem } from './content.js';
import { parseJournalLine } from './file-table.js';
import { writeAtomically, type Output, type Written } from './output.js';
import { ContentTable, serializeCache, type Cached } from './content-table.js';
import { JOURNAL, readContentFolder, type ContentReads } from './content-folder.js';
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
  reads: ContentReads = readContentFolder(dir, cacheDir),
): Promise<ContentStage> {
  const key = await hashSources(PUBLISH_SOURCES, [glossaryKey(glossary)]);
  const { cachePath } = reads;
  const journalPath = `${cachePath}${JOURNAL}`;
  // The cache first: it is read while the folder is still being listed (tools/content-folder.ts).
  const table = ContentTable.read(await reads.cache, key);
  const journal = readJournal(await reads.journal, key, table.size > 0);
  const names = await reads.names;
  const statOf = await reads.stats();

  // Files published by this build, by name: the cache's changes.
  const changes = new Map<string, Cached>();
  const articles: ArticleRecord[] = [];
  const problems: ContentProblem[] = [];
  const sent: Promise<void>[] = [];
  let batch: { name: string; file: string; last: Written | undefined; size: number; mtimeMs: number }[] = [];
  let published = 0;
  // The cache's record of each file taken as it was, by the file's place in `names`.
  const kept: (Cached | undefined)[] = [];
  // The files named in the journal that the folder holds.
  const journalNames = new Set<string>();
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
        changes.set(name, { size, mtimeMs, record: result.record });
      });
    });
    // Handled at the end (Promise.all below); marked handled now so an early failure waits for it.
    done.catch(() => undefined);
    sent.push(done);
  };
  // The row of the last article JSON kept: the next one's is most often the one after.
  let near = -1;
  for (const [index, name] of names.entries()) {
    const stat = statOf(index);
    // The cache's row, unless the journal has a later one (null: the file was dropped).
    const row = table.next(name);
    const journaled = journal.rows.size === 0 ? undefined : journal.rows.get(name);
    if (journaled !== undefined) journalNames.add(name);
    const cached = journaled === undefined ? row : (journaled ?? undefined);
    const at =
      stat !== undefined && cached !== undefined && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs
        ? output.reuseNear(articleJsonPath(cached.record.slug), cached.record.hash, near + 1)
        : -1;
    if (at >= 0 && cached !== undefined) {
      near = at;
      articles.push(cached.record);
      kept[index] = cached;
      continue;
    }
    const last = output.last(articleJsonPath(name.replace(/\.txt$/u, '')));
    // A file gone meanwhile is published too, to report it as a problem.
    batch.push({ name, file: join(dir, name), last, size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1 });
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
  // The cache's files the folder no longer holds: its rows passed over, and the journal's rows not asked for.
  const gone = new Set(table.passed());
  for (const [name, row] of journal.rows) {
    if (row === null) gone.delete(name);
    else if (!journalNames.has(name)) gone.add(name);
  }
  const dropped = [...gone];
  if (changes.size > 0 || dropped.length > 0) {
    await mkdir(cacheDir, { recursive: true });
    if (table.size > 0 && journal.lines + changes.size + dropped.length <= table.size / JOURNAL_SHARE) {
      const lines = [
        ...(journal.lines === 0 ? [JSON.stringify({ key } satisfies JournalHead)] : []),
        ...dropped.map((name) => JSON.stringify([name] satisfies Dropped)),
        ...[...changes].map(([name, cached]) => JSON.stringify(rowOf(name, cached))),
      ];
      if (journal.lines === 0) await writeAtomically(journalPath, `${lines.join('\n')}\n`);
      else await appendFile(journalPath, `${lines.join('\n')}\n`);
    } else {
      // The folder's files, in order, each as published now or as the cache had it.
      const files = names.flatMap((name, index): [string, Cached][] => {
        const cached = changes.get(name) ?? kept[index];
        return cached === undefined ? [] : [[name, cached]];
      });
      await writeAtomically(cachePath, serializeCache(key, files));
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

/** The journal is folded into the cache once it holds this fraction of the cache's rows. */
const JOURNAL_SHARE = 10;

/** A journal's first line: the key its rows were made under. */
interface JournalHead {
  readonly key: string;
}

/** A journal line for a file gone from the folder: its name alone. */
type Dropped = [name: string];

/**
 * The journal beside the cache: each file's latest row in it (null: the file was dropped), and
 * how many lines it held (0: none, or none usable: missing, of another key, or beside no cache).
 * A line that is not a whole row is skipped: its file is then not in the cache, and is read again.
 */
function readJournal(
  text: string | null,
  key: string,
  withCache: boolean,
): { readonly rows: ReadonlyMap<string, Cached | null>; readonly lines: number } {
  const rows = new Map<string, Cached | null>();
  if (text === null) return { rows, lines: 0 };
  const lines = text.split('\n').filter((line) => line !== '');
  const head = parseJournalLine(lines[0] ?? '');
  if (!withCache || !isHead(head) || head.key !== key) return { rows, lines: 0 };
  for (const line of lines.slice(1)) {
    const value = parseJournalLine(line);
    if (!Array.isArray(value) || typeof value[0] !== 'string') continue;
    if (value.length === 1) rows.set(value[0], null);
    else if (isRow(value)) rows.set(value[0], cachedOf(value));
    // A row cut short: its file is read again, not taken from the cache's older row.
    else rows.set(value[0], null);
  }
  return { rows, lines: lines.length };
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
