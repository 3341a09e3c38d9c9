/**
 * Times as the content store writes them: ISO 8601 with their zone (`2018-10-14T09:30:00+07:00`,
 * `2018-10-14T02:30:00Z`). Pure: no clock.
 */

const ZONED_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/u;

/** Why a front-matter time is not one, or null when it is. */
export function zonedTimeProblem(value: string): string | null {
  const match = ZONED_TIME.exec(value);
  if (match === null) {
    return /^\d{4}-\d{2}-\d{2}T[\d:.]+$/u.test(value)
      ? `"${value}" has no time zone: write it with its offset (${value}+07:00) or in UTC (${value}Z)`
      : `"${value}" is not a time written like 2018-10-14T09:30:00+07:00 or 2018-10-14T02:30:00Z`;
  }
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '0', , offsetHours = '0', offsetMinutes = '0'] =
    match;
  if (!isCalendarDate(`${year}-${month}-${day}`)) return `"${value}" names a day that does not exist`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return `"${value}" names a time that does not exist`;
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return `"${value}" has a zone offset beyond ±14:00`;
  return null;
}

/** True for YYYY-MM-DD strings naming a day that exists (no 2020-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The calendar date of a zoned time where it was written: the date as written for an offset,
 * and the date in `timeZone` (the publisher's) for a time given in UTC.
 */
export function localDate(time: string, timeZone: string): string {
  if (!time.endsWith('Z')) return time.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(time),
  );
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
