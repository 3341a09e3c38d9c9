import type { PublishedArticle } from '../../src/content/types.js';

/** A small valid article for storage tests; `text` sizes its one paragraph. */
export function makeArticle(slug: string, text = 'Isi paragraf.'): PublishedArticle {
  return {
    slug,
    hash: `hash-${slug}-${text.length}`,
    title: { text: `Judul ${slug}`, derived: false },
    date: '2020-10-31',
    lang: 'id',
    publisher: { name: 'Kantor Berita MINA', url: 'https://minanews.net/' },
    source: null,
    url: null,
    published: null,
    modified: null,
    author: null,
    categories: [],
    profile: 'mina',
    aboveDateline: null,
    byline: null,
    dateline: null,
    lead: { text },
    paragraphs: [],
    readAlso: [],
    sourceLine: null,
    editorCode: null,
    credits: [],
    trailer: [],
    glossary: { entries: [], marks: [], publisher: null },
  };
}

/**
 * The same article as Warta stored it before the content store grew (issue 14): none of the new
 * fields, paragraphs without a kind, promotions without a link.
 */
export function makeOldArticle(slug: string): Record<string, unknown> {
  const span = { start: 0, end: 4, line: 1 };
  return {
    slug,
    hash: `hash-${slug}-lama`,
    title: { text: `Judul ${slug}`, derived: false },
    date: '2020-10-31',
    lang: 'id',
    publisher: { name: 'Kantor Berita MINA', url: 'https://minanews.net/' },
    frontMatter: null,
    dateline: null,
    lead: { text: 'Isi.', span },
    paragraphs: [{ text: 'Dua.', span }],
    readAlso: [{ text: 'Baca Juga: X', span, headline: 'X' }],
    sourceLine: null,
    editorCode: null,
    glossary: { entries: [], marks: [], publisher: null },
  };
}
