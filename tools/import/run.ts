/**
 * `warta import SOURCE`: one run of the importer. It reads a WordPress posts collection (page by
 * page, oldest change first, from the cursor on) or an RSS / Atom feed, from an address or a saved
 * file, and writes each article to the content store. Incremental and idempotent: an unchanged item
 * writes nothing, and the state (cursor, validators, slugs) is saved only after the items before it
 * are written, so a run killed halfway loses nothing and the next one completes it.
 */
import { readFile, rm } from 'node:fs/promises';
import { MAX_ARTICLE_CHARS, parseArticle } from '../../src/content/parse-article.js';
import { articleText, type ArticleMeta } from './article-text.js';
import { epochOf } from './dates.js';
import { decodeFeed, readFeed } from './feed.js';
import { FetchError, PoliteClient, type ClientOptions, type FetchResult } from './http.js';
import { htmlToBlocks, htmlToLine, normaliseSpace, removalNotes, stripControls, type RemovedCounts } from './html.js';
import { markupAsHtml, type ItemResult, type SourceItem } from './items.js';
import { PROFILES, type ImportProfile } from './profile.js';
import { allocateSlug, ownerOf, slugFromLink, transliterate, type Owner } from './slug.js';
import {
  articleFile,
  contentPaths,
  readFields,
  readState,
  readText,
  removeLeftovers,
  slugOwners,
  withdraw,
  withdrawnFile,
  writeAtomic,
  writeState,
  type ContentPaths,
  type SourceState,
} from './store.js';
import { firstPage, idsPage, isWordPressPosts, nextPage, readPostsPage, totalPages } from './wordpress.js';

/** Exit codes of `warta import` (the README lists them). */
export const EXIT = {
  /** Every item was imported, updated or found unchanged. */
  ok: 0,
  /** The run completed, but some items were refused (each is listed with its reason). */
  refused: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The source could not be read (network, HTTP error, malformed JSON or XML): what came before is kept. */
  source: 3,
  /** The content store could not be written (permissions, disk full, a corrupt state file). */
  store: 4,
} as const;

export interface ImportOptions {
  /** A WordPress posts address, a feed address, or a saved file of either. */
  readonly source: string;
  /** The content folder (holding articles/, withdrawn/, sources/). */
  readonly contentDir: string;
  /** The source's key; default: the address's host with dots as hyphens. */
  readonly sourceKey: string | null;
  readonly dryRun: boolean;
  /** WordPress: also withdraw articles whose ids the source no longer lists. */
  readonly reconcile: boolean;
  readonly lang: string | null;
  readonly publisher: string | null;
  readonly publisherUrl: string | null;
  readonly profile: string;
  readonly perPage: number;
  readonly client: Partial<ClientOptions>;
  /** Where the page and summary lines go (stdout in the CLI). */
  readonly out: (line: string) => void;
  /** Where refusals, notes and errors go (stderr in the CLI). */
  readonly err: (line: string) => void;
  readonly now?: () => Date;
}

export interface Summary {
  new: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  refused: number;
}

export interface ImportOutcome {
  readonly code: number;
  readonly summary: Summary;
}

/** A failure that ends the run with an exit code and one line. */
class Stop extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

const SOURCE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

/** Everything one run shares. */
interface Run {
  readonly options: ImportOptions;
  readonly paths: ContentPaths;
  readonly profile: ImportProfile;
  readonly key: string;
  readonly state: SourceState;
  readonly owners: Map<string, Owner>;
  /** Slugs of articles already in the store, by owner: a state file lost or behind is repaired. */
  readonly slugsByOwner: Map<Owner, string>;
  readonly summary: Summary;
  readonly refusals: string[];
  readonly notes: string[];
  /** Items numbered across pages, 1-based. */
  counter: number;
  /** Language and publisher the feed itself names, used when the options name none. */
  feedLanguage: string | null;
  feedTitle: string | null;
}

export async function runImport(options: ImportOptions): Promise<ImportOutcome> {
  const summary: Summary = { new: 0, updated: 0, unchanged: 0, withdrawn: 0, refused: 0 };
  const current: { run: Run | null } = { run: null };
  try {
    await importSource(options, summary, current);
  } catch (error) {
    // What was done before the failure is kept, and said.
    if (current.run !== null) finish(current.run);
    if (error instanceof Stop) {
      options.err(`${options.source}: ${error.message}`);
      return { code: error.code, summary };
    }
    if (error instanceof FetchError) {
      options.err(`${options.source}: ${error.message}`);
      return { code: EXIT.source, summary };
    }
    const message = error instanceof Error ? error.message : String(error);
    options.err(`${options.source}: cannot write the content store: ${message}`);
    return { code: EXIT.store, summary };
  }
  return { code: summary.refused > 0 ? EXIT.refused : EXIT.ok, summary };
}

