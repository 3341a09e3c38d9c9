import { describe, expect, it } from 'vitest';
import {
  findEntryByName,
  findGlossaryConflicts,
  glossaryText,
  parseGlossaryEntry,
  type GlossaryEntry,
} from '../../src/content/glossary.js';
import { matchGlossary } from '../../src/content/glossary-match.js';
import { parseArticle } from '../../src/content/parse-article.js';
import { loadGlossary, publish } from '../../tools/content.js';
import { REQUIRED_TERMS } from '../required-terms.js';

function entry(id: string, term: string, aliases: string[] = []): GlossaryEntry {
  return {
    id,
    term,
    termEn: term,
    aliases,
    definition: 'Definisi.',
    definitionEn: 'Definition.',
    source: 'https://example.org/',
    sourceName: 'Contoh',
  };
}

/** The marked texts, as "entry: text" in reading order. */
function found(parts: string[], entries: GlossaryEntry[]): string[] {
  return matchGlossary(parts, entries).map(
    (mark) => `${mark.entry}: ${parts[mark.part]?.slice(mark.start, mark.end) ?? ''}`,
  );
}

const VALID = [
  'term: Grup Minsk',
  'term_en: Minsk Group',
  'aliases: Minsk Group; Grup Minsk OSCE',
  'definition: Grup Minsk adalah forum OSCE. Ia dibentuk pada 1992.',
  'definition_en: The Minsk Group is an OSCE forum. It was set up in 1992.',
  'source: https://en.wikipedia.org/wiki/OSCE_Minsk_Group',
  'source_name: Wikipedia',
].join('\n');

describe('glossary entry files', () => {
  it('reads every field, aliases split on semicolons', () => {
    const result = parseGlossaryEntry(VALID, 'grup-minsk');
    expect(result.ok && result.entry).toEqual({
      id: 'grup-minsk',
      term: 'Grup Minsk',
      termEn: 'Minsk Group',
      aliases: ['Minsk Group', 'Grup Minsk OSCE'],
      definition: 'Grup Minsk adalah forum OSCE. Ia dibentuk pada 1992.',
      definitionEn: 'The Minsk Group is an OSCE forum. It was set up in 1992.',
      source: 'https://en.wikipedia.org/wiki/OSCE_Minsk_Group',
      sourceName: 'Wikipedia',
    });
  });

  it.each([
    ['a missing field (at the last line)', VALID.replace(/\nsource_name: .*$/mu, ''), 6, 'missing "source_name"'],
    ['a field given twice', `${VALID}\nterm: Lagi`, 8, '"term" is given twice'],
    ['an unknown key', `${VALID}\nnote: x`, 8, 'unknown key "note"'],
    ['a line without a colon', VALID.replace('term_en: Minsk Group', 'Minsk Group'), 2, 'expected "key: value"'],
    ['an empty value', VALID.replace('term_en: Minsk Group', 'term_en:'), 2, '"term_en" has no value'],
    ['an http source', VALID.replace('https://en.', 'http://en.'), 6, 'must be an https: address'],
    ['a javascript: source', VALID.replace(/https:\/\/\S+/u, 'javascript:alert(1)'), 6, 'must be an https: address'],
    ['four sentences', VALID.replace('Ia dibentuk pada 1992.', 'Satu. Dua. Tiga.'), 4, 'has 4 sentences'],
  ])('rejects %s with its line', (_name, raw, line, message) => {
    const result = parseGlossaryEntry(raw, 'grup-minsk');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.line).toBe(line);
    expect(result.problem.message).toContain(message);
  });

  it('reports a term claimed twice and an alias claimed by two entries, at their lines', () => {
    const a = parseGlossaryEntry(VALID, 'grup-minsk');
    const b = parseGlossaryEntry(
      VALID.replace('term: Grup Minsk', 'term: grup minsk').replace(
        'aliases: Minsk Group; Grup Minsk OSCE',
        'aliases: Kelompok Minsk',
      ),
      'kelompok',
    );
    const c = parseGlossaryEntry(
      VALID.replace('term: Grup Minsk', 'term: OSCE Minsk').replace(
        'aliases: Minsk Group; Grup Minsk OSCE',
        'aliases: Minsk group',
      ),
      'lain',
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error('fixtures must parse');
    expect(findGlossaryConflicts([a, b, c])).toEqual([
      { id: 'kelompok', line: 1, message: 'term "grup minsk" is already claimed by "grup-minsk" ("Grup Minsk")' },
      { id: 'lain', line: 3, message: 'alias "Minsk group" is already claimed by "grup-minsk" ("Minsk Group")' },
    ]);
  });

  it('keeps acronyms apart from words of the same letters', () => {
    const upper = parseGlossaryEntry(
      VALID.replace('term: Grup Minsk', 'term: MINA').replace(/^aliases: .*$/mu, ''),
      'mina',
    );
    const word = parseGlossaryEntry(
      VALID.replace('term: Grup Minsk', 'term: Mina').replace(/^aliases: .*$/mu, ''),
      'mina-nama',
    );
    if (!upper.ok || !word.ok) throw new Error('fixtures must parse');
    expect(findGlossaryConflicts([upper, word])).toEqual([]);
  });

  it('finds the entry that explains a publisher by name', () => {
    const mina = entry('mina', 'MINA', ['Kantor Berita MINA']);
    expect(findEntryByName([entry('x', 'X'), mina], 'kantor berita mina')).toBe(mina);
    expect(findEntryByName([mina], 'Kantor Berita Antara')).toBeNull();
  });

  it('passes the glossary in this repository, with every term the seed needs', async () => {
    const { entries, problems } = await loadGlossary();
    expect(problems).toEqual([]);
    const terms = entries.flatMap((e) => [e.term, ...e.aliases]);
    for (const term of [...REQUIRED_TERMS, 'OSCE']) {
      expect(terms).toContain(term);
    }
  });
});

