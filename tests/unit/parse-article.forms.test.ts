import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { Article } from '../../src/content/types.js';
import { coverageFaults, verbatimFaults } from './spans.js';

/**
 * The text forms real MINA pages use that a plain reading of "dateline, paragraphs, source line"
 * misses. Every text here is ours, written in the shape of a real page.
 */

function parsed(raw: string): Article {
  const result = parseArticle(raw);
  if (!result.ok) throw new Error(`expected an article, got line ${result.error.line}: ${result.error.message}`);
  expect(coverageFaults(raw, result.article)).toEqual({ missing: [], twice: [] });
  expect(verbatimFaults(raw, result.article)).toEqual([]);
  return result.article;
}

const texts = (article: Article): string[] => article.paragraphs.map((p) => p.text);
const kinds = (article: Article): string[] => article.paragraphs.map((p) => `${p.kind}: ${p.text}`);

describe('a line above the dateline', () => {
  it('reads a photo caption above the dateline as a caption, not as the headline or the lead', () => {
    const article = parsed('Petani di sawah. (Foto: MINA)\nJakarta, MINA – Para petani mulai menanam padi.\nLagi.');
    expect(article.aboveDateline).toMatchObject({ kind: 'caption', text: 'Petani di sawah. (Foto: MINA)' });
    expect(article.dateline?.text).toBe('Jakarta, MINA –');
    expect(article.lead.text).toBe('Para petani mulai menanam padi.');
    expect(article.title).toEqual({ text: 'Para petani mulai menanam padi', derived: true });
  });

  it('takes a headline above the dateline as the publisher’s headline', () => {
    const article = parsed('Petani Mulai Menanam Padi\nJakarta, MINA – Para petani mulai menanam padi.\nLagi.');
    expect(article.aboveDateline).toMatchObject({ kind: 'headline', text: 'Petani Mulai Menanam Padi' });
    expect(article.title).toEqual({ text: 'Petani Mulai Menanam Padi', derived: false });
  });

  it('keeps front matter’s headline over the one in the text', () => {
    const article = parsed('---\ntitle: Judul Warta\n---\nJudul Penerbit\nJakarta, MINA – Isi.');
    expect(article.title.text).toBe('Judul Warta');
    expect(article.aboveDateline?.text).toBe('Judul Penerbit');
  });

  it('reads both a headline and a photo caption above the dateline, the caption kept as a caption', () => {
    const raw = 'Petani Mulai Menanam Padi\nPetani di sawah. (Foto: MINA)\nJakarta, MINA – Para petani menanam.\nLagi.';
    const article = parsed(raw);
    expect(article.title).toEqual({ text: 'Petani Mulai Menanam Padi', derived: false });
    expect(article.dateline?.text).toBe('Jakarta, MINA –');
    expect(article.lead.text).toBe('Para petani menanam.');
    expect(kinds(article)).toEqual(['caption: Petani di sawah. (Foto: MINA)', 'paragraph: Lagi.']);
  });

  it('does not take a first paragraph that ends as a sentence for a headline', () => {
    const article = parsed('Ini paragraf pertama.\nBandung – Ini bukan dateline di baris kedua.');
    expect(article.aboveDateline).toBeNull();
    expect(article.dateline).toBeNull();
    expect(article.lead.text).toBe('Ini paragraf pertama.');
  });
});

