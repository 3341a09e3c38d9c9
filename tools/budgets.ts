/**
 * Byte budgets, measured on the built site (gzip, as served). Deterministic, so they
 * are tests (tests/browser/budgets.spec.ts) as well as this report:
 *
 *   tsx tools/budgets.ts [DIR]
 *
 * Each UI language has its own build of the script, so the last three are measured for a reader
 * of each: Indonesian, and English (/en/).
 * - each article page's HTML, in both languages ≤ 14 KB (one first TCP window)
 * - all JavaScript a first visit loads ≤ 20 KB (the article page's entry and its static imports,
 *   as the build read them from Vite's manifest: tools/build-record.ts)
 * - everything a first visit transfers ≤ 40 KB: the page, its scripts, the SVG icon, the web app
 *   manifest and the primary icon Chrome fetches from it to judge installability, sw.js, and what
 *   the worker keeps on install (src/sw/app-files.ts); each URL counted once, as the browser's
 *   HTTP cache would. The app files are the build's, resolved from the registry
 *   (src/sw/app-files.ts). tests/browser/budgets.spec.ts checks the list against what a real first
 *   visit asks for.
 * - the precache (every app file the worker ever keeps for a reader of that language) ≤ 60 KB
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locale } from '../src/routes.js';
import { filesFor, firstVisitFiles, type AppFile } from '../src/sw/app-files.js';
import { readBuildRecord, WORKER_WITHOUT_SYNC, type BuildRecord } from './build-record.js';

export const KB = 1024;
export const BUDGETS = { articleHtml: 14 * KB, firstVisitJs: 20 * KB, firstVisitTotal: 40 * KB, precache: 60 * KB };
/**
 * What the first visit may grow by for the service worker's share of sync (issue 15), and for
 * nothing else: the worker cannot load code later, so that share is on every first visit.
 */
export const SYNC_ALLOWANCE = 4 * KB;

/**
 * The first-visit budget of a build: 40 KB, plus what sync adds to `sw.js` (gzip level 9 of the
 * worker with and without it: tools/service-worker.ts) up to 4 KB. A worker whose sync grew
 * beyond 4 KB takes the rest from the 40 KB.
 */
export function firstVisitBudget(dir: string): number {
  const level9 = (path: string): number => gzipSync(readFileSync(join(dir, path)), { level: 9 }).byteLength;
  const share = Math.max(0, level9('sw.js') - level9(WORKER_WITHOUT_SYNC));
  return BUDGETS.firstVisitTotal + Math.min(SYNC_ALLOWANCE, share);
}

export interface Measured {
  readonly url: string;
  readonly bytes: number;
}

export interface BudgetReport {
  readonly articlePages: Measured[];
  /** A first visit to the first article, by UI language. */
  readonly firstVisitJs: Readonly<Record<Locale, Measured[]>>;
  readonly firstVisit: Readonly<Record<Locale, Measured[]>>;
  /** The app files the worker keeps for a reader of each language. */
  readonly precache: Readonly<Record<Locale, Measured[]>>;
  /** Every app file in the precache manifest, whichever reader keeps it (for information). */
  readonly appFiles: Measured[];
  /** The first visit's budget: 40 KB and the worker's share of sync (`firstVisitBudget`). */
  readonly firstVisitBudget: number;
}

/**
 * The size of a built file as the server sends it, by its URL path: its `.gz` copy where
 * tools/compress.ts made one, else the file itself (images). A build that was never compressed
 * is measured with zlib's level 9.
 */
