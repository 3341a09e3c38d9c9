import { describe, expect, it } from 'vitest';
import { markedBodyWords } from '../../src/content/marked.js';
import { compareArticles } from '../../src/content/order.js';
import { parseArticle } from '../../src/content/parse-article.js';
import type { Article } from '../../src/content/types.js';
import { coverageFaults, partsOf, verbatimFaults } from './spans.js';

/** An imported article as the importer stores it: every key, every marker. */
const IMPORTED = [
  '---',
  'title: Muslims Urged to Pray for Rain',
  'lang: en',
  'publisher: Kantor Berita MINA',
  'publisher_url: https://minanews.net/',
  'source: minanews-net',
  'source_id: 123456',
  'url: https://en.minanews.net/muslims-urged-to-pray/',
  'published: 2018-10-14T20:30:00Z',
  'modified: 2018-10-15T09:00:00+07:00',
  'author: Nama Penulis',
  'categories: Asia; Indonesia',
  'profile: mina',
  'format: marked',
  '---',
  '! Farmers in a dry field. (Photo: MINA)',
  'JAKARTA, October 14, 2018 (MINA) – Muslims were urged to pray for rain.',
  '## What the council said',
  'The council met on Sunday.',
  '- Pray together',
  '- Save water',
  '1. First, the prayer.',
  '2. Then, the sermon.',
  '> We ask every mosque to join.',
  '> Rain is a mercy.',
  '! The council’s hall.',
  '=> https://en.minanews.net/another/ Another Headline',
  '=> Also Read: A Headline Without Link',
  '\\## Not a heading but a paragraph',
  '\\\\ starts with a backslash',
  'The last paragraph. (T/RS2/P1)',
  'Mi’raj News Agency (MINA)',
  'Editor: Nama Editor',
].join('\n');

function parsed(raw: string, marked = true): Article {
  const result = parseArticle(raw);
  if (!result.ok) throw new Error(`expected an article, got line ${result.error.line}: ${result.error.message}`);
  expect(coverageFaults(raw, result.article, { marked })).toEqual({ missing: [], twice: [] });
  expect(verbatimFaults(raw, result.article)).toEqual([]);
  return result.article;
}

/** The words of the parts an article holds, in the order of the text, a promotion's link aside. */
function wordsOfParts(article: Article): string[] {
  return partsOf(article)
    .sort((a, b) => a.span.start - b.span.start)
    .flatMap((part) => part.text.replace(/^https:\/\/\S+/u, '').split(/\s+/u))
    .filter((word) => word !== '');
}

describe('front matter of an imported article', () => {
  const article = parsed(IMPORTED);

  it('reads the source, its id, the address, times, author, categories and profile', () => {
    expect(article).toMatchObject({
      source: { key: 'minanews-net', id: '123456' },
      url: 'https://en.minanews.net/muslims-urged-to-pray/',
      published: '2018-10-14T20:30:00Z',
      modified: '2018-10-15T09:00:00+07:00',
      author: 'Nama Penulis',
      categories: ['Asia', 'Indonesia'],
      profile: 'mina',
      lang: 'en',
    });
  });

  it('dates a UTC publication time in the publisher’s zone (20:30 UTC is the next day in Jakarta)', () => {
    expect(article.date).toBe('2018-10-15');
    expect(parsed('---\npublished: 2018-10-14T23:30:00-05:00\n---\nIsi.').date).toBe('2018-10-14');
  });

  it('defaults to the MINA profile, no source and no categories', () => {
    expect(parsed('Isi.')).toMatchObject({ profile: 'mina', source: null, categories: [], published: null });
  });

  it.each([
    ['published: 2018-10-14T09:30:00', 'published "2018-10-14T09:30:00" has no time zone'],
    ['published: 14/10/2018', 'published "14/10/2018" is not a time written like 2018-10-14T09:30:00+07:00'],
    ['modified: 2018-02-30T09:30:00Z', 'modified "2018-02-30T09:30:00Z" names a day that does not exist'],
    ['modified: 2018-10-14T25:30:00Z', 'names a time that does not exist'],
    ['published: 2018-10-14T09:30:00+15:00', 'has a zone offset beyond ±14:00'],
    ['profile: antara', 'unknown profile "antara" (known: mina; the default is mina)'],
    ['format: html', 'format "html" is neither "plain" nor "marked"'],
    [
      'source: minanews.net\nsource_id: 1',
      'source "minanews.net" is not a key of lowercase letters, digits and hyphens',
    ],
    ['source: minanews-net', 'source is given without source_id'],
    ['source_id: 123', 'source_id is given without source'],
    ['url: http://minanews.net/x', 'url "http://minanews.net/x" is not an https:// address'],
  ])('refuses "%s" at its line, saying what is wrong', (line, message) => {
    const result = parseArticle(`---\ntitle: Judul\n${line}\n---\nIsi.`);
    expect(result).toMatchObject({ ok: false, error: { code: 'front-matter-malformed', line: 3 } });
    expect(result.ok ? '' : result.error.message).toContain(message);
  });
});

