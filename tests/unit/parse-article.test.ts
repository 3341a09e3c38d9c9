import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { Article } from '../../src/content/types.js';
import { coverageFaults, verbatimFaults } from './spans.js';

const SEED_PATH = 'content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt';
const seed = readFileSync(SEED_PATH, 'utf8');
/** The text after the front matter: the publisher's, which must stay byte for byte as published. */
const publisherText = seed.slice(seed.indexOf('\n---\n') + '\n---\n'.length);
/** SHA-256 of shared/content/2020-10-31-armenia-azerbaijan-jenewa.txt as the publisher sent it. */
const PUBLISHED_SHA256 = 'bb31d19fecbb97705a8e9c0ca7f91202c2b640e831f6b997a405a778f405f9bd';

function parsed(raw: string): Article {
  const result = parseArticle(raw);
  if (!result.ok) throw new Error(`expected an article, got line ${result.error.line}: ${result.error.message}`);
  return result.article;
}

function expectInvariant(raw: string): void {
  const article = parsed(raw);
  expect(coverageFaults(raw, article)).toEqual({ missing: [], twice: [] });
  expect(verbatimFaults(raw, article)).toEqual([]);
}

describe('the seed article', () => {
  const article = parsed(seed);

  it('keeps the publisher text verbatim after the front matter', () => {
    expect(createHash('sha256').update(publisherText, 'utf8').digest('hex')).toBe(PUBLISHED_SHA256);
  });

  it('reads the headline, date, language and publisher from front matter', () => {
    expect(article.title).toEqual({
      text: 'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh',
      derived: false,
    });
    expect(article.date).toBe('2020-10-31');
    expect(article.lang).toBe('id');
    expect(article.publisher).toEqual({ name: 'Kantor Berita MINA', url: 'https://minanews.net/' });
  });

  it('splits the dateline from the lead', () => {
    expect(article.dateline).toMatchObject({ text: 'Jenewa, MINA –', place: 'Jenewa', agency: 'MINA', dateText: null });
    expect(article.lead.text).toMatch(/^Armenia dan Azerbaijan bersepakat .* di Jenewa\.$/u);
  });

  it('finds ten paragraphs after the lead, the last without the editor code', () => {
    expect(article.paragraphs).toHaveLength(10);
    expect(article.paragraphs.at(-1)?.text).toMatch(/mendekati 5\.000\.$/u);
  });

  it('collects all three "Baca Juga" lines wherever they stand', () => {
    expect(article.readAlso.map((item) => item.headline)).toEqual([
      'Pengadilan Belanda Tolak Gugatan Penghentian Ekspor Senjata ke Israel',
      'Macron Resmi Tunjuk Francois Bayrou sebagai PM Prancis',
      'Jerman Batalkan Acara Peringatan 60 Tahun Hubungan Diplomatik dengan Israel',
    ]);
  });

  it('recognises the source line and the editor code', () => {
    expect(article.sourceLine?.text).toBe('Mi’raj News Agency (MINA)');
    expect(article.editorCode?.text).toBe('(T/Hju/P2)');
  });

  it('covers every non-blank character exactly once, verbatim', () => {
    expectInvariant(seed);
  });

  it('covers the publisher text alone (no front matter) exactly once too', () => {
    expectInvariant(publisherText);
  });
});

