import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rule of eslint.config.js, run on made-up text in place of real files of each layer
 * (real paths, so the type-aware rules find them in a tsconfig). Only that rule's messages count.
 */
const eslint = new ESLint();

const LAYER_RULE_IDS = new Set(['no-restricted-imports', 'no-restricted-syntax']);

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => LAYER_RULE_IDS.has(m.ruleId ?? '')).map((m) => m.message);
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
