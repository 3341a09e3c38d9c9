import type { GlossaryText } from './glossary.js';
import type { ArticlePageData, PublishedArticle, TextPart, Unspanned } from './types.js';

/**
 * Checks, at run time, that a value read back from storage or the network really is a
 * `PublishedArticle`. IndexedDB keeps whatever was written by any past version of Warta (or by a
 * curious user in DevTools), so nothing read back is trusted by its static type alone.
 *
 * A record kept before the content store grew (issue 14) lacks the new fields. They are filled
 * in here with the values a plain hand-written article has (no source, no byline, every block a
 * paragraph, promotions without links), in place: the value is a fresh copy (parsed JSON, a
 * structured clone from IndexedDB), and the old record reads offline exactly as it did. The next
 * visit online stores the new version anyway, its hash having changed.
 */
export function isPublishedArticle(value: unknown): value is PublishedArticle {
  if (!isRecord(value)) return false;
  addMissingFields(value);
  const { title, publisher, source, aboveDateline } = value;
  return (
    isString(value['slug']) &&
    isString(value['hash']) &&
    isString(value['lang']) &&
    isString(value['profile']) &&
    ['date', 'published', 'modified', 'author'].every((key) => value[key] === null || isString(value[key])) &&
    isRecord(title) &&
    isString(title['text']) &&
    typeof title['derived'] === 'boolean' &&
    (publisher === null || (isRecord(publisher) && isString(publisher['name']))) &&
    (source === null || (isRecord(source) && isString(source['key']) && isString(source['id']))) &&
    (value['url'] === null || isHttps(value['url'])) &&
    Array.isArray(value['categories']) &&
    value['categories'].every(isString) &&
    ['aboveDateline', 'byline', 'dateline', 'sourceLine', 'editorCode'].every(
      (key) => value[key] === null || isTextPart(value[key]),
    ) &&
    (!isRecord(aboveDateline) || aboveDateline['kind'] === 'headline' || aboveDateline['kind'] === 'caption') &&
    isTextPart(value['lead']) &&
    isArrayOf(value['paragraphs'], (block) => isTextPart(block) && BLOCK_KINDS.includes(String(block['kind']))) &&
    isArrayOf(
      value['readAlso'],
      (item) => isTextPart(item) && isString(item['headline']) && (item['url'] === null || isHttps(item['url'])),
    ) &&
    isArrayOf(value['credits'], isTextPart) &&
    isArrayOf(value['trailer'], isTextPart) &&
    isArticleGlossary(value['glossary'])
  );
}

const BLOCK_KINDS = ['paragraph', 'heading', 'list-item', 'ordered-item', 'quote', 'caption'];

/** The fields issue 14 added, with the values an article of the old shape has. */
function addMissingFields(value: Record<string, unknown>): void {
  for (const key of ['source', 'url', 'published', 'modified', 'author', 'aboveDateline', 'byline']) value[key] ??= null;
  for (const key of ['categories', 'credits', 'trailer']) value[key] ??= [];
  value['profile'] ??= 'mina';
  for (const [key, field, fallback] of [
    ['paragraphs', 'kind', 'paragraph'],
    ['readAlso', 'url', null],
  ] as const) {
    const list = value[key];
    if (Array.isArray(list)) for (const item of list) if (isRecord(item)) item[field] ??= fallback;
  }
}

function isArticleGlossary(value: unknown): boolean {
  return (
    isRecord(value) &&
    Array.isArray(value['entries']) &&
    value['entries'].every(isString) &&
    isArrayOf(
      value['marks'],
      (mark) =>
        Number.isInteger(mark['part']) &&
        Number.isInteger(mark['start']) &&
        Number.isInteger(mark['end']) &&
        isString(mark['entry']),
    ) &&
    (value['publisher'] === null || isString(value['publisher']))
  );
}

/** A glossary entry in one UI language, as a page carries it, the server publishes it and the device keeps it. */
export function isGlossaryText(value: unknown): value is GlossaryText {
  return (
    isRecord(value) &&
    (value['lang'] === 'id' || value['lang'] === 'en') &&
    ['id', 'term', 'definition', 'sourceName'].every((key) => isString(value[key])) &&
    Array.isArray(value['aliases']) &&
    value['aliases'].every(isString) &&
    isHttps(value['source'])
  );
}

/** The data block of an article page: the article and the glossary entries it uses. */
export function isArticlePageData(value: unknown): value is ArticlePageData {
  return (
    isRecord(value) &&
    isPublishedArticle(value['article']) &&
    Array.isArray(value['glossary']) &&
    value['glossary'].every(isGlossaryText)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Links from data are rendered as links: only https: ever gets that far. */
function isHttps(value: unknown): boolean {
  return isString(value) && value.startsWith('https://');
}

/** Published text has no spans (`Unspanned`); a record kept before issue 13 has them, and they are ignored. */
function isTextPart(value: unknown): value is Unspanned<TextPart> & Record<string, unknown> {
  return isRecord(value) && isString(value['text']);
}

function isArrayOf(value: unknown, check: (item: Record<string, unknown>) => boolean): boolean {
  return Array.isArray(value) && value.every((item) => isRecord(item) && check(item));
}
