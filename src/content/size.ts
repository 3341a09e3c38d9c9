import type { PublishedArticle } from './types.js';

/** The size the reader is shown and the storage bound counts: UTF-8 bytes of the article's JSON. */
export function articleSize(article: PublishedArticle): number {
  return new TextEncoder().encode(JSON.stringify(article)).byteLength;
}