async function importSource(options: ImportOptions, summary: Summary, current: { run: Run | null }): Promise<void> {
  const profile = PROFILES.get(options.profile);
  if (profile === undefined) {
    throw new Stop(`unknown profile "${options.profile}" (known: ${[...PROFILES.keys()].join(', ')})`, EXIT.usage);
  }
  if (options.publisherUrl !== null && !isHttps(options.publisherUrl)) {
    throw new Stop(`--publisher-url "${options.publisherUrl}" is not an https: address`, EXIT.usage);
  }
  const remote = /^https?:\/\//iu.test(options.source);
  const wordpress = remote ? isWordPressPosts(options.source) : null;
  if (options.reconcile && wordpress !== true) {
    throw new Stop('--reconcile needs a WordPress posts address: feeds list only their latest items', EXIT.usage);
  }
  const client = new PoliteClient({ log: options.err, ...options.client });
  if (!remote) {
    await importFile(options, profile, summary, current);
    return;
  }
  const key = sourceKey(options, options.source);
  const run = await startRun(options, profile, key, summary);
  current.run = run;
  if (wordpress === true) await importWordPress(run, client);
  else await importFeed(run, client);
  if (options.reconcile) await reconcile(run, client);
  finish(run);
}

/** The key given, else the host of `address` with dots as hyphens. */
function sourceKey(options: ImportOptions, address: string | null): string {
  let key = options.sourceKey;
  if (key === null && address !== null) {
    try {
      key = new URL(address).hostname.toLowerCase().replace(/\./gu, '-');
    } catch {
      key = null;
    }
  }
  if (key === null) throw new Stop('cannot tell which source this is: give --source KEY', EXIT.usage);
  if (!SOURCE_KEY.test(key)) {
    throw new Stop(`the source key "${key}" must be lowercase letters, digits and hyphens`, EXIT.usage);
  }
  return key;
}

async function startRun(options: ImportOptions, profile: ImportProfile, key: string, summary: Summary): Promise<Run> {
  const paths = contentPaths(options.contentDir);
  let state: SourceState;
  try {
    state = await readState(paths, key);
  } catch (error) {
    throw new Stop(error instanceof Error ? error.message : String(error), EXIT.store);
  }
  if (!options.dryRun) for (const dir of [paths.articles, paths.withdrawn, paths.sources]) await removeLeftovers(dir);
  const owners = await slugOwners(paths);
  const slugsByOwner = new Map<Owner, string>();
  for (const [slug, owner] of owners) if (!slugsByOwner.has(owner)) slugsByOwner.set(owner, slug);
  return {
    options,
    paths,
    profile,
    key,
    state,
    owners,
    slugsByOwner,
    summary,
    refusals: [],
    notes: [],
    counter: 0,
    feedLanguage: null,
    feedTitle: null,
  };
}

/** A saved page of WordPress posts or a saved feed: one page, no conditional requests. */
async function importFile(
  options: ImportOptions,
  profile: ImportProfile,
  summary: Summary,
  current: { run: Run | null },
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.source);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new Stop(`cannot read the file (${code})`, EXIT.usage);
  }
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 64))
    .replace(/^\u00EF\u00BB\u00BF/u, '')
    .trimStart();
  const json = head.startsWith('[') || head.startsWith('{');
  let items: ItemResult[];
  let feed: { title: string | null; language: string | null } = { title: null, language: null };
  if (json) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Stop('the JSON is not valid UTF-8', EXIT.source);
    }
    const page = readPostsPage(text);
    if (!page.ok) throw new Stop(page.reason, EXIT.source);
    items = page.items;
  } else {
    const document = parseFeedBytes(bytes, null, null);
    items = document.items;
    feed = document;
  }
  const firstLink = items.find((result) => result.ok && result.item.link !== null);
  const link = firstLink?.ok === true ? firstLink.item.link : null;
  const run = await startRun(options, profile, sourceKey(options, link), summary);
  current.run = run;
  run.feedTitle = feed.title;
  run.feedLanguage = feed.language;
  await processPage(run, items, `page 1 of 1 (${options.source})`, json);
  finish(run);
}