describe('datelines', () => {
  it('reads a dateline with a Gregorian date in brackets around the agency', () => {
    const article = parsed('Jakarta, 23 Februari 2013 (MINA) – Isi berita pertama.\nParagraf kedua.');
    expect(article.dateline).toMatchObject({
      text: 'Jakarta, 23 Februari 2013 (MINA) –',
      place: 'Jakarta',
      agency: 'MINA',
      dateText: '23 Februari 2013',
      isoDate: '2013-02-23',
    });
    expect(article.date).toBe('2013-02-23');
    expect(article.lead.text).toBe('Isi berita pertama.');
  });

  it('reads a dateline whose date has a Hijri part before the Gregorian one', () => {
    const article = parsed('Jakarta, 12 Rabiul Akhir 1434/23 Februari 2013 (MINA) — Isi.\nLagi.');
    expect(article.dateline?.dateText).toBe('12 Rabiul Akhir 1434/23 Februari 2013');
    expect(article.dateline?.isoDate).toBe('2013-02-23');
  });

  it.each([
    ['an en dash', 'Jenewa, MINA – Isi.'],
    ['an em dash', 'Jenewa, MINA — Isi.'],
    ['a hyphen', 'Jenewa, MINA - Isi.'],
    ['a double hyphen', 'Jenewa, MINA -- Isi.'],
  ])('accepts %s after the agency', (_name, line) => {
    const article = parsed(line);
    expect(article.dateline?.agency).toBe('MINA');
    expect(article.lead.text).toBe('Isi.');
  });

  it('does not mistake a hyphenated word for a dateline dash', () => {
    const article = parsed('Nagorno-Karabakh, wilayah sengketa - kata dia.');
    expect(article.dateline).toBeNull();
    expect(article.lead.text).toBe('Nagorno-Karabakh, wilayah sengketa - kata dia.');
  });

  it('takes the next line as the lead when the dateline stands alone', () => {
    const raw = 'Jenewa, MINA –\nArmenia dan Azerbaijan bersepakat.\nParagraf dua.';
    const article = parsed(raw);
    expect(article.lead.text).toBe('Armenia dan Azerbaijan bersepakat.');
    expect(article.paragraphs.map((p) => p.text)).toEqual(['Paragraf dua.']);
    expectInvariant(raw);
  });

  it('ignores an unreadable date but keeps it as written', () => {
    const article = parsed('Jakarta, 31 Februari 2013 (MINA) – Isi.');
    expect(article.dateline?.dateText).toBe('31 Februari 2013');
    expect(article.dateline?.isoDate).toBeNull();
    expect(article.date).toBeNull();
  });
});

describe('"Baca Juga" lines', () => {
  it.each(['Baca Juga: Judul', 'BACA JUGA : Judul', '  baca   juga:Judul  ', 'Baca juga :   Judul'])(
    'reads "%s" as a read-also item',
    (line) => {
      const raw = `Paragraf pertama.\n${line}\nParagraf kedua.`;
      const article = parsed(raw);
      expect(article.readAlso.map((item) => item.headline)).toEqual(['Judul']);
      expect(article.paragraphs.map((p) => p.text)).toEqual(['Paragraf kedua.']);
      expectInvariant(raw);
    },
  );

  it('reads one before the first paragraph too', () => {
    const article = parsed('Baca Juga: Judul Lain\nJenewa, MINA – Isi.');
    expect(article.readAlso).toHaveLength(1);
    expect(article.dateline?.text).toBe('Jenewa, MINA –');
  });

  it('rejects one without a headline, naming its line', () => {
    expect(parseArticle('Isi.\n\nBaca Juga:   \nLagi.')).toEqual({
      ok: false,
      error: { code: 'read-also-empty', line: 3, message: '"Baca Juga:" has no headline after it' },
    });
  });
});

describe('source line and editor code', () => {
  it('accepts a straight apostrophe in the source line', () => {
    const article = parsed("Isi berita.\nMi'raj News Agency (MINA)");
    expect(article.sourceLine?.text).toBe("Mi'raj News Agency (MINA)");
  });

  it('does not take the only line of an article as its source line', () => {
    const article = parsed('Mi’raj News Agency (MINA)');
    expect(article.sourceLine).toBeNull();
    expect(article.lead.text).toBe('Mi’raj News Agency (MINA)');
  });

  it('reads an editor code that stands on a line of its own', () => {
    const raw = 'Isi berita.\n(T/Hju/P2)\nMi’raj News Agency (MINA)';
    const article = parsed(raw);
    expect(article.editorCode?.text).toBe('(T/Hju/P2)');
    expect(article.lead.text).toBe('Isi berita.');
    expectInvariant(raw);
  });

  it('leaves a bracket that is not a code in the paragraph', () => {
    const article = parsed('Isi berita (kata dia).');
    expect(article.editorCode).toBeNull();
    expect(article.lead.text).toBe('Isi berita (kata dia).');
  });
});

