import type { Article } from './types.js';

type Ordered = Pick<Article, 'published' | 'date' | 'source'> & { readonly slug: string };

/**
 * The order of articles, oldest first: publication time (`published`, else `date` at 00:00 UTC,
 * an undated article first), then source key and source id (ids compared as numbers where they
 * are), then slug. Never arrival order, so a rebuild or a re-import lists the same way.
 */
export function compareArticles(a: Ordered, b: Ordered): number {
  return compareAt(a, publicationTime(a), b, publicationTime(b));
}

/** Articles newest first (`compareArticles`, reversed), each one's time read once: an archive sorts 100,000. */
export function newestFirst<T extends Ordered>(articles: readonly T[]): T[] {
  const timed = articles.map((article) => ({ article, time: publicationTime(article) }));
  timed.sort((a, b) => compareAt(b.article, b.time, a.article, a.time));
  return timed.map(({ article }) => article);
}

function compareAt(a: Ordered, aTime: number, b: Ordered, bTime: number): number {
  return (
    aTime - bTime ||
    compareText(a.source?.key ?? '', b.source?.key ?? '') ||
    compareText(a.source?.id ?? '', b.source?.id ?? '') ||
    compareText(a.slug, b.slug)
  );
}

/** Milliseconds since the epoch; an article with no date at all sorts before every dated one. */
function publicationTime(article: Ordered): number {
  if (article.published !== null) return Date.parse(article.published);
  return article.date === null ? Number.NEGATIVE_INFINITY : Date.parse(`${article.date}T00:00:00Z`);
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
