/** The app's version, set by the build (vite.config.ts `define`): one value for page and service worker. */
declare const __WARTA_VERSION__: string;