describe('tolerated layouts', () => {
  const unix = 'Jenewa, MINA – Lead.\nParagraf.\nBaca Juga: Judul\nAkhir. (T/Hju/P2)\nMi’raj News Agency (MINA)';

  it('reads CRLF and lone CR line ends like LF', () => {
    const expected = parsed(unix);
    for (const raw of [unix.replaceAll('\n', '\r\n'), unix.replaceAll('\n', '\r')]) {
      const article = parsed(raw);
      expect(article.paragraphs.map((p) => p.text)).toEqual(expected.paragraphs.map((p) => p.text));
      expect(article.editorCode?.text).toBe('(T/Hju/P2)');
      expectInvariant(raw);
    }
  });

  it('reads blank lines, indentation and a final newline', () => {
    const raw = `\n\n  ${unix.replaceAll('\n', '\n\n   ')}\n\n`;
    expect(parsed(raw).paragraphs.map((p) => p.text)).toEqual(['Paragraf.', 'Akhir.']);
    expectInvariant(raw);
  });

  it('derives a headline from the lead’s first sentence when front matter gives none, and says so', () => {
    const article = parsed('Jenewa, MINA – Armenia dan Azerbaijan bersepakat, kata mereka.');
    expect(article.title).toEqual({ text: 'Armenia dan Azerbaijan bersepakat, kata mereka', derived: true });
  });

  it('shortens a long derived headline at a word', () => {
    const lead = `${'kata '.repeat(40)}akhir.`;
    const title = parsed(lead).title.text;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('kata…')).toBe(true);
  });

  it('does not end a derived headline at a decimal point', () => {
    expect(parsed('Jumlahnya 5.000 orang. Lalu lagi.').title.text).toBe('Jumlahnya 5.000 orang');
  });
});

describe('front matter', () => {
  it('accepts quoted values and a byte-order mark before the fence', () => {
    const raw = '\uFEFF---\ntitle: "Judul: Kutipan"\n---\nIsi.';
    expect(parsed(raw).title).toEqual({ text: 'Judul: Kutipan', derived: false });
    expectInvariant(raw);
  });

  it.each([
    ['---\ntitle: A\nIsi.', 1, 'front matter opened with "---" is never closed'],
    ['---\ntitle A\n---\nIsi.', 2, 'expected "key: value" in front matter, found "title A"'],
    [
      '---\nwriter: A\n---\nIsi.',
      2,
      'unknown front-matter key "writer" (known: title, date, lang, publisher, publisher_url, source, source_id, url, published, modified, author, categories, profile, format)',
    ],
    ['---\ntitle: A\ntitle: B\n---\nIsi.', 3, 'front-matter key "title" is given twice'],
    ['---\ntitle:\n---\nIsi.', 2, 'front-matter key "title" has no value'],
    ['---\ndate: 2020-02-30\n---\nIsi.', 2, 'date "2020-02-30" is not a real date written YYYY-MM-DD'],
    ['---\nlang: Indonesian\n---\nIsi.', 2, 'lang "Indonesian" is not a language tag such as "id"'],
    [
      '---\npublisher_url: http://minanews.net/\n---\nIsi.',
      2,
      'publisher_url "http://minanews.net/" is not an https:// address',
    ],
  ])('rejects %j at line %i', (raw, line, message) => {
    const result = parseArticle(raw);
    expect(result).toMatchObject({ ok: false, error: { line, message } });
  });
});

describe('bad input', () => {
  it.each([
    ['an empty file', '', 1, 'empty'],
    ['a file of white space', ' \n\t\r\n  ', 1, 'empty'],
    ['front matter and nothing else', '---\ntitle: A\n---\n\n', 4, 'no-paragraphs'],
    ['only "Baca Juga" lines', '\nBaca Juga: A\nBaca Juga: B', 2, 'no-paragraphs'],
    ['a dateline and nothing after it', 'Jenewa, MINA –', 1, 'no-paragraphs'],
    ['binary data', 'Isi.\nPNG\u0000\u0001\u0002', 2, 'binary'],
  ])('rejects %s with its line', (_name, raw, line, code) => {
    const result = parseArticle(raw);
    expect(result).toMatchObject({ ok: false, error: { line, code } });
  });
});
