/**
 * The build, one stage after another, each timed: content and source in, the site out.
 *
 *   npm run build -- [--out DIR] [--content DIR] [--site URL] [--cache DIR] [--verify]
 *   (tools/run.mjs runs it from a bundle; `tsx tools/build.ts …` runs it as TypeScript)
 *
 * `--out` is the output folder (default dist/), `--content` the articles' folder (default
 * content/articles; the tests build others) or a content folder holding `articles/` (and maybe
 * `glossary/` and `withdrawn/`), as `warta import --content` writes; `--site` (or WARTA_SITE) the
 * origin the site is served from, which feeds, sitemaps and robots.txt name (tools/site.ts);
 * `--cache` the cache folder (default node_modules/.cache/warta; the benchmark keeps its own);
 * `--verify` looks at every file the last build left in the output folder, and makes again those
 * changed or deleted since (without it, the cache's record of them is trusted: tools/output.ts);
 * WARTA_VERSION overrides the app's version.
 * docs/ARCHITECTURE.md has the diagram.
 *
 * The output is a function of the content, the sources and the build's date (the day pages say
 * ages from: now, or SOURCE_DATE_EPOCH), never of what the folder held before: an incremental
 * build equals a clean one of the same date byte for byte (tests/unit/incremental.test.ts).
 *
 * 1. content: every article and glossary entry, validated (FILE:LINE on a problem); only new and
 *    changed article files are read and published (tools/content-cache.ts), on the build's threads.
 * 2. scripts: the browser script in each UI language and the before-first-paint script, each a
 *    Vite build with its manifest, cached by a hash of their sources (tools/cache.ts), so a build
 *    whose code did not change does not build them again.
 * 3. pages: every page in both languages, prerendered with the script of its language as Vite's
 *    manifest names it, those whose key changed only (tools/prerender.ts), on the build's threads;
 *    the JSON the app reads; the feeds, the change log, the sitemaps; the web app manifest,
 *    `_headers`, public/.
 * 4. worker: the registry (src/sw/app-files.ts) resolved into the app's files, each with its
 *    revision, and the service worker built with them.
 * 5. compress: gzip copies of what changed since the last build and has none yet (tools/compress.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { transform } from 'lightningcss';
import type { Manifest } from 'vite';
import { changesPackUrl, changesPageUrl, type Change, type ChangePage } from '../src/content/change-log.js';
import { glossaryText, type GlossaryEntry } from '../src/content/glossary.js';
import type { PublishedArticle } from '../src/content/types.js';
import { archivePath, articleUrl, feedPath, glossaryJsonUrl, type Locale } from '../src/routes.js';
import { LOCALES } from '../src/sw/app-files.js';
import { appManifest, scriptFiles } from './app-files.js';
import { RECORD_FILE, WORKER_WITHOUT_SYNC, type BuildRecord, type ScriptFiles } from './build-record.js';
import { switchLocale } from './build-jobs.js';
import { BuildPool } from './build-pool.js';
import { categoriesOf, type Category } from './categories.js';
import { updateChangeLog } from './change-log.js';
import { CACHE_DIR, SCRIPT_SOURCES, cachedFolder, hashSources, pruneCache } from './cache.js';
import { compressOutput, gzipMethod, isCompressed } from './compress.js';
import { articleJsonPath, loadContent, type PublishJob } from './content-cache.js';
import { readContentFolder, readWhole } from './content-folder.js';
import { ARTICLES_DIR, GLOSSARY_DIR, formatProblem, loadGlossary, type ArticleRecord } from './content.js';
import { contentSecurityPolicy, hashSource } from './csp.js';
import { FEED_ITEMS, feeds } from './feeds.js';
import { firstPaintScript } from './first-paint.js';
import { NGINX_HEADERS_FILE, headerFiles } from './nginx.js';
import { GZIP_LEVELS, Output, readOutputFile, writeAtomically } from './output.js';
import {
  ARCHIVE_LIST,
  PageKeeper,
  categoryList,
  readPageState,
  serializePageState,
  termList,
  type MadeLog,
  type PageState,
} from './page-state.js';
import {
  agesKey,
  frameKey,
  localeFile,
  makePages,
  sitePageSpecs,
  termItems,
  type Frame,
  type HeadParts,
  type PageCounts,
} from './prerender.js';
import { serviceWorkerScript } from './service-worker.js';
import { siteOf, type Site } from './site.js';
import { robotsTxt, siteAddresses, sitemapChunks, sitemapIndexText, sitemapText } from './sitemaps.js';
import { loadWithdrawals, type Withdrawal } from './withdrawals.js';

const SHELL = 'index.html';
const STYLESHEET = 'src/styles/page.css';
const HEADERS = 'public/_headers';
const PUBLIC = 'public';
const MANIFEST = 'manifest.webmanifest';
const FIRST_PAINT_FILE = 'first-paint.js';
const ROBOTS = 'robots.txt';

export interface BuildOptions {
  /** The output folder (dist/). */
  readonly out?: string;
  /** The articles' folder (content/articles), or a content folder holding `articles/`. */
  readonly content?: string;
  readonly glossary?: string;
  /** The site's origin (`https://warta.example`; else WARTA_SITE, else the local address). */
  readonly site?: string;
  /** The app's version, in the scripts (package.json's). */
  readonly version?: string;
  /** The date pages are rendered at (now, or SOURCE_DATE_EPOCH). */
  readonly now?: Date;
  readonly cacheDir?: string;
  /** Whether files the last build left are looked at on disk before they are kept (`--verify`). */
  readonly verify?: boolean;
  /** Where the stage times go (stdout). */
  readonly log?: (line: string) => void;
}