export function gzipSize(dir: string, url: string): number {
  const path = join(dir, url.replace(/^\//u, '').replace(/\/$/u, '/index.html'));
  if (!existsSync(path)) throw new Error(`${url} is not in ${dir}`);
  if (existsSync(`${path}.gz`)) return statSync(`${path}.gz`).size;
  if (existsSync(join(dir, 'index.html.gz'))) return statSync(path).size;
  return gzipSync(readFileSync(path), { level: 9 }).byteLength;
}

/** The app files the service worker of the build in `dir` keeps, as the build resolved them (tools/build-record.ts). */
export function appFilesIn(dir: string): AppFile[] {
  return [...readBuildRecord(dir).app.files];
}

/**
 * The icons Chrome may download on a first visit to judge whether the app can be installed: the
 * smallest of at least 144 px, maskable on Android and "any" elsewhere. (Headless Chromium judges
 * nothing and skips them.) The budget counts the larger of the two, since either may be fetched.
 */
export function primaryIcons(manifest: string): string[] {
  const { icons = [] } = JSON.parse(manifest) as { icons?: { src: string; sizes: string; purpose?: string }[] };
  const smallest = (purpose: string): string | undefined =>
    icons
      .filter((icon) => (icon.purpose ?? 'any').split(' ').includes(purpose))
      .map((icon) => ({ src: icon.src, side: Number(/^(\d+)x/u.exec(icon.sizes)?.[1] ?? 0) }))
      .filter((icon) => icon.side >= 144)
      .sort((a, b) => a.side - b.side)[0]?.src;
  return [smallest('any'), smallest('maskable')].filter((src) => src !== undefined);
}

/** What a first visit to a page asks for: the page, its scripts and icons, the manifest, sw.js and the worker's first keep. */
function firstVisitOf(dir: string, pageUrl: string, record: BuildRecord, locale: Locale): string[] {
  const html = readFileSync(join(dir, pageUrl, 'index.html'), 'utf8');
  const linked = (rel: RegExp): string[] =>
    [...html.matchAll(/<link ([^>]*)>/gu)]
      .map((m) => m[1] ?? '')
      .filter((attributes) => rel.test(attributes))
      .map((attributes) => /href="([^"]+)"/u.exec(attributes)?.[1] ?? '');
  const manifests = linked(/rel="manifest"/u);
  const icons = manifests.flatMap((url) => primaryIcons(readFileSync(join(dir, url), 'utf8')));
  return [
    ...new Set([
      pageUrl,
      ...record.scripts[locale].loaded,
      // Chromium fetches the SVG icon (the .ico and touch icons are for other browsers).
      ...linked(/rel="icon"[^>]*type="image\/svg\+xml"/u),
      ...manifests,
      ...largest(dir, icons),
      '/sw.js',
      ...firstVisitFiles(record.app.files, [locale]).map((file) => file.url),
    ]),
  ];
}

/** The one of these files that costs the most to send (none, for none). */
function largest(dir: string, urls: readonly string[]): string[] {
  return [...urls].sort((a, b) => gzipSize(dir, b) - gzipSize(dir, a)).slice(0, 1);
}

export function measure(dir = 'dist'): BudgetReport {
  const size = (url: string): Measured => ({ url, bytes: gzipSize(dir, url) });
  const slugs = readdirSync(join(dir, 'artikel'));
  const first = slugs[0];
  if (first === undefined) throw new Error('no article pages');
  const record = readBuildRecord(dir);
  const files = record.app.files;
  const byLocale = (measureFor: (locale: Locale, pageUrl: string) => Measured[]): Record<Locale, Measured[]> => ({
    id: measureFor('id', `/artikel/${first}/`),
    en: measureFor('en', `/en/artikel/${first}/`),
  });
  return {
    articlePages: slugs.flatMap((slug) => [size(`/artikel/${slug}/`), size(`/en/artikel/${slug}/`)]),
    // Every page in a language loads its script's entry and what that imports statically.
    firstVisitJs: byLocale((locale) => record.scripts[locale].loaded.map(size)),
    firstVisit: byLocale((locale, pageUrl) => firstVisitOf(dir, pageUrl, record, locale).map(size)),
    precache: byLocale((locale) => filesFor(files, [locale]).map((file) => size(file.url))),
    appFiles: files.map((file) => size(file.url)),
    firstVisitBudget: firstVisitBudget(dir),
  };
}

const total = (items: readonly Measured[]): number => items.reduce((sum, item) => sum + item.bytes, 0);

/** A number of files and their bytes on disk, as a static host counts them. */
export interface FileCount {
  readonly files: number;
  readonly bytes: number;
}

/** Files and bytes without the `.gz` copies (a host that compresses on its own needs none) and with them. */
export interface WithAndWithoutGzip {
  readonly plain: FileCount;
  readonly gzip: FileCount;
}

/**
 * What an archive costs a static host: an article's own files (its page in each language and its
 * JSON), averaged over the build's articles, and the rest of the site. The rest grows too, more
 * slowly: a listing page per language every 20 articles, a line on each glossary term's page.
 */
export interface ArchiveSize {
  readonly articles: number;
  readonly perArticle: WithAndWithoutGzip;
  readonly rest: WithAndWithoutGzip;
}

/** Limits some static hosts set on a site: 20,000 files, 1 GB (counted here as 10^9 bytes). */
export const HOST_CAPS = { files: 20_000, bytes: 1_000_000_000 } as const;

export function archiveSize(dir = 'dist'): ArchiveSize {
  const slugs = readdirSync(join(dir, 'artikel'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  if (slugs.length === 0) throw new Error('no article pages');
  const own = new RegExp(
    `^(?:(?:en/)?artikel/(?:${slugs.map(escapeRegExp).join('|')})/|articles/(?:${slugs.map(escapeRegExp).join('|')})\\.json)`,
    'u',
  );
  const count = { article: { plain: zero(), gzip: zero() }, rest: { plain: zero(), gzip: zero() } };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    const part = own.test(path) ? count.article : count.rest;
    const bytes = statSync(join(entry.parentPath, entry.name)).size;
    for (const tally of path.endsWith('.gz') ? [part.gzip] : [part.plain, part.gzip]) {
      tally.files += 1;
      tally.bytes += bytes;
    }
  }
  const average = (tally: FileCount): FileCount => ({
    files: tally.files / slugs.length,
    bytes: Math.round(tally.bytes / slugs.length),
  });
  return {
    articles: slugs.length,
    perArticle: { plain: average(count.article.plain), gzip: average(count.article.gzip) },
    rest: count.rest,
  };
}

/** How many articles fit under a host's cap on files or bytes, the rest of the site counted first. */
export function articlesThatFit(
  perArticle: FileCount,
  rest: FileCount,
  cap: { files?: number; bytes?: number },
): number {
  const fit = (limit: number | undefined, each: number, used: number): number =>
    limit === undefined ? Infinity : Math.max(0, Math.floor((limit - used) / each));
  return Math.min(fit(cap.files, perArticle.files, rest.files), fit(cap.bytes, perArticle.bytes, rest.bytes));
}

function zero(): { files: number; bytes: number } {
  return { files: 0, bytes: 0 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Every budget exceeded, naming the file(s) and by how much. */
export function overBudget(report: BudgetReport): string[] {
  const problems: string[] = [];
  for (const page of report.articlePages) {
    if (page.bytes > BUDGETS.articleHtml) {
      problems.push(
        `${page.url} is ${page.bytes - BUDGETS.articleHtml} bytes over the ${BUDGETS.articleHtml} B article budget`,
      );
    }
  }
  const check = (name: string, items: readonly Measured[], budget: number): void => {
    const sum = total(items);
    if (sum <= budget) return;
    const largest = [...items]
      .sort((a, b) => b.bytes - a.bytes)
      .map((i) => `${i.url} ${i.bytes} B`)
      .join(', ');
    problems.push(`${name} is ${sum - budget} bytes over its ${budget} B budget (${sum} B: ${largest})`);
  };
  for (const [locale, language] of [
    ['id', 'Indonesian'],
    ['en', 'English'],
  ] as const) {
    check(`first-visit JavaScript (${language})`, report.firstVisitJs[locale], BUDGETS.firstVisitJs);
    check(`first-visit transfer (${language})`, report.firstVisit[locale], report.firstVisitBudget);
    check(`precache (${language})`, report.precache[locale], BUDGETS.precache);
  }
  return problems;
}

if (process.argv[1]?.endsWith('budgets.ts')) {
  const report = measure(process.argv[2] ?? 'dist');
  const line = (label: string, items: readonly Measured[], budget: number): string =>
    `${label.padEnd(26)} ${String(total(items)).padStart(7)} B / ${budget} B  (${items.length} files)`;
  for (const page of report.articlePages)
    process.stdout.write(`${`article ${page.url}`.slice(0, 60)}: ${page.bytes} B\n`);
  for (const locale of ['id', 'en'] as const) {
    process.stdout.write(
      `${line(`first-visit JavaScript (${locale})`, report.firstVisitJs[locale], BUDGETS.firstVisitJs)}\n`,
    );
    const items = report.firstVisit[locale];
    process.stdout.write(`${line(`first-visit transfer (${locale})`, items, report.firstVisitBudget)}\n`);
    for (const item of items) process.stdout.write(`  ${item.url}: ${item.bytes} B\n`);
    process.stdout.write(`${line(`precache (${locale})`, report.precache[locale], BUDGETS.precache)}\n`);
  }
  process.stdout.write(
    `the worker's share of sync: ${String(report.firstVisitBudget - BUDGETS.firstVisitTotal)} B of ${String(SYNC_ALLOWANCE)} B allowed\n`,
  );
  const all = report.appFiles;
  process.stdout.write(`all app files, both languages: ${String(total(all))} B (${String(all.length)} files)\n`);
  const archive = archiveSize(process.argv[2] ?? 'dist');
  const sized = (count: FileCount): string => `${String(count.files)} files, ${String(count.bytes)} B`;
  const { perArticle, rest } = archive;
  process.stdout.write(
    `per article: ${sized(perArticle.gzip)} (${sized(perArticle.plain)} without the .gz copies), ` +
      `averaged over ${String(archive.articles)} article${archive.articles === 1 ? '' : 's'}\n`,
  );
  process.stdout.write(`rest of the site: ${sized(rest.gzip)} (${sized(rest.plain)} without the .gz copies)\n`);
  for (const [cap, label] of [
    [{ files: HOST_CAPS.files }, `${String(HOST_CAPS.files)} files`],
    [{ bytes: HOST_CAPS.bytes }, '1 GB'],
  ] as const) {
    const withGzip = articlesThatFit(perArticle.gzip, rest.gzip, cap);
    const plain = articlesThatFit(perArticle.plain, rest.plain, cap);
    process.stdout.write(`a host cap of ${label} fits ${String(withGzip)} articles (${String(plain)} without .gz)\n`);
  }
  const problems = overBudget(report);
  for (const problem of problems) process.stderr.write(`over budget: ${problem}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
