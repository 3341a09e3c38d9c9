/**
 * `msg` and `str` straight from their @lit/localize modules rather than the package's index:
 * the index also re-exports the runtime that switches languages, which only English pages need
 * (src/i18n/english.ts), and would pull it into every page's script.
 */
export { msg } from '@lit/localize/init/install.js';
export { str } from '@lit/localize/internal/str-tag.js';
// Elements re-render when the English strings arrive (they are defined before, in the same chunk).
export { localized } from '@lit/localize/internal/localized-decorator.js';
