import { defineConfig } from 'vite';
import { warta } from './tools/vite-plugin-warta.js';

export default defineConfig({
  // public/_headers is a template the plugin fills with the build's CSP; it is emitted, not copied.
  publicDir: 'public',
  build: {
    target: 'es2022',
    // The prerendered pages inline their CSS (by hash); nothing may become a data: URL the
    // policy would refuse.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  plugins: [warta()],
});