/** Whether a script was built by this build or taken from the cache. */
export type Made = 'built' | 'cached';

export interface BuildReport {
  readonly articles: number;
  readonly stages: readonly { readonly name: string; readonly ms: number }[];
  readonly scripts: Readonly<Record<Locale | 'first-paint', Made>>;
  /** Article files read and published again, and those taken from the cache unchanged. */
  readonly content: { readonly published: number; readonly reused: number };
  /** Pages (each in every UI language) rendered, and those kept as the last build made them. */
  readonly pages: PageCounts;
  /** The change log's pages made by this build, and those kept as the last build made them. */
  readonly changeLog: { readonly made: number; readonly kept: number };
  /** The files whose content differs from the last build's in this folder. */
  readonly changed: readonly string[];
  /** The files whose gzip copy was made by this build (in the compress stage or as they were written). */
  readonly compressed: readonly string[];
  readonly record: BuildRecord;
}

/** The stages, in the order they run: their names are what the build prints. */
type Stage = 'content' | 'scripts' | 'pages' | 'worker' | 'compress';

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const out = options.out ?? 'dist';
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  const version = options.version ?? packageVersion();
  const now = options.now ?? buildTime();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const site = siteOf(options.site ?? process.env['WARTA_SITE']);
  if (site.local) {
    log(`feeds, sitemaps and robots.txt carry ${site.origin}: give the site's address with --site URL or WARTA_SITE`);
  }
  const stages: { name: string; ms: number }[] = [];
  let articleCount = 0;
  const timed = async <T>(name: Stage, run: () => Promise<T>, note?: (result: T) => string): Promise<T> => {
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    stages.push({ name, ms });
    const said = note === undefined ? '' : `: ${note(result)}`;
    log(`${name}: ${ms.toFixed(0)} ms (${perArticle(ms, articleCount)})${said}`);
    return result;
  };
  const started = performance.now();

  const dirs = contentDirs(options.content ?? ARTICLES_DIR, options.glossary);
  // Asked for first: listing and reading them overlaps the output's record being parsed.
  const reads = readContentFolder(dirs.articles, cacheDir);
  const output = await Output.open(out, cacheDir, { verify: options.verify === true });
  // The pages' record holds for the output as the last build left it: gone before this one
  // writes anything, so a build stopped midway leaves none (tools/page-state.ts).
  const pagesPath = output.cacheFile('pages');
  const lastPages = await readPageStateFile(pagesPath, output.recordToken());
  await rm(pagesPath, { force: true });
  const glossary = await loadGlossary(dirs.glossary);
  const withdrawn = dirs.withdrawn === null ? { withdrawals: [], problems: [] } : await loadWithdrawals(dirs.withdrawn);
  const problems = [...glossary.problems, ...withdrawn.problems];
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  const pool = new BuildPool({ out: output.dir, glossary: glossary.entries, now: now.getTime(), frame: null });
  try {
    const content = await timed(
      'content',
      async () => {
        const publisher = {
          publish: (job: PublishJob) => pool.submit(job),
          room: () => pool.room(),
          drain: () => pool.drain(),
        };
        const loaded = await loadContent(dirs.articles, glossary.entries, output, cacheDir, publisher, reads);
        // A withdrawal stopped before it removed the article's file still withdraws it.
        const gone = new Set(withdrawn.withdrawals.map((withdrawal) => withdrawal.slug));
        const articles =
          gone.size === 0 ? loaded.articles : loaded.articles.filter((article) => !gone.has(article.slug));
        articleCount = articles.length;
        return { ...loaded, articles, withdrawals: withdrawn.withdrawals, categories: categoriesOf(articles) };
      },
      (loaded) => `${count(loaded.published)} published, ${count(loaded.reused)} from the cache`,
    );
    const scripts = await timed('scripts', () => buildScripts(version, cacheDir));
    const pages = await timed(
      'pages',
      () => writePages(output, { ...content, glossary: glossary.entries }, scripts, now, pool, site, lastPages),
      (made) =>
        `${count(made.rendered)} rendered, ${count(made.reused)} kept; change log: ${count(made.changeLog.made)} pages made, ${count(made.changeLog.kept)} kept`,
    );
    await pool.close();
    const record = await timed('worker', () => writeWorker(output, scripts, cacheDir));
    const compressed = await timed('compress', async () => {
      const zopfli = new Set(['sw.js', ...record.app.files.map((file) => file.url.slice(1))]);
      // How every copy is made: when the last build's were made the same way, the files it kept
      // with their copy need no look (300,000 paths at 100,000 articles), by the sweep or here.
      const methods = keyOf([await hashSources(COMPRESS_SOURCES), [...zopfli].sort()]);
      const kept = lastPages?.compress === methods ? 'trust' : 'look';
      await output.sweep(isCompressed, { kept });
      await compressOutput(output, (path) => zopfli.has(path), { kept });
      await output.save();
      // After the output's record it describes: written beside its place and renamed into it.
      await writeAtomically(pagesPath, serializePageState(pages.state(methods, output.recordToken())));
      // Those of output folders not built for two weeks go, as their output's records do.
      await pruneCache(cacheDir, 'pages', pagesPath);
      // With those the build's threads made as they wrote.
      return output.compressed();
    });
    const total = performance.now() - started;
    log(`build: ${total.toFixed(0)} ms (${perArticle(total, articleCount)}), ${count(articleCount)} articles`);
    return {
      articles: articleCount,
      stages,
      scripts: { id: scripts.id.made, en: scripts.en.made, 'first-paint': scripts.firstPaint.made },
      content: { published: content.published, reused: content.reused },
      pages: { rendered: pages.rendered, reused: pages.reused },
      changeLog: pages.changeLog,
      changed: output.changed(),
      compressed,
      record,
    };
  } finally {
    await pool.close();
  }
}

