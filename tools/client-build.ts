import { readFileSync } from 'node:fs';
import type { Plugin, UserConfig } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import type { Locale } from '../src/routes.js';
import { compileStrings } from './compile-strings.js';

/** Modules only some pages need: left out of the one first-paint script. */
const LAZY =
  /[\\/]src[\\/](templates[\\/](?!format\.)|components[\\/]warta-(library|settings-panel|listen)|app[\\/](offline-page|listen[\\/]))/u;

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The browser script in one UI language, its strings compiled in (tools/compile-strings.ts):
 * Indonesian is the main build (vite.config.ts), English a second build of the same source that
 * the main one runs and adds to the site (tools/vite-plugin-warta.ts). Both share this config, so
 * the two scripts differ only in their strings.
 */
export function clientBuild(locale: Locale): UserConfig {
  // English files carry an `en-` prefix: how the service worker tells a reader's language's files
  // from the other's (src/sw/app-files.ts).
  const names = locale === 'en' ? 'assets/en-[name]-[hash].js' : 'assets/[name]-[hash].js';
  return {
    define: {
      // One version for the page and the service worker, carried by the build (WARTA_VERSION
      // overrides it, e.g. for the tests that deploy a second build).
      __WARTA_VERSION__: JSON.stringify(process.env['WARTA_VERSION'] ?? version),
      __WARTA_UI_LOCALE__: JSON.stringify(locale),
    },
    build: {
      target: 'es2022',
      // The prerendered pages inline their CSS (by hash); nothing may become a data: URL the
      // policy would refuse.
      assetsInlineLimit: 0,
      // No preload helper: the few split chunks are small and fetched on demand, and a failed
      // fetch is handled where the import is made (src/app/lazy.ts).
      modulePreload: false,
      rolldownOptions: {
        output: {
          entryFileNames: names,
          chunkFileNames: names,
          // Everything the first paint's script needs goes in one file (one request on a 2G
          // link); only what some pages need is split off and loaded on demand.
          codeSplitting: {
            groups: [
              {
                name: 'app',
                test: (id: string) => !LAZY.test(id),
              },
            ],
          },
        },
      },
    },
    plugins: [
      noPreloadHelper(),
      compileStrings(locale),
      // Lit's templates and styles are template literals: minify their HTML and CSS (the Lit
      // team's plugin), a few kilobytes of the 20 KB JavaScript budget.
      { ...minifyHtmlLiterals(), apply: 'build' },
    ],
  };
}

/**
 * Vite wraps every import() in a preload helper even with `modulePreload: false`
 * (vitejs/vite#18551): some 1.7 KB of script, 640 B gzipped, of the first visit's 20 KB, that
 * would only add <link> tags Warta turned off. With no CSS in any chunk there is nothing for it to
 * do, so the helper just calls the import. A failed import still rejects, and src/app/lazy.ts
 * handles it.
 */
function noPreloadHelper(): Plugin {
  return {
    name: 'warta-no-preload-helper',
    enforce: 'pre',
    apply: 'build',
    load(id: string) {
      return id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : null;
    },
  };
}
