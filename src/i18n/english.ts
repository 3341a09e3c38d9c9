import { configureLocalization } from '@lit/localize/init/runtime.js';
import type { Locale } from '../routes.js';
import { noteUiLocale } from './locale.js';
import { sourceLocale, targetLocales } from './locale-codes.js';

// For the build-time prerender only (tools/build.ts), which renders every page in each
// language with @lit/localize's runtime and src/locales/en.ts (from xliff/en.xlf). The browser
// script never loads this: each language's build has its strings compiled in.
const { setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: () => import('../locales/en.js'),
});

/** Switches every later `msg()` (and date and number formatting) to `locale`. */
export async function useLocale(locale: Locale): Promise<void> {
  await setLocale(locale);
  noteUiLocale(locale);
}
