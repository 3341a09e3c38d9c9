import { configureLocalization } from '@lit/localize/init/runtime.js';
import type { Locale } from '../routes.js';
import { noteUiLocale } from './locale.js';
import { sourceLocale, targetLocales } from './locale-codes.js';

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
