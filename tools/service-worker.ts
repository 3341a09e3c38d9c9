import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type { AppManifest } from '../src/sw/app-files.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'src/sw/sw.ts';

/**
 * The service worker, `sw.js`: src/sw/sw.ts bundled into one minified file, with the app's files
 * as the build resolved them from the registry (src/sw/app-files.ts) in place of the constant
 * `__WARTA_APP__`. A plain Vite build: nothing globs the output for the list, and no Workbox code
 * is bundled.
 */
export async function serviceWorkerScript(app: AppManifest): Promise<string> {
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { __WARTA_APP__: JSON.stringify(app) },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      rolldownOptions: {
        input: ENTRY,
        output: { entryFileNames: 'sw.js', codeSplitting: false },
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