describe('line markers in a marked body', () => {
  const article = parsed(IMPORTED);

  it('reads a caption above the dateline, and the lead after it', () => {
    expect(article.aboveDateline).toMatchObject({ kind: 'caption', text: 'Farmers in a dry field. (Photo: MINA)' });
    expect(article.dateline?.text).toBe('JAKARTA, October 14, 2018 (MINA) –');
    expect(article.lead.text).toBe('Muslims were urged to pray for rain.');
  });

  it('gives each block its kind, without its marker', () => {
    expect(article.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['heading', 'What the council said'],
      ['paragraph', 'The council met on Sunday.'],
      ['list-item', 'Pray together'],
      ['list-item', 'Save water'],
      ['ordered-item', 'First, the prayer.'],
      ['ordered-item', 'Then, the sermon.'],
      ['quote', 'We ask every mosque to join.'],
      ['quote', 'Rain is a mercy.'],
      ['caption', 'The council’s hall.'],
      ['paragraph', '## Not a heading but a paragraph'],
      ['paragraph', '\\ starts with a backslash'],
      ['paragraph', 'The last paragraph.'],
    ]);
  });

  it('keeps a promotion’s https: link, and a promotion without one as text', () => {
    expect(article.readAlso.map((item) => [item.headline, item.url])).toEqual([
      ['Another Headline', 'https://en.minanews.net/another/'],
      ['A Headline Without Link', null],
    ]);
  });

  it('never takes another scheme for a link', () => {
    const raw = '---\nformat: marked\n---\nIsi.\n=> javascript:alert(1) Judul\n=> http://minanews.net/ Judul';
    expect(parsed(raw).readAlso.map((item) => item.url)).toEqual([null, null]);
  });

  it('still finds the editors’ code, the source line and the credits', () => {
    expect(article.editorCode?.text).toBe('(T/RS2/P1)');
    expect(article.sourceLine?.text).toBe('Mi’raj News Agency (MINA)');
    expect(article.credits.map((c) => c.text)).toEqual(['Editor: Nama Editor']);
  });

  it('reads markers as text in a plain file', () => {
    const plain = parsed('Isi.\n## Bukan judul\n- bukan butir', false);
    expect(plain.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['paragraph', '## Bukan judul'],
      ['paragraph', '- bukan butir'],
    ]);
  });

  it('reads a marker with nothing after it as a paragraph of its characters', () => {
    const marked = parsed('---\nformat: marked\n---\nIsi.\n##\n-\n\\');
    expect(marked.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['paragraph', '##'],
      ['paragraph', '-'],
      ['paragraph', '\\'],
    ]);
  });

  it('does not guess sub-headings in a marked body: only `## ` makes one', () => {
    const marked = parsed('---\nformat: marked\n---\nIsi.\nLatar Belakang\nParagraf dua.');
    expect(marked.paragraphs.map((p) => p.kind)).toEqual(['paragraph', 'paragraph']);
  });

  it('still reads byline, dateline, source line and credits that the HTML set in bold (`## ` lines)', () => {
    const raw = [
      '---',
      'format: marked',
      '---',
      '## Oleh: Nama Penulis',
      '## Jakarta, MINA –',
      'Isi pembuka.',
      '## Latar Belakang',
      'Paragraf terakhir. (T/RS2/P1)',
      '## Baca Juga: Judul Lain',
      '## Mi’raj News Agency (MINA)',
      '## Editor: Nama Editor',
    ].join('\n');
    const article = parsed(raw);
    expect(article.byline?.text).toBe('Oleh: Nama Penulis');
    expect(article.dateline?.text).toBe('Jakarta, MINA –');
    expect(article.lead.text).toBe('Isi pembuka.');
    expect(article.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['heading', 'Latar Belakang'],
      ['paragraph', 'Paragraf terakhir.'],
    ]);
    expect(article.readAlso.map((item) => item.headline)).toEqual(['Judul Lain']);
    expect(article.editorCode?.text).toBe('(T/RS2/P1)');
    expect(article.sourceLine?.text).toBe('Mi’raj News Agency (MINA)');
    expect(article.credits.map((c) => c.text)).toEqual(['Editor: Nama Editor']);
  });

  it('rejects a promotion with a link and no headline, naming its line', () => {
    expect(parseArticle('---\nformat: marked\n---\nIsi.\n=> https://minanews.net/x/')).toMatchObject({
      ok: false,
      error: { code: 'read-also-empty', line: 5, message: '"=>" has no headline after it' },
    });
  });
});

describe('the words of a stored marked body', () => {
  it('are the words of the text, markers, links and escapes aside', () => {
    const body = ['## Judul kecil', '=> https://minanews.net/x/ Judul lain', '\\## Bukan judul', '12. Butir', '! Foto'];
    expect(markedBodyWords(body.join('\n'))).toEqual([
      'Judul',
      'kecil',
      'Judul',
      'lain',
      '##',
      'Bukan',
      'judul',
      'Butir',
      'Foto',
    ]);
  });

  it('equal the words of everything the parser keeps, in order: nothing lost, nothing added', () => {
    expect(markedBodyWords(IMPORTED)).toEqual(wordsOfParts(parsed(IMPORTED)));
  });

  it('read a body without front matter too', () => {
    expect(markedBodyWords('- satu dua\n\n> tiga\n1. empat')).toEqual(['satu', 'dua', 'tiga', 'empat']);
  });
});

describe('the order of articles', () => {
  const make = (
    slug: string,
    published: string | null,
    date: string | null,
    id = '',
  ): Parameters<typeof compareArticles>[0] => ({
    slug,
    published,
    date,
    source: id === '' ? null : { key: 'minanews-net', id },
  });

  it('goes by publication time, then source id (as numbers), then slug; never by arrival', () => {
    const articles = [
      make('c', '2018-10-14T09:30:00+07:00', null, '1000'),
      make('b', '2018-10-14T02:30:00Z', null, '999'),
      make('a', '2018-10-14T09:31:00+07:00', null, '5'),
      make('d', null, '2018-10-13'),
      make('e', null, null),
    ];
    expect([...articles].sort(compareArticles).map((a) => a.slug)).toEqual(['e', 'd', 'b', 'c', 'a']);
    expect(
      [...articles]
        .reverse()
        .sort(compareArticles)
        .map((a) => a.slug),
    ).toEqual(['e', 'd', 'b', 'c', 'a']);
  });
});