describe('matching terms in an article', () => {
  const ceasefire = entry('gencatan-senjata', 'gencatan senjata');
  const verification = entry('verifikasi', 'mekanisme verifikasi gencatan senjata');

  it('prefers the longest match and does not mark a term inside it', () => {
    const parts = ['Mereka membahas mekanisme verifikasi gencatan senjata. Lalu komitmen gencatan senjata.'];
    expect(found(parts, [ceasefire, verification])).toEqual([
      'verifikasi: mekanisme verifikasi gencatan senjata',
      'gencatan-senjata: gencatan senjata',
    ]);
    const [first, second] = matchGlossary(parts, [ceasefire, verification]);
    expect(second?.start).toBeGreaterThan(first?.end ?? Infinity);
  });

  it('marks each entry once, at its first occurrence, across paragraphs', () => {
    expect(found(['Tanpa istilah.', 'Ada gencatan senjata.', 'Gencatan senjata lagi.'], [ceasefire])).toEqual([
      'gencatan-senjata: gencatan senjata',
    ]);
    expect(matchGlossary(['Tanpa istilah.', 'Ada gencatan senjata.'], [ceasefire])[0]?.part).toBe(1);
  });

  it('matches an alias for its entry, and the first of term or alias', () => {
    const osce = entry('osce', 'OSCE', ['Organisasi untuk Keamanan dan Kerjasama di Eropa']);
    expect(found(['Oleh Organisasi untuk Keamanan dan Kerjasama di Eropa, lalu OSCE.'], [osce])).toEqual([
      'osce: Organisasi untuk Keamanan dan Kerjasama di Eropa',
    ]);
  });

  it('ignores case for words but never for acronyms', () => {
    const mina = entry('mina', 'MINA');
    expect(found(['Kata Mina kepada mina.'], [mina])).toEqual([]);
    expect(found(['Kata MINA.'], [mina])).toEqual(['mina: MINA']);
    expect(found(['Gencatan Senjata berlaku.'], [ceasefire])).toEqual(['gencatan-senjata: Gencatan Senjata']);
  });

  it('matches whole words only, with hyphens and apostrophes joining words', () => {
    const karabakh = entry('karabakh', 'Karabakh');
    const putin = entry('putin', 'Putin');
    expect(found(['Wilayah Nagorno-Karabakh.'], [karabakh])).toEqual([]);
    expect(found(['Karabakh-nya luas.'], [karabakh])).toEqual([]);
    expect(found(['Putinisme bukan Putin’s.'], [putin])).toEqual([]);
    expect(found(['Kata Putin - lalu pergi.'], [putin])).toEqual(['putin: Putin']);
    expect(found(['Pasukan "Karabakh" (Karabakh).'], [karabakh])).toEqual(['karabakh: Karabakh']);
  });

  it('finds terms at the very start and end of a paragraph', () => {
    expect(found(['Gencatan senjata', 'x'], [ceasefire])).toEqual(['gencatan-senjata: Gencatan senjata']);
    expect(found(['Akhirnya gencatan senjata'], [ceasefire])).toEqual(['gencatan-senjata: gencatan senjata']);
  });

  it('never marks two overlapping spans, whatever the entries', () => {
    const a = entry('a', 'hak asasi');
    const b = entry('b', 'asasi manusia');
    const marks = matchGlossary(['Tentang hak asasi manusia.'], [a, b]);
    expect(marks).toHaveLength(1);
  });
});

describe('articles refer to glossary entries by id', () => {
  const text = [
    'date: 2020-10-31',
    '---',
    'Jenewa, MINA – Kedua pihak menyepakati gencatan senjata kemarin.',
    'Paragraf kedua.',
  ].join('\n');
  const ceasefire = entry('gencatan-senjata', 'gencatan senjata');

  it('publishes the ids of the entries an article uses, so a corrected definition changes neither its JSON nor its hash', () => {
    const parsed = parseArticle(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const before = publish(parsed.article, 'contoh', [ceasefire]);
    const after = publish(parsed.article, 'contoh', [{ ...ceasefire, definition: 'Definisi yang diperbaiki.' }]);
    expect(before.glossary.entries).toEqual(['gencatan-senjata']);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('gives each UI language the definition in that language, and the English term as another name', () => {
    const minsk = { ...entry('grup-minsk', 'Grup Minsk'), termEn: 'Minsk Group' };
    expect(glossaryText(minsk, 'en')).toEqual({
      lang: 'en',
      id: 'grup-minsk',
      term: 'Grup Minsk',
      aliases: ['Minsk Group'],
      definition: 'Definition.',
      source: 'https://example.org/',
      sourceName: 'Contoh',
    });
    expect(glossaryText(minsk, 'id').definition).toBe('Definisi.');
  });
});
