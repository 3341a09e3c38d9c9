import { ROOT } from './runtime.js';
import type { InlineConfig, Plugin } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import type { Locale } from '../src/routes.js';
import { ENTRY } from '../src/sw/app-files.js';
import { compileStrings } from './compile-strings.js';

/**
 * The browser script in one UI language, its strings compiled in (tools/compile-strings.ts),
 * written with Vite's manifest (`.vite/manifest.json`) to `outDir`. Both languages share this
 * config, so the two scripts differ only in their strings; tools/build.ts builds both and reads
 * what it built from the manifests.
 */
export function clientBuild(locale: Locale, version: string, outDir: string): InlineConfig {
  // English files carry an `en-` prefix, so the two languages' files never share a name.
  const names = locale === 'en' ? 'assets/en-[name]-[hash].js' : 'assets/[name]-[hash].js';
  const entry = entryGraph();
  return {
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    // Always the production build, whatever NODE_ENV says: under Vitest (NODE_ENV=test) Vite would
    // resolve packages' `development` exports (Lit's dev mode, 4 KB more gzipped), and the script
    // cache, shared with `npm run build`, would then hand those to the site.
    mode: 'production',
    resolve: { conditions: ['module', 'browser', 'production'] },
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      // One version for the page and the service worker, carried by the build (WARTA_VERSION
      // overrides it, e.g. for the tests that deploy a second build).
      __WARTA_VERSION__: JSON.stringify(version),
      __WARTA_UI_LOCALE__: JSON.stringify(locale),
    },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      // The prerendered pages inline their CSS (by hash); nothing may become a data: URL the
      // policy would refuse.
      assetsInlineLimit: 0,
      // No preload helper: the few split chunks are small and fetched on demand, and a failed
      // fetch is handled where the import is made (src/app/lazy.ts).
      modulePreload: false,
      rolldownOptions: {
        input: { index: ENTRY },
        // Vite would print which plugins took longest (the string compiler's TypeScript program):
        // the build prints its own stage times.
        checks: { pluginTimings: false },
        output: {
          entryFileNames: names,
          chunkFileNames: names,
          // Everything the entry imports statically goes in its one file (one request on a 2G
          // link); each part loaded with import() (PARTS, src/sw/app-files.ts) gets a file of
          // its own with what only it needs.
          codeSplitting: { groups: [{ name: 'app', test: entry.imports }] },
        },
      },
    },
    plugins: [
      entry.plugin,
      noPreloadHelper(),
      compileStrings(locale),
      // Lit's templates and styles are template literals: minify their HTML and CSS (the Lit
      // team's plugin), a few kilobytes of the 20 KB JavaScript budget.
      { ...minifyHtmlLiterals(), apply: 'build' },
    ],
  };
}

/**
 * Which modules the entry imports statically, directly or not: the module graph as the bundler
 * parsed it, walked from the entry along static imports only. A module the graph does not know
 * (the bundler's own runtime) goes with the entry too.
 */
function entryGraph(): { plugin: Plugin; imports: (id: string) => boolean } {
  const graph = new Map<string, readonly string[]>();
  const entries: string[] = [];
  let reached: Set<string> | undefined;
  return {
    plugin: {
      name: 'warta-entry-graph',
      apply: 'build',
      moduleParsed(info) {
        graph.set(info.id, info.importedIds);
        if (info.isEntry) entries.push(info.id);
      },
    },
    // Chunks are made once every module is parsed, so the walk is done once, at the first call.
    imports(id) {
      if (reached === undefined) {
        const found = new Set<string>();
        const queue = [...entries];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
          if (found.has(next)) continue;
          found.add(next);
          queue.push(...(graph.get(next) ?? []));
        }
        reached = found;
      }
      return reached.has(id) || !graph.has(id);
    },
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
