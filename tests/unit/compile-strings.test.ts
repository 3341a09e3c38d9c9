import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringCompiler } from '../../tools/compile-strings.js';

// A component with plain, parametrised (`str`) and template strings.
const FILE = resolve('src/components/warta-reader.ts');
const source = readFileSync(FILE, 'utf8');

describe('the browser script’s strings, compiled in at build time', () => {
  const english = stringCompiler('en');
  const indonesian = stringCompiler('id');

  it('replace every msg() call with the English text in the English build', () => {
    const compiled = english(FILE, source) ?? '';
    expect(source).toMatch(/msg\(/u);
    expect(compiled).not.toMatch(/\bmsg\(|\bstr`/u);
    expect(compiled).toContain('Continuing from paragraph');
    expect(compiled).not.toContain('`Melanjutkan dari paragraf ${');
  });

  it('keep the Indonesian source text in the Indonesian build, without the runtime', () => {
    const compiled = indonesian(FILE, source) ?? '';
    expect(compiled).not.toMatch(/\bmsg\(|\bstr`/u);
    expect(compiled).toContain('`Melanjutkan dari paragraf ${');
  });

  it('leave files outside the browser source alone', () => {
    expect(english(resolve('tools/serve.ts'), '')).toBeNull();
  });

  it('refuse a file whose text changed after the build read it', () => {
    expect(() => english(FILE, `${source}\n// edited`)).toThrow(/changed during the build/u);
  });
});
