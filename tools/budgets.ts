/**
 * Byte budgets, measured on the built site (gzip level 9, as served). Deterministic, so they
 * are tests (tests/browser/budgets.spec.ts) as well as this report:
 *
 *   tsx tools/budgets.ts [DIR]
 *
 * - each article page's HTML           ≤ 14 KB (one first TCP window)
 * - all JavaScript a first visit loads ≤ 20 KB (the article page's entry and its static imports)
 * - everything a first visit transfers ≤ 40 KB (page, scripts, manifest, sw.js, and every
 *   precache download; each URL counted once, as the browser's HTTP cache would)
 * - the precache                       ≤ 60 KB
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;
export const BUDGETS = { articleHtml: 14 * KB, firstVisitJs: 20 * KB, firstVisitTotal: 40 * KB, precache: 60 * KB };

export interface Measured {
  readonly url: string;
  readonly bytes: number;
}

export interface BudgetReport {
  readonly articlePages: Measured[];
  readonly firstVisitJs: Measured[];
  readonly firstVisit: Measured[];
  readonly precache: Measured[];
}

/** Gzip size of a built file, by its URL path. */
export function gzipSize(dir: string, url: string): number {
  const path = join(dir, url.replace(/^\//u, '').replace(/\/$/u, '/index.html'));
  if (!existsSync(path)) throw new Error(`${url} is not in ${dir}`);
  return gzipSync(readFileSync(path), { level: 9 }).byteLength;
}

/** The module scripts a page loads, and what they import statically (recursively). */
function scriptsOf(dir: string, html: string): string[] {
  const found = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/gu)].map((m) => m[1] ?? '');
  while (queue.length > 0) {
    const url = queue.shift() ?? '';
    if (url === '' || found.has(url)) continue;
    found.add(url);
    const code = readFileSync(join(dir, url), 'utf8');
    // Static imports only ("import{a}from"./x.js"" or "import"./x.js""); import() is dynamic.
    for (const match of code.matchAll(/import\s*(?:[\w${},*\s]+from\s*)?["'](\.\/[^"']+)["']/gu)) {
      queue.push(new URL(match[1] ?? '', `http://x${url}`).pathname);
    }
  }
  return [...found];
}

/** The URLs the service worker precaches, read from its injected manifest. */
function precacheOf(dir: string): string[] {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/"?url"?:\s*["`']([^"`']+)["`']/gu)].map((m) => `/${m[1] ?? ''}`);
}

export function measure(dir = 'dist'): BudgetReport {
  const size = (url: string): Measured => ({ url, bytes: gzipSize(dir, url) });
  const articleDir = join(dir, 'artikel');
  const articles = readdirSync(articleDir).map((slug) => `/artikel/${slug}/`);
  const firstArticle = articles[0];
  if (firstArticle === undefined) throw new Error('no article pages');
  const html = readFileSync(join(dir, firstArticle, 'index.html'), 'utf8');
  const scripts = scriptsOf(dir, html);
  const manifestLink = /<link rel="manifest" href="([^"]+)"/u.exec(html)?.[1];
  const precache = precacheOf(dir);
  const firstVisit = new Set([
    firstArticle,
    ...scripts,
    ...(manifestLink ? [manifestLink] : []),
    '/sw.js',
    ...precache,
  ]);
  return {
    articlePages: articles.map(size),
    firstVisitJs: scripts.map(size),
    firstVisit: [...firstVisit].filter((url) => !url.includes('/screenshots/')).map(size),
    precache: precache.filter((url) => !url.includes('/screenshots/')).map(size),
  };
}

const total = (items: readonly Measured[]): number => items.reduce((sum, item) => sum + item.bytes, 0);

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
  check('first-visit JavaScript', report.firstVisitJs, BUDGETS.firstVisitJs);
  check('first-visit transfer', report.firstVisit, BUDGETS.firstVisitTotal);
  check('precache', report.precache, BUDGETS.precache);
  return problems;
}

if (process.argv[1]?.endsWith('budgets.ts')) {
  const report = measure(process.argv[2] ?? 'dist');
  const line = (label: string, items: readonly Measured[], budget: number): string =>
    `${label.padEnd(26)} ${String(total(items)).padStart(7)} B / ${budget} B  (${items.length} files)`;
  for (const page of report.articlePages)
    process.stdout.write(`${`article ${page.url}`.slice(0, 60)}: ${page.bytes} B\n`);
  process.stdout.write(`${line('first-visit JavaScript', report.firstVisitJs, BUDGETS.firstVisitJs)}\n`);
  process.stdout.write(`${line('first-visit transfer', report.firstVisit, BUDGETS.firstVisitTotal)}\n`);
  process.stdout.write(`${line('precache', report.precache, BUDGETS.precache)}\n`);
  for (const item of report.firstVisit) process.stdout.write(`  ${item.url}: ${item.bytes} B\n`);
  const problems = overBudget(report);
  for (const problem of problems) process.stderr.write(`over budget: ${problem}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
