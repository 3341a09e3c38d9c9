import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/content/utf8.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const text = (value: string): number[] => [...new TextEncoder().encode(value)];

describe('strict UTF-8 decoding', () => {
  it('decodes valid text, curly apostrophes and dashes included', () => {
    expect(decodeUtf8(new TextEncoder().encode('Mi’raj – ok'))).toEqual({ ok: true, text: 'Mi’raj – ok' });
  });

  it.each([
    ['a Latin-1 byte', [...text('satu\ndua\nJenewa '), 0xe9], 3, '0xE9'],
    ['a stray continuation byte', [...text('a\n'), 0x80], 2, '0x80'],
    ['an overlong encoding', [0xc0, 0xaf], 1, '0xC0'],
    ['an encoded surrogate', [...text('x\ny\nz\n'), 0xed, 0xa0, 0x80], 4, '0xED'],
    ['a truncated sequence at the end', [...text('ok '), 0xe2, 0x80], 1, '0xE2'],
  ])('rejects %s and names its line', (_name, values, line, hex) => {
    const result = decodeUtf8(bytes(...values));
    expect(result).toMatchObject({ ok: false, line });
    expect(result.ok ? '' : result.message).toContain(hex);
  });
});
