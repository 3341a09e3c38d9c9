import type { Locale } from '../routes.js';

/**
 * The UI language. Indonesian is the source locale of every `msg()` string, which needs no
 * runtime to show it; switching to English (src/i18n/english.ts, with @lit/localize's runtime
 * and src/locales/en.ts built from xliff/en.xlf) is loaded only where English is used: the
 * build's English pages and, in the browser, pages with `<html lang="en">`.
 */
let current: Locale = 'id';

export function uiLocale(): Locale {
  return current;
}

/** Records the language `msg()` now speaks; called only by src/i18n/english.ts. */
export function noteUiLocale(locale: Locale): void {
  current = locale;
}
