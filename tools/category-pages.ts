/**
 * The category pages in the current UI language, rendered here and now: the specs of
 * `categoryPageSpecs` (tools/prerender.ts, where the build makes them with every other page)
 * through their renderers, for the tests.
 */
import type { PublishedArticle } from '../src/content/types.js';
import type { Category } from './categories.js';
import type { ArticleRecord } from './content.js';
import { categoryPageSpecs, renderHere, type Page } from './prerender.js';

export function categoryPages(categories: readonly Category<ArticleRecord | PublishedArticle>[]): Page[] {
  return renderHere(categoryPageSpecs(categories), [], new Date(0));
}
