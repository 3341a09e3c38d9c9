import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { VitePWA } from 'vite-plugin-pwa';
import { warta } from './tools/vite-plugin-warta.js';

/** Modules only some pages (or the English UI) need: left out of the one first-paint script. */
const LAZY =
  /[\\/]@lit[\\/]localize[\\/](lit-localize|init[\\/]runtime|internal[\\/](runtime-msg|fnv1a64|deferred|id-generation))\.|[\\/]src[\\/](locales[\\/]|i18n[\\/]english\.|templates[\\/](?!format\.)|components[\\/]warta-(library|settings-panel)|app[\\/]offline-page)/u;

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: {
    // One version for the page and the service worker, carried by the build (WARTA_VERSION
    // overrides it, e.g. for the tests that deploy a second build).
    __WARTA_VERSION__: JSON.stringify(process.env['WARTA_VERSION'] ?? version),
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
        // Everything the first paint's script needs goes in one file (one request on a 2G link);
        // only what some pages or the English UI need is split off and loaded on demand.
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
    {
      // Vite wraps every import() in a preload helper even with `modulePreload: false`
      // (vitejs/vite#18551): some 1.7 KB of script, 640 B gzipped, of the first visit's 20 KB,
      // that would only add <link> tags Warta turned off. With no CSS in any chunk there is
      // nothing for it to do, so the helper just calls the import. A failed import still
      // rejects, and src/app/lazy.ts handles it.
      name: 'warta-no-preload-helper',
      enforce: 'pre',
      apply: 'build',
      load(id: string) {
        return id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : null;
      },
    },
    // Lit's templates and styles are template literals: minify their HTML and CSS (the Lit team's
    // plugin), a few kilobytes of the 20 KB JavaScript budget.
    { ...minifyHtmlLiterals(), apply: 'build' },
    warta(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The reader decides when a new version takes over (src/app/updates.ts registers it).
      registerType: 'prompt',
      injectRegister: false,
      // manifest.webmanifest at the top level is the single source; the warta plugin emits it.
      manifest: false,
      injectManifest: {
        // The app, not the articles: IndexedDB holds those.
        globPatterns: [
          'index.html',
          'offline/index.html',
          'tersimpan/index.html',
          'glosarium/index.html',
          // English: the offline shell only; its other app pages are cached when first visited
          // (src/sw/sw.ts), so Indonesian readers do not download them.
          'en/offline/index.html',
          'assets/*.js',
          'manifest.webmanifest',
        ],
      },
    }),
  ],
});
