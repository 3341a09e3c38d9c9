import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules as eslint.config.js resolves them for a real file of each layer, run on
 * made-up text by a plain Linter: the type-aware rules would read the file on disk instead of the
 * text, so only the two rules that carry the layers are applied.
 */
const eslint = new ESLint();
const LAYER_RULE_IDS = ['no-restricted-imports', 'no-restricted-syntax'] as const;

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(filePath)) as { rules?: Record<string, Linter.RuleEntry> };
  const rules = Object.fromEntries(
    LAYER_RULE_IDS.flatMap((id) => {
      const entry = config.rules?.[id];
      return entry === undefined ? [] : [[id, entry]];
    }),
  );
  const messages = new Linter().verify(code, {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules,
  });
  return messages.map((message) => message.message);
}

function importErrors(filePath: string, specifier: string): Promise<string[]> {
  return layerErrors(filePath, `import { x } from '${specifier}';\nexport const y = x;\n`);
}

describe('the layer rule', { timeout: 60_000 }, () => {
  it.each([
    ['src/templates/page.ts', '../app/install.js'],
    ['src/templates/offline.ts', '../data/db.js'],
    ['src/app/updates.ts', '../components/warta-update-prompt.js'],
    ['src/content/types.ts', '../data/db.js'],
    ['src/data/db.ts', '../templates/article.js'],
    ['src/sw/sw.ts', '../app/net.js'],
    ['src/routes.ts', './app/start.js'],
  ])('refuses %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([expect.stringContaining('must not import')]);
  });

  it.each([
    ['src/templates/page.ts', '../routes.js'],
    ['src/templates/offline.ts', '../content/types.js'],
    ['src/app/start.ts', '../data/db.js'],
    ['src/components/warta-reader.ts', '../app/announcer.js'],
    ['src/sw/sw.ts', '../data/db.js'],
    ['src/main.ts', './components/warta-library.js'],
  ])('allows %s importing %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });

  it('refuses a lazy import() of a higher layer too', async () => {
    const code = "export const part = import('../components/warta-library.js');\n";
    expect(await layerErrors('src/app/start.ts', code)).toEqual([expect.stringContaining('must not import')]);
  });
});
