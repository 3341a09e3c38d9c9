import type { PublishedArticle } from '../../src/content/types.js';

/** A small valid article for storage tests; `text` sizes its one paragraph. */
export function makeArticle(slug: string, text = 'Isi paragraf.'): PublishedArticle {
  const span = { start: 0, end: text.length, line: 1 };
  return {
    slug,
    hash: `hash-${slug}-${text.length}`,
    title: { text: `Judul ${slug}`, derived: false },
    date: '2020-10-31',
    lang: 'id',
    publisher: { name: 'Kantor Berita MINA', url: 'https://minanews.net/' },
    frontMatter: null,
    dateline: null,
    lead: { text, span },
    paragraphs: [],
    readAlso: [],
    sourceLine: null,
    editorCode: null,
    glossary: { entries: [], marks: [], publisher: null },
  };
}
