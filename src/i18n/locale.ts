import type { Locale } from '../routes.js';

/**
 * The UI language, for addresses and date and number formats (the strings themselves come from
 * `msg()`). In the browser it is the language the script was built in (src/main.ts); at build
 * time the prerender switches it with the strings (src/i18n/english.ts).
 */
let current: Locale = 'id';

export function uiLocale(): Locale {
  return current;
}

/** Records the language `msg()` now speaks: once in the browser, per language at build time. */
export function noteUiLocale(locale: Locale): void {
  current = locale;
}
