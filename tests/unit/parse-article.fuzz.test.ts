import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/content/lines.js';
import { parseArticle } from '../../src/content/parse-article.js';
import { HOSTILE_LINES } from './hostile-content.js';
import { coverageFaults, verbatimFaults } from './spans.js';

/** `npm test` runs a few thousand cases; `npm run fuzz` sets FUZZ_RUNS much higher. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);
const SEED_LINES = readFileSync('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8').split('\n');
const CODES = new Set([
  'empty',
  'binary',
  'bidi-control',
  'too-long',
  'invalid-utf8',
  'front-matter-unclosed',
  'front-matter-malformed',
  'read-also-empty',
  'no-paragraphs',
]);

const anyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  fc.constantFrom('\n', '\r\n', '\r', '\u202E', '\u200B', '\uFEFF', '—', '–', '-', ':', '(', ')', '/', '’', '---'),
);

/** One edit a careless (or hostile) publisher, editor or transfer might make. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: anyChar }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('hostile-line' as const), at: fc.nat(), line: fc.constantFrom(...HOSTILE_LINES) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('line-ends' as const), eol: fc.constantFrom('\r\n', '\r', '\n\n') }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, edit: Mutation): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'duplicate-line': {
      const at = edit.at % lines.length;
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = edit.a % lines.length;
      const b = edit.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'hostile-line': {
      lines.splice(edit.at % (lines.length + 1), 0, edit.line);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, edit.at % (text.length + 1));
    case 'line-ends':
      return text.replaceAll('\n', edit.eol);
  }
}

const mutatedSeed = fc
  .array(mutation, { minLength: 1, maxLength: 8 })
  .map((edits) => edits.reduce(apply, SEED_LINES.join('\n')));

function checkAnswer(raw: string): void {
  const result = parseArticle(raw);
  if (result.ok) {
    expect(coverageFaults(raw, result.article)).toEqual({ missing: [], twice: [] });
    expect(verbatimFaults(raw, result.article)).toEqual([]);
    return;
  }
  expect(CODES.has(result.error.code)).toBe(true);
  expect(result.error.message.length).toBeGreaterThan(10);
  expect(result.error.line).toBeGreaterThanOrEqual(1);
  expect(result.error.line).toBeLessThanOrEqual(Math.max(1, splitLines(raw).length));
}

describe('parser fuzzing', () => {
  it(`answers every mutated seed with a faithful article or a located error (${RUNS} cases)`, () => {
    fc.assert(fc.property(mutatedSeed, checkAnswer), { numRuns: RUNS });
  });

  it(`answers random text built from article-like pieces the same way (${RUNS} cases)`, () => {
    const pieces = fc.constantFrom(...SEED_LINES, ...HOSTILE_LINES, '---', 'title: X', 'Baca Juga:', '', '(T/Hju/P2)');
    const text = fc
      .array(fc.oneof(pieces, anyChar), { maxLength: 30 })
      .chain((parts) => fc.constantFrom('\n', '\r\n').map((eol) => parts.join(eol)));
    fc.assert(fc.property(text, checkAnswer), { numRuns: RUNS });
  });
});
