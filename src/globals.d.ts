/** The app's version, set by the build (tools/client-build.ts `define`): one value for page and service worker. */
declare const __WARTA_VERSION__: string;

/** The UI language this build of the browser script speaks (tools/client-build.ts). */
declare const __WARTA_UI_LOCALE__: import('./routes.js').Locale;
