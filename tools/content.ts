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
    return { ok: false, problem: unreadable(file, error) };
  }
  return loadArticleBytes(file, bytes, glossary);
}

/** Why a file could not be read, as a problem of its first line. */
export function unreadable(file: string, error: unknown): ContentProblem {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  return { file, line: 1, message: `cannot read the file (${reason})` };
}

/** An article file's bytes, read: strict UTF-8, parsed, its slug taken from the file name. */
export function loadArticleBytes(file: string, bytes: Uint8Array, glossary: readonly GlossaryEntry[] = []): LoadResult {
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

export function summarize(article: PublishedArticle | ArticleRecord): ArticleSummary {
  const { slug, hash, date, lang } = article;
  if (isRecord(article)) return { slug, hash, title: article.title, date, lead: article.lead, lang };
  return { slug, hash, title: article.title.text, date, lead: article.lead.text, lang };
}

function isRecord(article: PublishedArticle | ArticleRecord): article is ArticleRecord {
  return typeof article.title === 'string';
}

/**
 * What the stages after the content stage need of an article, without the article: what lists
 * show of it (its summary), what orders it (`compareArticles`), its categories and times, the
 * glossary entries it uses, and the size of its JSON. The build keeps one per file in the cache
 * (tools/content-cache.ts), so an unchanged file is not read again, and loads the whole article
 * only for the pages that must be made again.
 */
export interface ArticleRecord {
  readonly slug: string;
  readonly hash: string;
  readonly title: string;
  readonly lead: string;
  readonly lang: string;
  readonly date: string | null;
  readonly published: string | null;
  readonly modified: string | null;
  readonly source: { readonly key: string; readonly id: string } | null;
  readonly categories: readonly string[];
  /** The glossary entries the body uses, by id, in order of first use. */
  readonly glossary: readonly string[];
  /** The glossary entry of the publisher, if there is one. */
  readonly publisherEntry: string | null;
  /** UTF-8 bytes of the article's JSON (`/articles/<slug>.json`): what a device stores. */
  readonly bytes: number;
}

export function recordOf(article: PublishedArticle, bytes: number): ArticleRecord {
  return {
    slug: article.slug,
    hash: article.hash,
    title: article.title.text,
    lead: article.lead.text,
    lang: article.lang,
    date: article.date,
    published: article.published,
    modified: article.modified,
    source: article.source === null ? null : { key: article.source.key, id: article.source.id },
    categories: article.categories,
    glossary: article.glossary.entries,
    publisherEntry: article.glossary.publisher,
    bytes,
  };
}

/**
 * What of the glossary an article's publishing depends on (tools/content-cache.ts keys its records
 * with it): each entry's id and the words it is found by. A change to those publishes every
 * article again; a definition's does not (articles name entries by id).
 */
export function glossaryKey(glossary: readonly GlossaryEntry[]): string {
  const forms = glossary.map((entry) => [entry.id, entry.term, ...entry.aliases]);
  return createHash('sha256').update(JSON.stringify(forms)).digest('hex');
}
