/**
 * `msg` and `str` straight from their @lit/localize modules rather than the package's index,
 * which also re-exports the runtime that switches languages. In the browser script every call is
 * compiled to its text at build time (tools/compile-strings.ts); only the build-time prerender
 * runs them, with src/i18n/english.ts switching to English.
 */
export { msg } from '@lit/localize/init/install.js';
export { str } from '@lit/localize/internal/str-tag.js';
