import type { PublishedArticle, Span, TextPart } from './types.js';

/**
 * Checks, at run time, that a value read back from storage or the network really is a
 * `PublishedArticle`. IndexedDB keeps whatever was written by any past version of Warta (or by a
 * curious user in DevTools), so nothing read back is trusted by its static type alone.
 */
export function isPublishedArticle(value: unknown): value is PublishedArticle {
  if (!isRecord(value)) return false;
  const { title, publisher, dateline } = value;
  return (
    isString(value['slug']) &&
    isString(value['hash']) &&
    isString(value['lang']) &&
    (value['date'] === null || isString(value['date'])) &&
    isRecord(title) &&
    isString(title['text']) &&
    typeof title['derived'] === 'boolean' &&
    (publisher === null || (isRecord(publisher) && isString(publisher['name']))) &&
    (value['frontMatter'] === null || isSpan(value['frontMatter'])) &&
    (dateline === null || isTextPart(dateline)) &&
    isTextPart(value['lead']) &&
    isArrayOf(value['paragraphs'], isTextPart) &&
    isArrayOf(value['readAlso'], (item) => isTextPart(item) && isString(item['headline'])) &&
    (value['sourceLine'] === null || isTextPart(value['sourceLine'])) &&
    (value['editorCode'] === null || isTextPart(value['editorCode'])) &&
    isArticleGlossary(value['glossary'])
  );
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
    isString(value['source']) &&
    value['source'].startsWith('https://')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
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

function isArrayOf(value: unknown, check: (item: Record<string, unknown>) => boolean): boolean {
  return Array.isArray(value) && value.every((item) => isRecord(item) && check(item));
}
