/**
 * The sources' dates as the content store writes them: ISO 8601 with the zone the source gave
 * (`2018-10-14T09:30:00+07:00`, or `Z`). Pure; every function returns null for a date it cannot
 * read, and the importer refuses the item with that reason.
 */

/** An instant with the zone it was written in. */
export interface ZonedTime {
  /** `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`. */
  readonly iso: string;
  /** The date in that zone: the publisher's local date when the zone is theirs. */
  readonly localDate: string;
  /** Milliseconds since the epoch, for comparing. */
  readonly epoch: number;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** RFC 822's named zones (RFC 2822 §4.3 keeps them), in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** Builds a ZonedTime from wall-clock parts and an offset, or null for an impossible date. */
function zoned(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: number,
): ZonedTime | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  if (Math.abs(offset) > 18 * 60) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const localDate = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const time = `${pad(hour)}:${pad(minute)}:${pad(Math.min(second, 59))}`;
  const sign = offset < 0 ? '-' : '+';
  const zone = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return { iso: `${localDate}T${time}${zone}`, localDate, epoch: wall - offset * 60_000 };
}

/**
 * RFC 3339 / ISO 8601 with a zone (Atom's `published`, `updated`; `dc:date`). Fractions of a
 * second are dropped: the store keeps seconds.
 */
export function parseIsoDate(text: string): ZonedTime | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/u.exec(
      text.trim(),
    );
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, z, sign, oh, om] = match;
  const offset = z !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return zoned(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0'), offset);
}

/**
 * WordPress's `date_gmt` / `modified_gmt`: UTC written without a zone (`2018-10-14T02:30:00`).
 * Stored with `Z`.
 */
export function parseWordPressGmt(text: string): ZonedTime | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/u.exec(text.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return zoned(y ?? 0, mo ?? 0, d ?? 0, h ?? 0, mi ?? 0, s ?? 0, 0);
}

/** WordPress's `date`: the site's local time without a zone. Only its date is used. */
export function wordPressLocalDate(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}$/u.exec(text.trim());
  return match?.[1] ?? null;
}

/** RSS's `pubDate`: RFC 822 (`Sun, 14 Oct 2018 09:30:00 +0700`), with the RFC 2822 variations. */
export function parseRfc822Date(text: string): ZonedTime | null {
  const match =
    /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/u.exec(
      text.trim(),
    );
  if (match === null) return null;
  const [, d, monthName = '', y = '', h, mi, s, zone = 'GMT'] = match;
  const month = MONTHS[monthName.toLowerCase()];
  if (month === undefined) return null;
  // Two-digit years (RFC 822): 50–99 are 1900s, else 2000s (RFC 2822 §4.3).
  const year = y.length === 2 ? Number(y) + (Number(y) < 50 ? 2000 : 1900) : Number(y);
  let offset: number | undefined;
  if (/^[+-]\d{4}$/u.test(zone)) {
    offset = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else offset = ZONES[zone.toUpperCase()];
  if (offset === undefined) return null;
  return zoned(year, month, Number(d), Number(h), Number(mi), Number(s ?? '0'), offset);
}

/** A stored ISO time back to its epoch, for comparing with a new one (null if unreadable). */
export function epochOf(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  return parseIsoDate(iso)?.epoch ?? null;
}