const count = (value: number): string => value.toLocaleString('en');

function perArticle(ms: number, articles: number): string {
  return articles === 0 ? 'no articles' : `${(ms / articles).toFixed(1)} ms per article`;
}

/** The site's content as the stages after the content stage take it. */
interface Content {
  /** Newest first, withdrawn ones left out. */
  readonly articles: readonly ArticleRecord[];
  readonly glossary: readonly GlossaryEntry[];
  readonly withdrawals: readonly Withdrawal[];
  readonly categories: readonly Category<ArticleRecord>[];
}

interface ContentDirs {
  readonly articles: string;
  readonly glossary: string;
  /** The withdrawals beside `articles/`, when the articles' folder is one. */
  readonly withdrawn: string | null;
}

/**
 * The articles' and glossary's folders for `--content DIR`: DIR itself is the articles' folder,
 * unless it holds an `articles/` folder, as the content folder the importer writes does (its
 * `withdrawn/` and `sources/` are not articles). Such a folder's own `glossary/` is used when it
 * has one and no other is given. Withdrawals are read from the `withdrawn/` beside a folder named
 * `articles/` (content/withdrawn for the default).
 */
function contentDirs(dir: string, glossary: string | undefined): ContentDirs {
  const isDir = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  const articles = isDir(join(dir, 'articles')) ? join(dir, 'articles') : dir;
  const own = join(dir, 'glossary');
  return {
    articles,
    glossary: glossary ?? (articles !== dir && isDir(own) ? own : GLOSSARY_DIR),
    withdrawn: basename(articles) === 'articles' ? join(dirname(articles), 'withdrawn') : null,
  };
}