describe('datelines as real pages write them', () => {
  it.each([
    ['a place with commas', 'Cikarang, Kab. Bekasi, MINA –', 'Cikarang, Kab. Bekasi', 'MINA', null, null],
    [
      'two towns and a Hijri date',
      'Bekasi, Cikarang, 5 Safar 1440/ 14 Oktober 2018 (MINA) –',
      'Bekasi, Cikarang',
      'MINA',
      '5 Safar 1440/ 14 Oktober 2018',
      '2018-10-14',
    ],
    [
      'an English month in US order',
      'JAKARTA, October 14, 2018 (MINA) –',
      'JAKARTA',
      'MINA',
      'October 14, 2018',
      '2018-10-14',
    ],
    [
      'Hijri and Gregorian dates with their era letters',
      'Jakarta, 5 Safar 1440 H/14 Oktober 2018 M (MINA) –',
      'Jakarta',
      'MINA',
      '5 Safar 1440 H/14 Oktober 2018 M',
      '2018-10-14',
    ],
    [
      'four places',
      'Desa Sukamaju, Kec. Cibitung, Kab. Bekasi, Jawa Barat, MINA –',
      'Desa Sukamaju, Kec. Cibitung, Kab. Bekasi, Jawa Barat',
      'MINA',
      null,
      null,
    ],
    [
      'an English month after a Hijri date',
      'Jakarta, 6 Safar 1440/14 October 2018 (MINA) –',
      'Jakarta',
      'MINA',
      '6 Safar 1440/14 October 2018',
      '2018-10-14',
    ],
    ['the agency with no place', 'MINA –', '', 'MINA', null, null],
    ['a place with no agency', 'Bandung –', 'Bandung', '', null, null],
    ['the agency’s full name', 'Jakarta, Mi’raj News Agency (MINA) –', 'Jakarta', 'MINA', null, null],
  ])('reads %s', (_name, dateline, place, agency, dateText, isoDate) => {
    const article = parsed(`${dateline} Para petani mulai menanam padi.\nParagraf kedua.`);
    expect(article.dateline).toMatchObject({ text: dateline, place, agency, dateText, isoDate });
    expect(article.lead.text).toBe('Para petani mulai menanam padi.');
    expect(article.date).toBe(isoDate);
  });

  it.each([
    ['Jakarta, MINA–', 'an en dash with no space around it'],
    ['Jakarta (MINA) —', 'the agency in brackets right after the place'],
  ])('reads "%s", %s', (dateline) => {
    const article = parsed(`${dateline}Para petani menanam.\nLagi.`);
    expect(article.dateline?.text).toBe(dateline);
    expect(article.lead.text).toBe('Para petani menanam.');
  });

  it.each([
    ['with the agency in brackets', 'Jakarta, 14 Oktober 2018 (MINA)'],
    ['with the agency bare', 'Jakarta, MINA'],
  ])('reads a dateline with no dash before the lead, %s', (_name, dateline) => {
    const article = parsed(`${dateline} Pemerintah menyatakan sikapnya.\nLagi.`);
    expect(article.dateline?.text).toBe(dateline);
    expect(article.lead.text).toBe('Pemerintah menyatakan sikapnya.');
  });

  it.each([
    'Organisasi Kerjasama Islam (OKI) menyatakan sikap.',
    'Armenia dan Azerbaijan – dua negara bertetangga – berunding.',
    'Jakarta, 14 Oktober 2018 Pemerintah – kata dia.',
  ])('does not read a dateline into "%s"', (lead) => {
    const article = parsed(lead);
    expect(article.dateline).toBeNull();
    expect(article.lead.text).toBe(lead);
  });
});

describe('promotions', () => {
  it('reads English "Also Read:" lines like "Baca Juga:"', () => {
    const raw =
      'JAKARTA, MINA – Muslims pray.\nAlso Read: Another Headline\nALSO READ : One More\nRead also: A Third\nEnd.';
    const article = parsed(raw);
    expect(article.readAlso.map((item) => [item.headline, item.url])).toEqual([
      ['Another Headline', null],
      ['One More', null],
      ['A Third', null],
    ]);
    expect(texts(article)).toEqual(['End.']);
  });

  it('rejects an "Also Read:" without a headline, naming its line', () => {
    expect(parseArticle('Isi.\nAlso Read:')).toMatchObject({
      ok: false,
      error: { code: 'read-also-empty', line: 2, message: '"Also Read:" has no headline after it' },
    });
  });
});

describe('lines after the source line', () => {
  const raw = [
    'Jakarta, MINA – Isi pembuka.',
    'Paragraf terakhir. (T/AB2/CD-1)',
    'Mi’raj News Agency (MINA)',
    'Wartawan: Nama Satu',
    'Editor: Nama Dua',
    'Ikuti saluran WhatsApp Kantor Berita MINA untuk berita terbaru.',
  ].join('\n');

  it('still finds the source line and the editors’ code', () => {
    const article = parsed(raw);
    expect(article.sourceLine?.text).toBe('Mi’raj News Agency (MINA)');
    expect(article.editorCode?.text).toBe('(T/AB2/CD-1)');
    expect(texts(article)).toEqual(['Paragraf terakhir.']);
  });

  it('keeps the reporter and editor as credits and the invitation as trailer', () => {
    const article = parsed(raw);
    expect(article.credits.map((c) => c.text)).toEqual(['Wartawan: Nama Satu', 'Editor: Nama Dua']);
    expect(article.trailer.map((t) => t.text)).toEqual([
      'Ikuti saluran WhatsApp Kantor Berita MINA untuk berita terbaru.',
    ]);
  });

  it('takes credits at the end without a source line too, but never the only paragraph', () => {
    expect(parsed('Isi berita.\nEditor: Nama Dua').credits.map((c) => c.text)).toEqual(['Editor: Nama Dua']);
    expect(parsed('Editor: Nama Dua').lead.text).toBe('Editor: Nama Dua');
  });

  it('takes an editors’ code standing alone after the source line as the code', () => {
    expect(parsed('Isi berita.\nMi’raj News Agency (MINA)\n(T/Hju/P2)').editorCode?.text).toBe('(T/Hju/P2)');
  });
});

