import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { clientBuild } from './tools/client-build.js';
import { warta } from './tools/vite-plugin-warta.js';

// The Indonesian script and the site: every page in both languages (the warta plugin, which
// also builds the English script), and the service worker.
const client = clientBuild('id');

export default defineConfig({
  ...client,
  plugins: [
    ...(client.plugins ?? []),
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
          // Each language's script (English ones are en-…): a reader keeps only their language's.
          'assets/*.js',
          'manifest.webmanifest',
        ],
      },
    }),
  ],
});