/** One language's script as built: its folder in the cache and Vite's manifest of it. */
interface BuiltScript {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly made: Made;
}

interface Scripts extends Readonly<Record<Locale, BuiltScript>> {
  /** The hash of their sources (and the app's version) the cache knows them by. */
  readonly key: string;
  readonly firstPaint: { readonly code: string; readonly made: Made };
}

/** Both languages' scripts and the before-first-paint script, from the cache when their sources did not change. */
async function buildScripts(version: string, cacheDir: string): Promise<Scripts> {
  const key = await hashSources(SCRIPT_SOURCES, [version]);
  const client = async (locale: Locale): Promise<BuiltScript> => {
    const { dir, built } = await cachedFolder(
      `client-${locale}`,
      key,
      async (making) => {
        // Loaded only to build: it brings Vite, TypeScript and the string compiler (seconds to load).
        const [{ clientBuild }, { build: viteBuild }] = await Promise.all([
          import('./client-build.js'),
          import('vite'),
        ]);
        await viteBuild(clientBuild(locale, version, making));
      },
      cacheDir,
    );
    const manifest = JSON.parse(await readFile(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
    return { dir, manifest, made: built ? 'built' : 'cached' };
  };
  const [id, en, firstPaint] = await Promise.all([
    client('id'),
    client('en'),
    cachedFolder(
      'first-paint',
      key,
      async (making) => {
        await writeFile(join(making, FIRST_PAINT_FILE), await firstPaintScript());
      },
      cacheDir,
    ),
  ]);
  const code = await readFile(join(firstPaint.dir, FIRST_PAINT_FILE), 'utf8');
  return { key, id, en, firstPaint: { code, made: firstPaint.built ? 'built' : 'cached' } };
}

/**
 * What rendering a page depends on besides its spec and the frame's strings: a change to any of
 * these makes every page again (the templates and their strings are in src/ and xliff/).
 */
const RENDER_SOURCES = [
  'src',
  'xliff',
  'package-lock.json',
  'tools/prerender.ts',
  'tools/render-template.ts',
  'tools/build-jobs.ts',
];

/** What decides how each file's gzip copy is made (tools/compress.ts: `gzipMethod` reads the routes and the registry). */
const COMPRESS_SOURCES = ['src', 'tools/compress.ts', 'tools/output.ts'];

/** What the feeds, the sitemaps and the summaries are made by besides their content: their keys' other part. */
const SITE_FILE_SOURCES = ['src', 'xliff', 'tools/build.ts', 'tools/feeds.ts', 'tools/sitemaps.ts', 'tools/xml.ts'];

/** A key of plain data: a hash of its JSON. */
function keyOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** What a list of articles is made from, in a few bytes: each one's slug and hash. */
function listKey(articles: readonly ArticleRecord[]): string {
  const hash = createHash('sha256');
  for (const article of articles) hash.update(`${article.slug} ${article.hash}\n`);
  return hash.digest('base64url').slice(0, 22);
}

/**
 * Every page in both languages (those whose key changed made again: tools/prerender.ts), the
 * feeds of each, the JSON the app reads, the change log, the sitemaps, and the files that go as
 * they are.
 */
async function writePages(
  output: Output,
  content: Content,
  scripts: Scripts,
  now: Date,
  pool: BuildPool,
  site: Site,
  lastPages: PageState | null,
): Promise<
  PageCounts & {
    readonly changeLog: BuildReport['changeLog'];
    readonly state: (compress: string, record: string) => PageState;
  }
> {
  const css = await minifiedStylesheet();
  const script = scripts.firstPaint.code;
  const styleHashes = [hashSource(css)];
  // The hash of the very string inlined below: the policy follows the script automatically.
  const scriptHashes = [hashSource(script)];
  const csp = contentSecurityPolicy(styleHashes, { header: false, scriptHashes });
  const head = (locale: Locale): HeadParts => ({
    css,
    csp,
    script,
    module: scriptFiles(scripts[locale].manifest).entry,
  });
  // Indonesian at the root, English under en/.
  const frame: Frame = { shell: await readFile(SHELL, 'utf8'), head: { id: head('id'), en: head('en') } };
  pool.update({ frame });
  const key = frameKey(frame, await hashSources(RENDER_SOURCES));
  // Which terms have pages, and their articles, are the same in either language: found once.
  const terms = termItems(content.articles, content.glossary);
  // Files made from the content whole: each keyed, so an unchanged one is not made at all.
  const sources = await hashSources(SITE_FILE_SOURCES);
  const trusted = lastPages !== null && rowsHold(lastPages, output);
  const keeper = new PageKeeper(
    lastPages,
    {
      frame: key,
      glossary: keyOf(content.glossary),
      categories: keyOf(content.categories.map(({ id, name, lang }) => [id, name, lang])),
      sitemaps: sources,
      ages: agesKey(now),
    },
    content.articles,
    [
      { id: ARCHIVE_LIST, members: content.articles },
      ...terms.map((term) => ({ id: termList(term.entry.id), members: term.articles, places: term.places })),
      ...content.categories.map((category) => ({
        id: categoryList(category.id),
        members: category.articles,
        places: category.places,
      })),
    ],
    {
      count: LOCALES.length,
      keep: (fileName, hints, found) =>
        trusted && hints !== undefined && hints.length === LOCALES.length
          ? output.keepRows(hints, found)
          : output.keep(pageFiles(fileName), hints, found),
      savedRow: (row) => output.savedRow(row),
      savedRowsOf: (fileName, into) => {
        for (const [index, path] of pageFiles(fileName).entries()) into[index] = output.savedRow(output.rowOf(path));
      },
    },
  );
  const specs = sitePageSpecs(content.articles, content.glossary, now, content.categories, terms, keeper);
  const made = await makePages(specs, output, key, {
    render: (tasks) => pool.submit({ type: 'render', tasks }),
    room: () => pool.room(),
    drain: () => pool.drain(),
  });

  // The feeds carry the newest articles whole: those few are read back from their JSON.
  const newest = content.articles.slice(0, FEED_ITEMS);
  const feedKey = keyOf([sources, site.origin, listKey(newest)]);
  for (const locale of LOCALES) {
    const paths = [feedPath(locale, 'rss'), feedPath(locale, 'json')].map((path) => path.slice(1));
    if (paths.every((path) => output.reuse(path, feedKey))) continue;
    await switchLocale(locale);
    const feed = feeds(
      newest.map((article) => readArticle(output, article.slug)),
      site.origin,
    );
    await output.writeKeyed(feed.rss.path, feedKey, () => feed.rss.text);
    await output.writeKeyed(feed.json.path, feedKey, () => feed.json.text);
  }
  await switchLocale('id');

  for (const locale of LOCALES) {
    const texts = content.glossary.map((entry) => glossaryText(entry, locale));
    await output.write(glossaryJsonUrl(locale).slice(1), JSON.stringify(texts));
  }
  const log = await writeSiteFiles(output, content, site, terms, keeper, sources);
  // Minified: every first visit fetches it (Chromium, to judge installability): 40 B of gzip.
  await output.write(MANIFEST, JSON.stringify(JSON.parse(await readFile(MANIFEST, 'utf8'))));

  // The header policy must carry the same hashes as the pages' <meta> policy.
  const headerCsp = contentSecurityPolicy(styleHashes, { header: true, scriptHashes });
  // Throws, failing the build, when the template has no placeholder or a value nginx cannot take.
  const headers = headerFiles(await readFile(HEADERS, 'utf8'), headerCsp);
  await output.write('_headers', headers.headers);
  // The same headers for nginx (deploy/nginx.conf includes this file): one source, so they agree.
  await output.write(NGINX_HEADERS_FILE, headers.nginx);

  for (const file of await filesIn(PUBLIC)) {
    if (file === ROBOTS) await output.write(file, robotsTxt(await readFile(join(PUBLIC, file), 'utf8'), site.origin));
    else if (file !== '_headers') await output.write(file, await readFile(join(PUBLIC, file)));
  }
  for (const locale of LOCALES) {
    const dir = scripts[locale].dir;
    for (const file of await filesIn(join(dir, 'assets'))) {
      await output.write(`assets/${file}`, await readFile(join(dir, 'assets', file)));
    }
  }
  return {
    rendered: made.rendered,
    reused: made.reused + keeper.kept,
    changeLog: log.made,
    state: (compress, record) => keeper.next(compress, record, log.next),
  };
}

/**
 * Whether the pages' record's rows can be taken as they are: a sample of them (articles' pages at
 * even intervals, and the archive's) holds the files they are for in the output's record. Looking
 * at each page's files' paths (making 314,000 paths and comparing each with its row's, 0.15 s at
 * 100,000 articles) then checks nothing the sample did not: the rows are the output's record's as
 * the last build saved it, which is the record this build read (the pages' record names its
 * writing), and were so in each build since (tests/unit/incremental.test.ts). When one in the
 * sample is not, every page's rows are looked at before they are kept.
 */
function rowsHold(state: PageState, output: Output): boolean {
  const { files, articles, lists } = state.rows;
  if (files !== LOCALES.length) return false;
  const samples: { fileName: string; rows: Int32Array }[] = [];
  const every = Math.max(1, Math.floor(state.keys.length / ROW_SAMPLES));
  for (let index = 0; index < state.keys.length; index += every) {
    const slug = state.keys[index]?.split(' ')[0] ?? '';
    samples.push({ fileName: `${articleUrl(slug, 'id').slice(1)}index.html`, rows: articles.subarray(index * files) });
  }
  const archive = lists.get(ARCHIVE_LIST) ?? new Int32Array(0);
  const pages = archive.length / files;
  for (let page = 1; page <= pages; page += Math.max(1, Math.floor(pages / ROW_SAMPLES))) {
    samples.push({
      fileName: `${archivePath('id', page).slice(1)}index.html`,
      rows: archive.subarray((page - 1) * files),
    });
  }
  return samples.every(({ fileName, rows }) =>
    pageFiles(fileName).every((path, index) => output.holds(rows[index] ?? -1, path)),
  );
}

/** A page's files in the output folder, one a UI language, in `LOCALES`' order (the pages' record's rows are in it too). */
function pageFiles(fileName: string): string[] {
  return LOCALES.map((locale) => localeFile(locale, fileName));
}

/** How many of the pages' record's articles' rows, and of its archive pages', `rowsHold` looks at. */
const ROW_SAMPLES = 256;

/** The pages' record the last build of this folder left, or null when there is none whole (tools/page-state.ts). */
async function readPageStateFile(path: string, record: string): Promise<PageState | null> {
  try {
    const state = readPageState(await readWhole(path));
    // One left from an earlier build, put back by hand or by a copy, is not this folder's now.
    return record !== '' && state?.output === record ? state : null;
  } catch {
    return null;
  }
}

/** An article as published: its JSON, which the content stage wrote or found unchanged this build. */
function readArticle(output: Output, slug: string): PublishedArticle {
  return JSON.parse(readOutputFile(output.dir, articleJsonPath(slug)).toString('utf8')) as PublishedArticle;
}

/**
 * An article's JSON gzipped, as `/articles/<slug>.json.gz` holds it (or will: the compress stage
 * makes a missing copy with the same zlib level, so the bytes are the same).
 */
function articleGzip(output: Output, slug: string): Buffer {
  const path = articleJsonPath(slug);
  if ((output.last(path)?.gzip ?? null) !== null) return readOutputFile(output.dir, `${path}.gz`);
  return gzipSync(readOutputFile(output.dir, path), { level: GZIP_LEVELS[gzipMethod(path)] });
}

/** What the change log depends on besides its entries' items: its code, and how article JSON is gzipped (`gz`). */
const LOG_SOURCES = ['tools/change-log.ts', ...COMPRESS_SOURCES];

/**
 * The change log (src/content/change-log.ts), made again from the first page that changes
 * (tools/change-log.ts, `updateChangeLog`), and the sitemaps: from the content, for the whole
 * site. Returns the log as the next build's pages' record keeps it, and how many of its pages
 * were made.
 */
async function writeSiteFiles(
  output: Output,
  content: Content,
  site: Site,
  termArticles: readonly { readonly entry: GlossaryEntry; readonly articles: readonly ArticleRecord[] }[],
  keeper: PageKeeper,
  sources: string,
): Promise<{ readonly next: MadeLog; readonly made: BuildReport['changeLog'] }> {
  const bytes = (article: ArticleRecord): number => article.bytes;
  const gz = (article: ArticleRecord): number =>
    output.gzipSize(articleJsonPath(article.slug)) ?? articleGzip(output, article.slug).length;
  const logKey = await hashSources(LOG_SOURCES);
  const readPage = (page: number): readonly Change[] =>
    (JSON.parse(readOutputFile(output.dir, changesPageUrl(page).slice(1)).toString('utf8')) as ChangePage).entries;
  const lastLog = keeper.lastLog(logKey, content.withdrawals, readPage);
  let log = updateChangeLog(lastLog.last, lastLog.added, content.categories, bytes, gz);
  // The pages kept stay as the last build wrote them; when the output's record cannot keep them
  // (written without a key, or `--verify`), the whole log is made.
  const keptPaths = Array.from({ length: log.kept }, (_, index) => [
    changesPageUrl(index + 1).slice(1),
    changesPackUrl(index + 1).slice(1),
  ]).flat();
  if (log.kept > 0 && !output.keep(keptPaths)) {
    log = updateChangeLog(null, [...content.articles, ...content.withdrawals], content.categories, bytes, gz);
  }
  await output.write(log.index.path, log.index.text);
  for (const page of log.pages) {
    // The page's text names each article's hash and gzip size: the pack changes only with it.
    const key = keyOf([page.text]);
    await output.writeKeyed(page.path, key, () => page.text);
    await output.writeKeyed(page.pack.path, key, () =>
      Buffer.concat(page.pack.slugs.map((slug) => articleGzip(output, slug))),
    );
  }

  // Which terms have pages, and their articles, are the same in either language.
  const terms = termArticles.map((item) => ({ id: item.entry.id, articles: item.articles }));
  const chunks = sitemapChunks(
    siteAddresses(
      content.articles,
      terms,
      content.categories,
      (list, page, compute) => keeper.lastmod(list, page, compute),
      keeper,
    ),
  );
  const index = sitemapIndexText(chunks, site.origin);
  await output.write(index.path, index.text);
  // A full sitemap of articles changes only when one of its articles does: most are not made again.
  for (const chunk of chunks) {
    await output.writeKeyed(chunk.path, keyOf([sources, site.origin, chunk.digest]), () =>
      sitemapText(chunk, site.origin),
    );
  }
  return {
    next: { key: logKey, items: log.items, pages: log.index.value.pages },
    made: { made: log.pages.length, kept: log.kept },
  };
}

/**
 * The registry resolved into the app's files (tools/app-files.ts), with a revision for names
 * without a hash (the first 10 hex digits of the MD5 of the content, so devices updating keep
 * what did not change: 40 bits tell one version of a file from the next, and the full 32 digits
 * cost every first visit about 100 bytes of `sw.js`); then the service worker built with them,
 * and the build's record.
 */
async function writeWorker(output: Output, scripts: Scripts, cacheDir: string): Promise<BuildRecord> {
  const revision = (url: string): string => {
    const path = url.slice(1);
    if (!output.has(path)) throw new Error(`the registry lists ${url}, which the build did not write`);
    return createHash('md5')
      .update(readFileSync(join(output.dir, path)))
      .digest('hex')
      .slice(0, 10);
  };
  const resolved = { id: scriptFiles(scripts.id.manifest), en: scriptFiles(scripts.en.manifest) };
  const app = appManifest(resolved, revision);
  // The worker's sources are in src/ with the scripts'; the script that bundles it is not.
  const key = await hashSources(['tools/service-worker.ts'], [scripts.key]);
  const worker = await serviceWorkerScript(app, key, cacheDir);
  await output.write('sw.js', worker.script);
  await output.write(WORKER_WITHOUT_SYNC, worker.withoutSync);
  const script = ({ entry, loaded }: ScriptFiles): ScriptFiles => ({ entry, loaded });
  const record: BuildRecord = { scripts: { id: script(resolved.id), en: script(resolved.en) }, app };
  await output.write(RECORD_FILE, JSON.stringify(record, null, 2));
  return record;
}

/** Every file under a folder, as `/`-separated paths relative to it. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

async function minifiedStylesheet(): Promise<string> {
  const { code } = transform({ filename: STYLESHEET, code: await readFile(STYLESHEET), minify: true });
  return new TextDecoder().decode(code);
}

function packageVersion(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

/**
 * The date archive notices say ages from ("5 tahun yang lalu"): SOURCE_DATE_EPOCH (seconds) for a
 * reproducible build, else now. Not the newest article's date: a site whose newest article is
 * old would then tell a reader without script that a years-old report is from "hari ini", and
 * every reader's page would shift as <warta-age> corrected it.
 */
function buildTime(): Date {
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date();
}

/**
 * The command line (`npm run build -- …`): builds, and answers the exit code, a problem said on
 * stderr. tools/run.mjs calls it from the bundle; `tsx tools/build.ts` runs it here.
 */
export async function main(args: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        content: { type: 'string' },
        site: { type: 'string' },
        cache: { type: 'string' },
        verify: { type: 'boolean' },
      },
    });
    await build({
      out: values.out,
      content: values.content,
      site: values.site,
      cacheDir: values.cache,
      verify: values.verify,
      version: process.env['WARTA_VERSION'],
    });
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1]?.endsWith('build.ts')) process.exitCode = await main(process.argv.slice(2));
