import { ROOT } from './runtime.js';
import type { Rolldown } from 'vite';

/** The TypeScript source of the before-first-paint script. */
export const FIRST_PAINT_ENTRY = 'src/settings/first-paint.ts';

/**
 * The before-first-paint script, bundled from its TypeScript source into one minified IIFE for
 * the inline `<script>` of every page; the CSP hash is taken from this same string.
 *
 * Built with Vite's own `build()` (Rolldown bundling, Oxc minifying) rather than a new tool:
 * Vite already builds the app's script and is a direct dependency, so the inline script goes
 * through the same bundler and minifier, and tree-shaking keeps only the few functions it
 * imports. ES2020 syntax (`??`, `?.`): older than the app's ES2022, and a browser that cannot
 * even parse it simply paints the page as served, with the default settings.
 */
export async function firstPaintScript(): Promise<string> {
  // Loaded only here, when the script is made again: Vite takes most of a second to load, and a
  // build whose sources did not change takes the script from the cache.
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      emptyOutDir: false,
      minify: true,
      target: 'es2020',
      lib: { entry: FIRST_PAINT_ENTRY, formats: ['iife'], name: 'wartaFirstPaint' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunks = results
    .flatMap((result) => ('output' in result ? result.output : []))
    .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  const [chunk] = chunks;
  if (chunks.length !== 1 || chunk === undefined) throw new Error(`${FIRST_PAINT_ENTRY} did not build into one script`);
  const code = chunk.code.trim();
  // Inlined between <script> and </script>: it must not end the element early.
  if (/<\/script/iu.test(code)) throw new Error(`${FIRST_PAINT_ENTRY} built into a script that contains </script`);
  return code;
}
