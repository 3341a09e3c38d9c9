import { uiLocale } from '../i18n/locale.js';

/**
 * Date wording shared by the build-time templates and the elements that refresh it in the
 * browser, so both always say the same thing the same way. Pure: the clock is a parameter.
 */

/**
 * Formatters by language: making one costs about a tenth of a millisecond, which the build would
 * pay for every date on hundreds of thousands of pages.
 */
const dateFormats: Record<string, Intl.DateTimeFormat> = {};
const ageFormats: Record<string, Intl.RelativeTimeFormat> = {};

/** "Sabtu, 31 Oktober 2020" for 2020-10-31: the date as written, never shifted by a time zone. */
export function formatDate(isoDate: string, locale: string = uiLocale()): string {
  const format = (dateFormats[locale] ??= new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }));
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Whole calendar years from `isoDate` to `now`; 0 within the first year. */
export function yearsSince(isoDate: string, now: Date): number {
  const then = new Date(`${isoDate}T00:00:00Z`);
  let years = now.getUTCFullYear() - then.getUTCFullYear();
  const beforeAnniversary =
    now.getUTCMonth() < then.getUTCMonth() ||
    (now.getUTCMonth() === then.getUTCMonth() && now.getUTCDate() < then.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return Math.max(0, years);
}

/**
 * "6 tahun yang lalu", or "kurang dari setahun…" wording from Intl for recent dates; null for
 * a value that is not a YYYY-MM-DD date, so callers can keep what they had.
 */
export function relativeAge(isoDate: string, now: Date, locale: string = uiLocale()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(isoDate) || Number.isNaN(Date.parse(isoDate))) return null;
  const format = (ageFormats[locale] ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const years = yearsSince(isoDate, now);
  if (years >= 1) return format.format(-years, 'year');
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000));
  return days >= 30 ? format.format(-Math.floor(days / 30), 'month') : format.format(-days, 'day');
}

/** "4,2 kB", "1,2 GB": sizes as the reader's locale writes them. */
export function formatBytes(bytes: number, locale: string = uiLocale()): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** "24 November 2026 pukul 23.10": when something was saved, in the reader's time zone. */
export function formatDateTime(epochMs: number, locale: string = uiLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(epochMs));
}