function parseFeedBytes(
  bytes: Uint8Array,
  contentType: string | null,
  base: string | null,
): { title: string | null; language: string | null; items: ItemResult[] } {
  const text = decodeFeed(bytes, contentType);
  if (!text.ok) throw new Stop(text.reason, EXIT.source);
  const feed = readFeed(text.value, base);
  if (!feed.ok) throw new Stop(feed.reason, EXIT.source);
  return feed.value;
}

async function importWordPress(run: Run, client: PoliteClient): Promise<void> {
  let url: string | null = firstPage(run.options.source, run.state.cursor, run.options.perPage);
  for (let page = 1; url !== null; page += 1) {
    const response = await client.get(url, 'json');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(response.body);
    } catch {
      throw new Stop(`page ${page}: the JSON is not valid UTF-8`, EXIT.source);
    }
    const posts = readPostsPage(text);
    if (!posts.ok) throw new Stop(`page ${page}: ${posts.reason}`, EXIT.source);
    const total = totalPages(response.headers);
    await processPage(run, posts.items, `page ${page}${total === null ? '' : ` of ${Math.max(total, 1)}`}`, true);
    url = nextPage(response.url, response.headers);
  }
}

async function importFeed(run: Run, client: PoliteClient): Promise<void> {
  const conditional: Record<string, string> = {};
  if (run.state.etag !== null) conditional['If-None-Match'] = run.state.etag;
  if (run.state.lastModified !== null) conditional['If-Modified-Since'] = run.state.lastModified;
  const response: FetchResult = await client.get(run.options.source, 'feed', conditional);
  if (response.status === 304) {
    run.options.out(`${run.key}: the feed has not changed since the last run`);
    return;
  }
  const feed = parseFeedBytes(response.body, response.headers.get('content-type'), response.url);
  run.feedTitle = feed.title;
  run.feedLanguage = feed.language;
  await processPage(run, feed.items, 'page 1 of 1', false);
  // The validators are kept only once every item is written: a run cut short asks for the whole feed again.
  run.state.etag = response.headers.get('etag');
  run.state.lastModified = response.headers.get('last-modified');
  if (!run.options.dryRun) await writeState(run.paths, run.key, run.state);
}

/** Every item of one page, then the state: the cursor moves past items only once they are written. */
async function processPage(run: Run, items: readonly ItemResult[], label: string, moveCursor: boolean): Promise<void> {
  const before = { ...run.summary };
  let latest = epochOf(run.state.cursor);
  let cursor = run.state.cursor;
  for (const result of items) {
    run.counter += 1;
    await processItem(run, result, run.counter);
    const modified = result.ok ? (result.item.modified ?? result.item.published) : null;
    if (moveCursor && modified !== null && (latest === null || modified.epoch > latest)) {
      latest = modified.epoch;
      cursor = modified.iso;
    }
  }
  run.state.cursor = cursor;
  if (!run.options.dryRun) await writeState(run.paths, run.key, run.state);
  const count = (field: keyof Summary): number => run.summary[field] - before[field];
  const parts = [`${count('new')} new`, `${count('updated')} updated`, `${count('unchanged')} unchanged`];
  if (count('withdrawn') > 0) parts.push(`${count('withdrawn')} withdrawn`);
  parts.push(`${count('refused')} refused`);
  run.options.out(`${run.key}: ${label}: ${items.length} item(s): ${parts.join(', ')}`);
}

