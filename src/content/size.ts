import type { PublishedArticle } from './types.js';

/** Sizes already measured: an article is immutable, and the build renders each twice (one per language). */
const sizes = new WeakMap<PublishedArticle, number>();

/** The size the reader is shown and the storage bound counts: UTF-8 bytes of the article's JSON. */
export function articleSize(article: PublishedArticle): number {
  const size = sizes.get(article) ?? new TextEncoder().encode(JSON.stringify(article)).byteLength;
  sizes.set(article, size);
  return size;
}