describe('editors’ codes and end markers', () => {
  it.each(['(T/AB2/CD-1)', '(T/Hju/P2)', '(R/RS2/P1-2)'])('splits the code %s off the last paragraph', (code) => {
    const article = parsed(`Isi.\nAkhir berita. ${code}\nMi’raj News Agency (MINA)`);
    expect(article.editorCode?.text).toBe(code);
    expect(texts(article)).toEqual(['Akhir berita.']);
  });

  it('leaves a date in brackets ending a sentence in the paragraph', () => {
    const article = parsed('Isi.\nPertemuan digelar Sabtu (31/10)');
    expect(article.editorCode).toBeNull();
    expect(texts(article)).toEqual(['Pertemuan digelar Sabtu (31/10)']);
  });

  it.each([
    ['after the code', 'Akhir berita. (T/Hju/P2) [Nama]', ['[Nama]']],
    ['empty, on its own line', 'Akhir berita. (T/Hju/P2)\n[]', ['[]']],
    ['before the code', 'Akhir berita. [] (T/Hju/P2)', ['[]']],
  ])('reads an end marker %s', (_name, ending, trailer) => {
    const article = parsed(`Jakarta, MINA – Isi.\n${ending}\nMi’raj News Agency (MINA)`);
    expect(article.trailer.map((t) => t.text)).toEqual(trailer);
    expect(article.editorCode?.text).toBe('(T/Hju/P2)');
    expect(texts(article)).toEqual(['Akhir berita.']);
  });
});

describe('bylines', () => {
  it.each([
    ['Oleh: Ali Farkhan Tsani*'],
    ['Oleh : Nama Penulis, Redaktur (Mi’raj News Agency)'],
    ['By Ali Farkhan Tsani, Senior Editor of MINA'],
  ])('reads "%s" as the byline, never as the lead or the headline', (byline) => {
    const article = parsed(`${byline}\nUmat Islam diajak meningkatkan ibadah.\nParagraf dua.`);
    expect(article.byline?.text).toBe(byline);
    expect(article.lead.text).toBe('Umat Islam diajak meningkatkan ibadah.');
    expect(article.title).toEqual({ text: 'Umat Islam diajak meningkatkan ibadah', derived: true });
  });

  it('reads "Oleh Nama" without a colon as a byline when a name follows', () => {
    const article = parsed('Oleh Imaam Yakhsyallah Mansur\nUmat Islam diajak bersabar.\nLagi.');
    expect(article.byline?.text).toBe('Oleh Imaam Yakhsyallah Mansur');
    expect(article.lead.text).toBe('Umat Islam diajak bersabar.');
  });

  it('reads a byline between the headline and the dateline', () => {
    const article = parsed('Judul Opini Ini\nOleh: Nama Penulis*\nJakarta, MINA – Isi pembuka.\nLagi.');
    expect(article.aboveDateline).toMatchObject({ kind: 'headline', text: 'Judul Opini Ini' });
    expect(article.byline?.text).toBe('Oleh: Nama Penulis*');
    expect(article.dateline?.text).toBe('Jakarta, MINA –');
  });

  it('reads "By Name, MINA Journalist" above the dateline as the byline, not as a dateline before the lead "Journalist"', () => {
    const article = parsed(
      'By Dedi Saputra, MINA Journalist\nTakengon, MINA – Coffee farmers use solar dryers.\nLagi.',
    );
    expect(article.byline?.text).toBe('By Dedi Saputra, MINA Journalist');
    expect(article.dateline?.text).toBe('Takengon, MINA –');
    expect(article.lead.text).toBe('Coffee farmers use solar dryers.');
  });

  it('reads a headline above a byline when there is no dateline', () => {
    const article = parsed('Judul Opini Ini\nOleh: Nama Penulis*\nIsi pembuka.\nLagi.');
    expect(article.title).toEqual({ text: 'Judul Opini Ini', derived: false });
    expect(article.byline?.text).toBe('Oleh: Nama Penulis*');
    expect(article.lead.text).toBe('Isi pembuka.');
  });

  it.each([
    'Oleh karena itu, pemerintah menunda rencananya.',
    'By the end of 2018, prices had doubled.',
    'By Monday, the talks had stalled.',
  ])('does not take the sentence "%s" for a byline', (lead) => {
    const article = parsed(`${lead}\nParagraf dua.`);
    expect(article.byline).toBeNull();
    expect(article.lead.text).toBe(lead);
  });

  it('leaves a byline that is the only line as the lead', () => {
    expect(parsed('Oleh: Nama Penulis*').lead.text).toBe('Oleh: Nama Penulis*');
  });
});