async function processItem(run: Run, result: ItemResult, n: number): Promise<void> {
  const { options } = run;
  const refuse = (id: string | null, reason: string): void => {
    run.summary.refused += 1;
    run.refusals.push(`${options.source}: item ${n} (${id ?? 'no id'}): ${reason}`);
  };
  if (!result.ok) {
    refuse(result.id, result.reason);
    return;
  }
  const item = result.item;
  try {
    const built = buildArticle(run, item);
    if (!built.ok) {
      refuse(item.id, built.reason);
      return;
    }
    const slug = slugFor(run, item);
    if (slug === null) {
      refuse(item.id, 'no slug could be made from its slug, link, title or id');
      return;
    }
    for (const note of built.notes) run.notes.push(`${options.source}: item ${n} (${item.id}): ${note}`);
    await store(run, item, slug, built.text);
  } catch (error) {
    if (error instanceof Stop) throw error;
    if (isStoreError(error)) throw error;
    // One bad item never stops the others.
    refuse(item.id, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Node's file-system errors carry a `syscall`: those end the run, since every later write would fail too. */
function isStoreError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error;
}

/** The article's file text, or why the item is refused. */
function buildArticle(
  run: Run,
  item: SourceItem,
): { ok: true; text: string; notes: string[] } | { ok: false; reason: string } {
  const notes: string[] = [];
  let title: string;
  if (item.title.type === 'html') {
    const line = htmlToLine(item.title.value);
    if (!line.ok) return { ok: false, reason: `title: ${line.reason}` };
    title = line.text;
    notes.push(...line.notes);
  } else {
    const removed: RemovedCounts = { bidi: 0, control: 0 };
    title = normaliseSpace(stripControls(normaliseSpace(item.title.value), removed));
    notes.push(...removalNotes(removed, 'title'));
  }
  if (title === '') return { ok: false, reason: 'no title (the title has no words)' };
  const conversion = htmlToBlocks(markupAsHtml(item.content), { ...run.profile, baseUrl: item.link });
  if (!conversion.ok) return { ok: false, reason: conversion.reason };
  notes.push(...conversion.notes);
  if (!conversion.blocks.some((block) => block.kind !== 'read-also')) {
    return { ok: false, reason: 'no text: the HTML has no words outside read-also items' };
  }
  const url = item.link !== null && isHttps(item.link) ? item.link : null;
  if (item.link !== null && url === null) notes.push(`its address "${item.link}" is not https:, so it is not kept`);
  const meta: ArticleMeta = {
    title,
    date: item.localDate,
    lang: language(run),
    publisher: run.options.publisher ?? run.feedTitle,
    publisherUrl: run.options.publisherUrl,
    source: run.key,
    sourceId: item.id,
    url,
    published: item.published.iso,
    modified: item.modified?.iso ?? null,
    author: clean(item.author),
    // "; " separates categories in the front matter, so a name cannot hold one.
    categories: item.categories.map((name) => clean(name.replace(/;/gu, ','))).filter((name) => name !== null),
    profile: run.profile.id,
  };
  const text = articleText(meta, conversion.blocks);
  if (text.length > MAX_ARTICLE_CHARS) {
    const size = text.length.toLocaleString('en');
    return {
      ok: false,
      reason: `the article has ${size} characters; at most ${MAX_ARTICLE_CHARS.toLocaleString('en')}`,
    };
  }
  const problem = checkArticle(text);
  if (problem !== null) return { ok: false, reason: problem };
  return { ok: true, text, notes };
}

/**
 * The article parser's verdict: the build refuses what it refuses, so such a file is never written.
 * A parser that does not yet read content store version 2 refuses its front-matter keys; then the
 * body alone is checked, behind an empty front matter (a first line "---" would otherwise open one).
 */
function checkArticle(text: string): string | null {
  const whole = parseArticle(text);
  if (whole.ok) return null;
  const frontMatterLines = text.slice(0, text.indexOf('\n---\n')).split('\n').length + 1;
  const newKeys = whole.error.line <= frontMatterLines && whole.error.message.startsWith('unknown front-matter key');
  if (!newKeys) return `the article parser refuses it: ${whole.error.message} (line ${whole.error.line})`;
  const body = text.slice(text.indexOf('\n---\n') + '\n---\n'.length);
  const parsed = parseArticle(`---\n---\n${body}`);
  if (parsed.ok) return null;
  return `the article parser refuses it: ${parsed.error.message} (line ${parsed.error.line - 2 + frontMatterLines})`;
}

function language(run: Run): string {
  const tag = run.options.lang ?? run.feedLanguage;
  if (tag !== null) {
    const [primary = '', ...rest] = tag.trim().split(/[-_]/u);
    const normalised = [primary.toLowerCase(), ...rest].join('-');
    if (/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(normalised)) return normalised;
  }
  return 'id';
}

function clean(value: string | null): string | null {
  if (value === null) return null;
  const text = normaliseSpace(stripControls(normaliseSpace(value), { bidi: 0, control: 0 }));
  return text === '' ? null : text;
}

function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The item's slug: the one it was given before (the state, else an article or withdrawal that
 * names it), else a new one from the publisher's slug, its link, its title or its id.
 */
function slugFor(run: Run, item: SourceItem): string | null {
  const me = ownerOf(run.key, item.id);
  const known = run.state.ids[item.id] ?? run.slugsByOwner.get(me);
  if (known !== undefined) return known;
  const title = item.title.type === 'html' ? htmlToLine(item.title.value) : null;
  const titleText = title === null ? item.title.value : title.ok ? title.text : null;
  const candidates = [item.slug, slugFromLink(item.link), titleText, `${run.key}-${item.id}`];
  for (const candidate of candidates) {
    if (candidate === null) continue;
    const base = transliterate(candidate);
    if (base !== '') return allocateSlug(base, run.key, item.id, run.owners);
  }
  return null;
}

async function store(run: Run, item: SourceItem, slug: string, text: string): Promise<void> {
  const { paths, options } = run;
  const me = ownerOf(run.key, item.id);
  const claim = (): void => {
    run.state.ids[item.id] = slug;
    run.owners.set(slug, me);
    run.slugsByOwner.set(me, slug);
  };
  const file = articleFile(paths, slug);
  if ((await readText(withdrawnFile(paths, slug))) !== null) {
    // Withdrawn: never published again. A withdrawal killed before it removed the article is completed.
    claim();
    run.summary.unchanged += 1;
    if (!options.dryRun && (await readText(file)) !== null) await rm(file, { force: true });
    return;
  }
  const existing = await readText(file);
  if (existing === text) {
    claim();
    run.summary.unchanged += 1;
    return;
  }
  if (existing !== null) {
    const fields = readFields(existing);
    const stored = epochOf(fields.get('modified') ?? fields.get('published'));
    const incoming = (item.modified ?? item.published).epoch;
    // A source that serves an older copy (a stale cache) never overwrites a newer one.
    if (stored !== null && incoming < stored) {
      claim();
      run.summary.unchanged += 1;
      return;
    }
  }
  if (!options.dryRun) await writeAtomic(file, text);
  claim();
  if (existing === null) run.summary.new += 1;
  else run.summary.updated += 1;
}

/**
 * WordPress reports no deletions: list every published id and withdraw the articles whose ids are
 * no longer there. Nothing is withdrawn unless the whole list was read.
 */
async function reconcile(run: Run, client: PoliteClient): Promise<void> {
  const listed = new Set<string>();
  let url: string | null = idsPage(run.options.source);
  for (let page = 1; url !== null; page += 1) {
    const response = await client.get(url, 'json');
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(response.body));
    } catch (error) {
      throw new Stop(
        `reconciliation page ${page}: malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
        EXIT.source,
      );
    }
    if (!Array.isArray(data)) throw new Stop(`reconciliation page ${page}: expected a list of posts`, EXIT.source);
    for (const post of data as unknown[]) {
      const id: unknown = typeof post === 'object' && post !== null && 'id' in post ? post.id : undefined;
      if (typeof id === 'number' || typeof id === 'string') listed.add(String(id));
    }
    url = nextPage(response.url, response.headers);
  }
  const known = Object.entries(run.state.ids);
  if (listed.size === 0 && known.length > 0) {
    throw new Stop(
      'reconciliation: the source lists no posts at all; nothing withdrawn (is the address right?)',
      EXIT.source,
    );
  }
  let count = 0;
  const withdrawnAt = (run.options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  for (const [id, slug] of known) {
    if (listed.has(id)) continue;
    if ((await readText(withdrawnFile(run.paths, slug))) !== null) continue;
    if ((await readText(articleFile(run.paths, slug))) === null) continue;
    count += 1;
    if (!run.options.dryRun) {
      await withdraw(run.paths, {
        slug,
        source: run.key,
        sourceId: id,
        withdrawn: withdrawnAt,
        reason: 'no longer listed by the source',
      });
    }
  }
  run.summary.withdrawn += count;
  run.options.out(`${run.key}: reconciliation: ${listed.size} post(s) listed, ${count} withdrawn`);
}

function finish(run: Run): void {
  const { summary, options } = run;
  const dry = options.dryRun ? ' (dry run: nothing written)' : '';
  options.out(
    `${run.key}: ${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.withdrawn} withdrawn, ${summary.refused} refused${dry}`,
  );
  for (const line of run.refusals) options.err(line);
  for (const line of run.notes) options.err(line);
}
