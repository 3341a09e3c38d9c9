import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import { coverageFaults, verbatimFaults } from './spans.js';

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/u);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
const space = fc.constantFrom('', ' ', '  ', '\t', '\u00A0');

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
        fc.constantFrom('Jenewa, MINA', 'Jakarta, 23 Februari 2013 (MINA)', 'Jakarta, 1 Rajab 1434/11 Mei 2013 (MINA)'),
        fc.constantFrom('–', '—', '-'),
        sentence,
      )
      .map(([dateline, dash, rest]) => `${dateline} ${dash} ${rest}`),
  },
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
});
