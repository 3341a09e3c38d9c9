import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArticle } from '../src/content/parse-article.js';
import type { Article, ArticleSummary, PublishedArticle } from '../src/content/types.js';
import { decodeUtf8 } from '../src/content/utf8.js';

/** A problem in a content file, printed as `FILE:LINE: message`. */
export interface ContentProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export type LoadResult =
  { readonly ok: true; readonly article: PublishedArticle } | { readonly ok: false; readonly problem: ContentProblem };

export const ARTICLES_DIR = 'content/articles';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Reads one article file: strict UTF-8, parsed, its slug taken from the file name. */
export async function loadArticleFile(file: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { ok: false, problem: { file, line: 1, message: `cannot read the file (${reason})` } };
  }
  const slug = basename(file).replace(/\.txt$/u, '');
  if (!file.endsWith('.txt') || !SLUG.test(slug)) {
    const message = 'the file name must be a slug of lowercase letters, digits and hyphens ending in .txt';
    return { ok: false, problem: { file, line: 1, message } };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, problem: { file, line: decoded.line, message: decoded.message } };
  const parsed = parseArticle(decoded.text);
  if (!parsed.ok) return { ok: false, problem: { file, line: parsed.error.line, message: parsed.error.message } };
  return { ok: true, article: publish(parsed.article, slug) };
}

/** Every article under `dir`, newest first, or every problem found. */
export async function loadArticles(
  dir = ARTICLES_DIR,
): Promise<{ articles: PublishedArticle[]; problems: ContentProblem[] }> {
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  const results = await Promise.all(names.map((name) => loadArticleFile(join(dir, name))));
  const articles: PublishedArticle[] = [];
  const problems: ContentProblem[] = [];
  for (const result of results) {
    if (result.ok) articles.push(result.article);
    else problems.push(result.problem);
  }
  articles.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.slug.localeCompare(b.slug));
  return { articles, problems };
}

/** Adds the slug and a hash of everything else, so clients can tell when an article changed. */
export function publish(article: Article, slug: string): PublishedArticle {
  const hash = createHash('sha256')
    .update(JSON.stringify({ ...article, slug }))
    .digest('hex');
  return { ...article, slug, hash };
}

export function summarize(article: PublishedArticle): ArticleSummary {
  return {
    slug: article.slug,
    hash: article.hash,
    title: article.title.text,
    date: article.date,
    lead: article.lead.text,
    lang: article.lang,
  };
}
