import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringCompiler } from '../../tools/compile-strings.js';

// A component with plain, parametrised (`str`) and template strings.
const FILE = resolve('src/components/warta-reader.ts');
const source = readFileSync(FILE, 'utf8');

/** Every browser source file that imports msg (src/i18n/msg.ts only passes it on). */
function filesWithStrings(): string[] {
  return readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => resolve(entry.parentPath, entry.name))
    .filter((file) => /^import \{[^}]*\bmsg\b[^}]*\} from '[./]*\/i18n\/msg\.js';$/mu.test(readFileSync(file, 'utf8')));
}

/** The strings whose English translation reads the same (xliff/en.xlf): "Offline", say. */
const SAME_IN_ENGLISH = new Set(
  [...readFileSync('xliff/en.xlf', 'utf8').matchAll(/<source>([^<]*)<\/source>\s*<target>\1<\/target>/gu)].map(
    (match) => match[1],
  ),
);

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

  it('compile every file that has strings, into English text wherever the translation differs', () => {
    const files = filesWithStrings();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const [en, id] = [english(file, text), indonesian(file, text)];
      expect(en, `${file} is not in the program`).not.toBeNull();
      expect(en, file).not.toMatch(/\bmsg\(|\bstr`/u);
      expect(id, file).not.toMatch(/\bmsg\(|\bstr`/u);
      if (en !== id) continue;
      // Compiled alike: only right when every string of the file reads the same in English.
      const strings = [...text.matchAll(/\bmsg\('([^']*)'/gu)].map((match) => match[1]);
      expect(
        strings.filter((string) => !SAME_IN_ENGLISH.has(string)),
        `${file} kept its Indonesian`,
      ).toEqual([]);
    }
  });

  it('run on the project’s one TypeScript, found as Node finds @lit/localize-tools’ own', () => {
    const project = createRequire(import.meta.url);
    const tools = createRequire(dirname(project.resolve('@lit/localize-tools/package.json')) + '/');
    expect(tools.resolve('typescript')).toBe(project.resolve('typescript'));
  });

  it('leave files outside the browser source alone', () => {
    expect(english(resolve('tools/serve.ts'), '')).toBeNull();
  });

  it('refuse a file whose text changed after the build read it', () => {
    expect(() => english(FILE, `${source}\n// edited`)).toThrow(/changed during the build/u);
  });
});
