import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import { markedBodyWords } from '../../src/content/marked.js';
import type { Article } from '../../src/content/types.js';
import { coverageFaults, partsOf, verbatimFaults } from './spans.js';

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/u);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
const space = fc.constantFrom('', ' ', '  ', '\t', '\u00A0');
/** A line that may be a sub-heading: capitalised words, no final punctuation. */
const heading = fc
  .array(
    word.map((w) => w.charAt(0).toUpperCase() + w.slice(1)),
    { minLength: 1, maxLength: 6 },
  )
  .map((words) => words.join(' '));

/** Lines of the kinds a publisher writes, shuffled into plausible and implausible orders. */
const line = fc.oneof(
  { weight: 5, arbitrary: sentence },
  { weight: 2, arbitrary: sentence.map((s) => `Baca Juga: ${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('Mi’raj News Agency (MINA)', "Mi'raj News Agency (MINA)") },
  { weight: 1, arbitrary: sentence.map((s) => `${s} (T/Hju/P2)`) },
  { weight: 1, arbitrary: fc.constantFrom('(T/Hju/P2)', '(R/Ab/P1)') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'Jenewa, MINA',
          'Jakarta, 23 Februari 2013 (MINA)',
          'Jakarta, 1 Rajab 1434/11 Mei 2013 (MINA)',
          'Cikarang, Kab. Bekasi, MINA',
          'Bekasi, Cikarang, 5 Safar 1440/ 14 Oktober 2018 (MINA)',
          'JAKARTA, October 14, 2018 (MINA)',
          'MINA',
          'Bandung',
        ),
        fc.constantFrom('–', '—', '-', ''),
        sentence,
      )
      .map(([dateline, dash, rest]) => `${dateline} ${dash} ${rest}`),
  },
  // The forms of issue 14: what stands above the dateline and after the source line.
  { weight: 1, arbitrary: sentence.map((s) => `Also Read: ${s}`) },
  { weight: 1, arbitrary: heading },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Petani di sawah. (Foto: MINA)',
      'Oleh: Ali Farkhan Tsani*',
      'Oleh : Nama, Redaktur (Mi’raj News Agency)',
      'By Name Surname, Senior Editor',
      'Wartawan: Nama',
      'Editor: Nama',
      'Ikuti saluran WhatsApp MINA.',
      '14 April 2014:',
      '[Nama]',
      '[]',
      '(T/AB2/CD-1)',
    ),
  },
  { weight: 1, arbitrary: sentence.map((s) => `${s} (T/AB2/CD-1) []`) },
);

const frontMatter = fc.option(
  fc
    .record({ title: sentence, date: fc.constantFrom('2020-10-31', '2013-02-23') })
    .map(({ title, date }) => `---\ntitle: ${title}\ndate: ${date}\n---\n`),
  { nil: '' },
);

const articleText = fc
  .tuple(
    frontMatter,
    fc.array(fc.tuple(space, line, space), { minLength: 1, maxLength: 25 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([head, lines, eol, finalNewline]) => {
    const body = lines.map(([before, text, after]) => `${before}${text}${after}`).join(eol);
    return `${head.replaceAll('\n', eol)}${body}${finalNewline ? eol : ''}`;
  });

/** A marked body's lines: every marker, escapes, links of every scheme. */
const markedLine = fc.oneof(
  { weight: 4, arbitrary: sentence },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('## ', '- ', '1. ', '12. ', '> ', '! ', '=> ', '\\', '\\## ', '=> Baca Juga: '), sentence)
      .map(([marker, text]) => `${marker}${text}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('https://minanews.net/a/', 'http://minanews.net/b/', 'javascript:alert(1)'), sentence)
      .map(([url, text]) => `=> ${url} ${text}`),
  },
  { weight: 1, arbitrary: line },
);

const markedText = fc
  .tuple(fc.array(fc.tuple(space, markedLine, space), { minLength: 1, maxLength: 25 }), fc.constantFrom('\n', '\r\n'))
  .map(
    ([lines, eol]) =>
      `---${eol}format: marked${eol}---${eol}${lines.map(([a, text, b]) => `${a}${text}${b}`).join(eol)}`,
  );

/** The words of every part the parser kept, in the order of the text, a promotion's link aside. */
function wordsOfParts(article: Article): string[] {
  return partsOf(article)
    .sort((a, b) => a.span.start - b.span.start)
    .flatMap((part) => part.text.replace(/^https:\/\/\S+/u, '').split(/\s+/u))
    .filter((w) => w !== '');
}

describe('parser properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const result = parseArticle(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('loses and duplicates nothing on any text it accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (raw) => {
        const result = parseArticle(raw);
        if (!result.ok) return;
        expect(coverageFaults(raw, result.article)).toEqual({ missing: [], twice: [] });
        expect(verbatimFaults(raw, result.article)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts generated article texts and covers each non-blank character exactly once', () => {
    fc.assert(
      fc.property(articleText, (raw) => {
        const result = parseArticle(raw);
        if (!result.ok) {
          // The only refusals a generated text can earn: all blank, or no paragraph among the
          // promotions and sign-offs.
          expect(['empty', 'no-paragraphs']).toContain(result.error.code);
          return;
        }
        expect(coverageFaults(raw, result.article)).toEqual({ missing: [], twice: [] });
        expect(verbatimFaults(raw, result.article)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('puts every "Baca Juga" line it is given into the read-also list, in order', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), sentence, (headlines, lead) => {
        const raw = [lead, ...headlines.map((h) => `Baca Juga: ${h}`)].join('\n');
        const result = parseArticle(raw);
        expect(result.ok && result.article.readAlso.map((item) => item.headline)).toEqual(headlines);
      }),
    );
  });

  it('covers every non-blank character of a marked body but its markers exactly once', () => {
    fc.assert(
      fc.property(markedText, (raw) => {
        const result = parseArticle(raw);
        if (!result.ok) {
          expect(['no-paragraphs', 'read-also-empty']).toContain(result.error.code);
          return;
        }
        expect(coverageFaults(raw, result.article, { marked: true })).toEqual({ missing: [], twice: [] });
        expect(verbatimFaults(raw, result.article)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the words of a marked body, markers aside, in order: what markedBodyWords says it holds', () => {
    fc.assert(
      fc.property(markedText, (raw) => {
        const result = parseArticle(raw);
        if (result.ok) expect(wordsOfParts(result.article)).toEqual(markedBodyWords(raw));
      }),
      { numRuns: 1000 },
    );
  });

  it('never gives a promotion a link that is not https:', () => {
    fc.assert(
      fc.property(markedText, (raw) => {
        const result = parseArticle(raw);
        if (!result.ok) return;
        for (const item of result.article.readAlso)
          expect(item.url === null || item.url.startsWith('https://')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