describe('sub-headings', () => {
  it('reads a short line with no final punctuation between paragraphs as a sub-heading', () => {
    const article = parsed('Lead berita.\nParagraf satu.\nLatar Belakang Konflik\nParagraf dua.\nAkhir.');
    expect(kinds(article)).toEqual([
      'paragraph: Paragraf satu.',
      'heading: Latar Belakang Konflik',
      'paragraph: Paragraf dua.',
      'paragraph: Akhir.',
    ]);
  });

  it('reads date labels and all-capital lines as sub-headings', () => {
    const raw = [
      'Jakarta, MINA – Linimasa peristiwa.',
      '14 April 2014:',
      'Pasukan tiba di kota itu pada pagi hari.',
      'April 20, 2014:',
      'Perundingan dimulai di Jenewa.',
      'PERNYATAAN SIKAP BERSAMA ORGANISASI MASYARAKAT SIPIL INDONESIA UNTUK PALESTINA',
      'Kami menyatakan sikap sebagai berikut.',
    ].join('\n');
    expect(
      parsed(raw)
        .paragraphs.filter((p) => p.kind === 'heading')
        .map((p) => p.text),
    ).toEqual([
      '14 April 2014:',
      'April 20, 2014:',
      'PERNYATAAN SIKAP BERSAMA ORGANISASI MASYARAKAT SIPIL INDONESIA UNTUK PALESTINA',
    ]);
  });

  it.each([
    ['a one-sentence paragraph', 'Kesepakatan itu ditandatangani di Jenewa.'],
    ['a quotation', '“Kami siap berunding”'],
    ['a dateline', 'Jenewa, MINA –'],
    ['a sentence without its full stop', 'Hal itu disampaikan dalam konferensi pers di Jakarta pada hari Senin'],
    ['a line ending in a colon', 'Dia mengatakan sebagai berikut:'],
    ['a line with invisible characters', 'Kata\u200Bdengan\u200Cspasi'],
    ['a verse in Arabic script', 'يَا أَيُّهَا الَّذِينَ آمَنُوا كُتِبَ عَلَيْكُمُ الصِّيَامُ'],
    ['a line at the very end', null],
  ])('never takes %s for a sub-heading', (_name, line) => {
    const raw =
      line === null ? 'Lead.\nParagraf satu.\nPenutup Singkat' : `Lead.\nParagraf satu.\n${line}\nParagraf dua.`;
    expect(parsed(raw).paragraphs.every((p) => p.kind === 'paragraph')).toBe(true);
  });

  it('leaves a run of short lines (a list of names) as paragraphs', () => {
    const article = parsed('Lead.\nPara penerima:\nAhmad Fauzi\nBudi Santoso\nCitra Lestari\nSelamat.');
    expect(article.paragraphs.every((p) => p.kind === 'paragraph')).toBe(true);
  });
});

describe('a headline derived without front matter', () => {
  it('ends at a sentence end, never at a comma or colon inside it', () => {
    const lead = 'Menurut Dr. Ahmad, pemerintah Kab. Bekasi akan membangun 1.000 rumah: rencana besar. Lalu lagi.';
    expect(parsed(lead).title).toEqual({
      text: 'Menurut Dr. Ahmad, pemerintah Kab. Bekasi akan membangun 1.000 rumah: rencana besar',
      derived: true,
    });
  });

  it('keeps a question mark that ends it', () => {
    expect(parsed('Siapa yang akan menang? Tidak ada yang tahu.').title.text).toBe('Siapa yang akan menang?');
  });

  it('is at most 120 characters, cut at a word with an ellipsis', () => {
    const lead = `Pemerintah ${'mengumumkan rencana pembangunan '.repeat(8)}di seluruh provinsi.`;
    const title = parsed(lead).title.text;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/^Pemerintah mengumumkan .*\p{L}…$/u);
    expect(lead.startsWith(title.slice(0, -1))).toBe(true);
    expect(lead.charAt(title.length - 1)).toBe(' ');
  });
});
