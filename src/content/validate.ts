import type { PublishedArticle, Span, TextPart } from './types.js';

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
  const { title, publisher, dateline, source } = value;
  return (
    isString(value['slug']) &&
    isString(value['hash']) &&
    isString(value['lang']) &&
    isStringOrNull(value['date']) &&
    isRecord(title) &&
    isString(title['text']) &&
    typeof title['derived'] === 'boolean' &&
    (publisher === null || (isRecord(publisher) && isString(publisher['name']))) &&
    (value['frontMatter'] === null || isSpan(value['frontMatter'])) &&
    (source === null || (isRecord(source) && isString(source['key']) && isString(source['id']))) &&
    (value['url'] === null || isHttps(value['url'])) &&
    ['published', 'modified', 'author'].every((key) => isStringOrNull(value[key])) &&
    Array.isArray(value['categories']) &&
    value['categories'].every(isString) &&
    isString(value['profile']) &&
    isPartOrNull(value['aboveDateline'], (part) => part['kind'] === 'headline' || part['kind'] === 'caption') &&
    isPartOrNull(value['byline']) &&
    (dateline === null || isTextPart(dateline)) &&
    isTextPart(value['lead']) &&
    isArrayOf(value['paragraphs'], (block) => isTextPart(block) && BLOCK_KINDS.includes(block['kind'])) &&
    isArrayOf(
      value['readAlso'],
      (item) => isTextPart(item) && isString(item['headline']) && (item['url'] === null || isHttps(item['url'])),
    ) &&
    isPartOrNull(value['sourceLine']) &&
    isPartOrNull(value['editorCode']) &&
    isArrayOf(value['credits'], isTextPart) &&
    isArrayOf(value['trailer'], isTextPart) &&
    isArticleGlossary(value['glossary'])
  );
}

const BLOCK_KINDS: readonly unknown[] = ['paragraph', 'heading', 'list-item', 'ordered-item', 'quote', 'caption'];

/** The fields issue 14 added, with the values an article of the old shape has. */
function addMissingFields(value: Record<string, unknown>): void {
  const defaults: Record<string, unknown> = {
    source: null,
    url: null,
    published: null,
    modified: null,
    author: null,
    categories: [],
    profile: 'mina',
    aboveDateline: null,
    byline: null,
    credits: [],
    trailer: [],
  };
  for (const [key, fallback] of Object.entries(defaults)) if (!(key in value)) value[key] = fallback;
  for (const [key, field, fallback] of [
    ['paragraphs', 'kind', 'paragraph'],
    ['readAlso', 'url', null],
  ] as const) {
    const list = value[key];
    if (Array.isArray(list)) for (const item of list) if (isRecord(item) && !(field in item)) item[field] = fallback;
  }
}

function isArticleGlossary(value: unknown): boolean {
  return (
    isRecord(value) &&
    isArrayOf(value['entries'], isGlossaryEntry) &&
    isArrayOf(
      value['marks'],
      (mark) =>
        Number.isInteger(mark['part']) &&
        Number.isInteger(mark['start']) &&
        Number.isInteger(mark['end']) &&
        isString(mark['entry']),
    ) &&
    (value['publisher'] === null || (isRecord(value['publisher']) && isGlossaryEntry(value['publisher'])))
  );
}

function isGlossaryEntry(value: Record<string, unknown>): boolean {
  return (
    ['id', 'term', 'termEn', 'definition', 'definitionEn', 'source', 'sourceName'].every((key) => isString(value[key])) &&
    Array.isArray(value['aliases']) &&
    value['aliases'].every(isString) &&
    isHttps(value['source'])
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isStringOrNull(value: unknown): boolean {
  return value === null || isString(value);
}

/** Links from data are rendered as links: only https: ever gets that far. */
function isHttps(value: unknown): boolean {
  return isString(value) && value.startsWith('https://');
}

function isSpan(value: unknown): value is Span {
  return (
    isRecord(value) &&
    Number.isInteger(value['start']) &&
    Number.isInteger(value['end']) &&
    Number.isInteger(value['line'])
  );
}

function isTextPart(value: unknown): value is TextPart & Record<string, unknown> {
  return isRecord(value) && isString(value['text']) && isSpan(value['span']);
}

function isPartOrNull(value: unknown, check: (part: Record<string, unknown>) => boolean = () => true): boolean {
  return value === null || (isTextPart(value) && check(value));
}

function isArrayOf(value: unknown, check: (item: Record<string, unknown>) => boolean): boolean {
  return Array.isArray(value) && value.every((item) => isRecord(item) && check(item));
}
