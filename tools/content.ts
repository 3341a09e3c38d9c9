import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  findEntryByName,
  findGlossaryConflicts,
  parseGlossaryEntry,
  type GlossaryEntry,
} from '../src/content/glossary.js';
import { matchGlossary } from '../src/content/glossary-match.js';
import { compareArticles } from '../src/content/order.js';
import { parseArticle } from '../src/content/parse-article.js';
import type { Article, ArticleGlossary, ArticleSummary, PublishedArticle, Unspanned } from '../src/content/types.js';
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
export const GLOSSARY_DIR = 'content/glossary';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Reads one article file: strict UTF-8, parsed, its slug taken from the file name. */
export async function loadArticleFile(file: string, glossary: readonly GlossaryEntry[] = []): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { ok: false, problem: { file, line: 1, message: `cannot read the file (${reason})` } };
  }
  const slug = basename(file).replace(/\.txt$/u, '');
  if (!file.endsWith('.txt') || !SLUG.test(slug)) {
    const message = 'the file name must be a slug of lowercase letters (a–z), digits and hyphens ending in .txt';
    return { ok: false, problem: { file, line: 1, message } };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, problem: { file, line: decoded.line, message: decoded.message } };
  const parsed = parseArticle(decoded.text);
  if (!parsed.ok) return { ok: false, problem: { file, line: parsed.error.line, message: parsed.error.message } };
  return { ok: true, article: publish(parsed.article, slug, glossary) };
}

/** Every glossary entry under `dir`, or every problem found (each file's, then conflicts between them). */
export async function loadGlossary(
  dir = GLOSSARY_DIR,
): Promise<{ entries: GlossaryEntry[]; problems: ContentProblem[] }> {
  // A site without a glossary folder simply has no glossary.
  const names = (await readdir(dir).catch(() => [])).filter((name) => !name.startsWith('.')).sort();
  const problems: ContentProblem[] = [];
  const parsed: Array<{ entry: GlossaryEntry; lines: ReadonlyMap<string, number> }> = [];
  const fileOf = (id: string): string => join(dir, `${id}.txt`);
  for (const name of names) {
    const file = join(dir, name);
    const id = name.replace(/\.txt$/u, '');
    if (!name.endsWith('.txt') || !SLUG.test(id)) {
      problems.push({
        file,
        line: 1,
        message: 'the file name must be an id of lowercase letters, digits and hyphens ending in .txt',
      });
      continue;
    }
    const decoded = decodeUtf8(await readFile(file));
    if (!decoded.ok) {
      problems.push({ file, line: decoded.line, message: decoded.message });
      continue;
    }
    const result = parseGlossaryEntry(decoded.text, id);
    if (result.ok) parsed.push(result);
    else problems.push({ file, line: result.problem.line, message: result.problem.message });
  }
  for (const conflict of findGlossaryConflicts(parsed)) {
    problems.push({ file: fileOf(conflict.id), line: conflict.line, message: conflict.message });
  }
  return { entries: parsed.map((result) => result.entry), problems };
}

/** Every article under `dir`, newest first (`compareArticles`, reversed), or every problem found. */
export async function loadArticles(
  dir = ARTICLES_DIR,
  glossary: readonly GlossaryEntry[] = [],
): Promise<{ articles: PublishedArticle[]; problems: ContentProblem[] }> {
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  const results = await Promise.all(names.map((name) => loadArticleFile(join(dir, name), glossary)));
  const articles: PublishedArticle[] = [];
  const problems: ContentProblem[] = [];
  for (const result of results) {
    if (result.ok) articles.push(result.article);
    else problems.push(result.problem);
  }
  articles.sort((a, b) => compareArticles(b, a));
  return { articles, problems };
}

/**
 * Adds the slug, the glossary terms the body uses (lead and paragraphs; not the dateline, the
 * promotions or the sign-off), and a hash of all of it, so clients can tell when it changed.
 */
export function publish(article: Article, slug: string, glossary: readonly GlossaryEntry[] = []): PublishedArticle {
  const parts = [article.lead.text, ...article.paragraphs.map((paragraph) => paragraph.text)];
  const marks = matchGlossary(parts, glossary);
  const used: ArticleGlossary = {
    // matchGlossary marks each entry once, at its first use, in order.
    entries: marks.map((mark) => mark.entry),
    marks,
    publisher: article.publisher === null ? null : (findEntryByName(glossary, article.publisher.name)?.id ?? null),
  };
  const published = { ...withoutSpans(article), slug, glossary: used };
  const hash = createHash('sha256').update(JSON.stringify(published)).digest('hex');
  return { ...published, hash };
}

/** The article without its source spans: readers never use them (see `Unspanned`). */
function withoutSpans(article: Article): Unspanned<Article> {
  return JSON.parse(
    JSON.stringify(article, (key, value: unknown) => (key === 'span' || key === 'frontMatter' ? undefined : value)),
  ) as Unspanned<Article>;
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
