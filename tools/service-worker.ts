import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './runtime.js';
import type { Rolldown } from 'vite';
import type { AppManifest } from '../src/sw/app-files.js';
import { CACHE_DIR, cachedFolder } from './cache.js';

const ENTRY = 'src/sw/sw.ts';
/** The constant src/sw/sw.ts reads the app's files from, left free in the cached bundle. */
const PLACEHOLDER = '__WARTA_APP__';
const FILE = 'sw.js';
/**
 * The same worker built without its share of sync (`__WARTA_SYNC__` false): not served, only
 * measured, so the budget knows what sync adds to a first visit (tools/budgets.ts).
 */
const WITHOUT_SYNC = 'sw-without-sync.js';

/**
 * The service worker, `sw.js`: src/sw/sw.ts bundled into one minified file, with the app's files
 * as the build resolved them from the registry (src/sw/app-files.ts) in place of the constant
 * `__WARTA_APP__`. A plain Vite build: nothing globs the output for the list, and no Workbox code
 * is bundled.
 *
 * The bundle is built once per `key` (a hash of the worker's sources) with the constant left as
 * it is, and kept in the cache (tools/cache.ts); each build writes the app's files into it as a
 * literal. The app's files change with every new article (home's revision), and a Vite build,
 * with Vite to load, would cost a publish about a second.
 */
export async function serviceWorkerScript(
  app: AppManifest,
  key: string,
  cacheDir = CACHE_DIR,
): Promise<{ readonly script: string; readonly withoutSync: string }> {
  const { dir } = await cachedFolder(
    'service-worker',
    key,
    async (making) => {
      await writeFile(join(making, FILE), await bundle(true));
      await writeFile(join(making, WITHOUT_SYNC), await bundle(false));
    },
    cacheDir,
  );
  const fill = async (file: string): Promise<string> => {
    const parts = (await readFile(join(dir, file), 'utf8')).split(PLACEHOLDER);
    if (parts.length !== 2) throw new Error(`${ENTRY} must read ${PLACEHOLDER} exactly once, as its bundle has it`);
    return parts.join(literal(app));
  };
  return { script: await fill(FILE), withoutSync: await fill(WITHOUT_SYNC) };
}

async function bundle(sync: boolean): Promise<string> {
  // Loaded only here: Vite takes most of a second to load.
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { __WARTA_SYNC__: String(sync) },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      rolldownOptions: {
        input: ENTRY,
        output: { entryFileNames: FILE, codeSplitting: false },
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunks = results
    .flatMap((result) => ('output' in result ? result.output : []))
    .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  const [chunk] = chunks;
  if (chunks.length !== 1 || chunk === undefined) throw new Error(`${ENTRY} did not build into one script`);
  return chunk.code;
}

/**
 * Plain data as a JavaScript expression, as the minifier writes it (so sw.js is byte for byte what
 * a bundle with the data in it was): names of properties bare, strings in backticks where nothing
 * in them needs escaping (else as JSON writes them, which JavaScript reads the same), `!0` and
 * `!1` for booleans.
 */
export function literal(value: unknown): string {
  if (typeof value === 'string') return /^[^`\\$\p{Cc}]*$/u.test(value) ? `\`${value}\`` : JSON.stringify(value);
  if (value === null || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '!0' : '!1';
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    const name = (key: string): string => (/^[A-Za-z_$][\w$]*$/u.test(key) ? key : JSON.stringify(key));
    return `{${entries.map(([key, item]) => `${name(key)}:${literal(item)}`).join(',')}}`;
  }
  throw new Error(`cannot write ${typeof value} as a literal`);
}
