import type { Line } from './lines.js';
import type { PublisherProfile } from './profiles/index.js';
import type { Dateline } from './types.js';

/**
 * Datelines, in the forms real pages use:
 *   "Jenewa, MINA –", "Jakarta, 23 Februari 2013 (MINA) –", "Jakarta, 12 Rabiul Akhir 1434/23
 *   Februari 2013 (MINA) —", "Cikarang, Kab. Bekasi, MINA –", "Bekasi, Cikarang, 5 Safar 1440/
 *   14 Oktober 2018 (MINA) –", "JAKARTA, October 14, 2018 (MINA) –", "MINA –", "Bandung –", and
 *   "Jakarta, 14 Oktober 2018 (MINA)" with no dash before the lead.
 * A line is read as places, then a date, then the agency, then a dash; each part is checked, so
 * a lead that merely contains a dash ("Nagorno-Karabakh, wilayah sengketa - kata dia") is not one.
 */

/** The head before the first dash that white space follows: a hyphen inside a word never counts. */
const DASHED = /^(?<head>[^\n]{1,160}?)\s*(?:–|—|--?)(?=\s|$)/u;
/** The same with an en or em dash that the lead follows at once: "Jakarta, MINA–Para petani …". */
const DASHED_TIGHT = /^(?<head>[^\n]{1,160}?)\s*(?<tight>[–—])(?=[\p{L}\d"“‘'])/u;
/** A head ending in an agency in brackets, with no dash: "Jakarta, 14 Oktober 2018 (MINA) Pemerintah …". */
const BRACKETED = /^(?<head>[^\n]{1,160}?\((?<agency>\p{Lu}{2,})\))(?=\s+["“‘'\p{Lu}\d])/u;
const ACRONYM_IN_BRACKETS = /\s*\((?<acronym>\p{Lu}{2,})\)$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;
/** A word of a place name: capitalised ("Kab.", "Nagorno-Karabakh", "JAKARTA"), or a particle of one. */
const PLACE_WORD = /^(?:\p{Lu}[\p{L}\p{M}.'’-]*|al-[\p{L}\p{M}'’-]+|(?:al|el|de|da|van|von|bin|binti|ad|as))$/u;
const MAX_PLACE_WORDS = 4;
const MAX_PLACES = 4;

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  january: 1,
  februari: 2,
  pebruari: 2,
  february: 2,
  maret: 3,
  march: 3,
  april: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  juli: 7,
  july: 7,
  agustus: 8,
  august: 8,
  september: 9,
  oktober: 10,
  october: 10,
  november: 11,
  nopember: 11,
  desember: 12,
  december: 12,
};

interface Head {
  readonly place: string;
  readonly agency: string;
  readonly dateText: string | null;
}

/** The dateline at the start of a line, or null. */
export function readDateline(line: Line, profile: PublisherProfile): Dateline | null {
  for (const dashed of [DASHED.exec(line.text), DASHED_TIGHT.exec(line.text)]) {
    const dashedHead = dashed?.groups?.['head'];
    if (dashed === null || dashedHead === undefined) continue;
    const head = readHead(dashedHead.trim(), profile, true);
    // Without a space after the dash ("MINA–Para"), only an agency tells a dateline from a word.
    if (head !== null && (dashed.groups?.['tight'] === undefined || head.agency !== '')) return dateline(line, dashed[0], head);
  }
  for (const undashed of [BRACKETED.exec(line.text), bareAgency(profile).exec(line.text)]) {
    const undashedHead = undashed?.groups?.['head'];
    if (undashed === null || undashedHead === undefined) continue;
    const head = readHead(undashedHead, profile, false);
    if (head !== null) return dateline(line, undashed[0], head);
  }
  return null;
}

/** A head ending in one of the profile's agency names, with no dash: "Jakarta, MINA Pemerintah …". */
function bareAgency(profile: PublisherProfile): RegExp {
  const names = profile.agencies.map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');
  return new RegExp(`^(?<head>[^\\n,]{1,80}(?:,[^\\n,]{1,80}){0,2},\\s*(?:${names}))(?=\\s+["“‘'\\p{Lu}\\d])`, 'u');
}

/** True when a whole line is nothing but a dateline, dash or not: never a heading. */
export function isDatelineOnly(text: string, profile: PublisherProfile): boolean {
  const head = text.replace(/\s*(?:–|—|--?)$/u, '');
  return readHead(head, profile, head !== text) !== null;
}

function dateline(line: Line, text: string, head: Head): Dateline {
  return {
    text,
    span: { start: line.start, end: line.start + text.length, line: line.number },
    ...head,
    isoDate: head.dateText === null ? null : gregorianDate(head.dateText),
  };
}

/**
 * Reads "places, date (AGENCY)" / "places, AGENCY" / "AGENCY" / "place". `dashed` says a dash
 * followed: without one, only the profile's own agency names make a dateline.
 */
function readHead(head: string, profile: PublisherProfile, dashed: boolean): Head | null {
  const known = (name: string): boolean => profile.agencies.includes(name);
  let rest = head;
  let agency = '';
  const bracketed = ACRONYM_IN_BRACKETS.exec(rest);
  if (bracketed?.groups?.['acronym'] !== undefined) {
    agency = bracketed.groups['acronym'];
    rest = rest.slice(0, bracketed.index);
    // "Mi’raj News Agency (MINA)": the name before the acronym is part of the agency.
    const name = profile.agencies.find((candidate) => candidate.length > 4 && rest.endsWith(candidate));
    if (name !== undefined) rest = rest.slice(0, rest.length - name.length);
  } else {
    const comma = rest.lastIndexOf(',');
    const last = rest.slice(comma + 1).trim();
    if (known(last) || (dashed && comma !== -1 && ACRONYM.test(last))) {
      agency = last;
      rest = comma === -1 ? '' : rest.slice(0, comma);
    }
  }
  rest = rest.trim().replace(/,$/u, '').trim();
  if (!dashed && !known(agency)) return null;
  if (rest === '') return agency !== '' && known(agency) ? { place: '', agency, dateText: null } : null;

  const segments = rest.split(',').map((segment) => segment.trim());
  const dateIndex = segments.findIndex((segment) => /\d/u.test(segment));
  const places = dateIndex === -1 ? segments : segments.slice(0, dateIndex);
  if (places.length === 0 || places.length > MAX_PLACES || !places.every(isPlace)) return null;
  const place = rest.slice(0, placesLength(rest, places.length)).trim();
  if (dateIndex === -1) {
    // A place alone before a dash ("Bandung –") is a short name; anything longer is a sentence.
    if (agency === '' && (places.length > 1 || words(place).length > 3)) return null;
    return { place, agency, dateText: null };
  }
  const dateText = rest.slice(placesLength(rest, places.length) + 1).trim();
  return isDateText(dateText) ? { place, agency, dateText } : null;
}

/**
 * "23 Februari 2013", "12 Rabiul Akhir 1434/23 Februari 2013", "October 14, 2018", "Senin
 * (14/10)": capitalised words and numbers, ending in a number or a bracket. A sentence that
 * happens to hold a number ("14 Oktober 2018 (MINA) Pemerintah") is not one.
 */
function isDateText(text: string): boolean {
  const parts = words(text);
  return (
    text.length <= 60 &&
    parts.length <= 8 &&
    // A number or a bracket ends it, or the era letters of "1440 H/14 Oktober 2018 M".
    /(?:[\d)]|\s(?:M|H|SM|CE|AD))$/u.test(text) &&
    !/\(\p{Lu}{2,}\)/u.test(text) &&
    parts.every((word) => /^[\p{Lu}\d(]/u.test(word) && /^[\p{L}\p{M}\d/.,()-]+$/u.test(word))
  );
}

function isPlace(segment: string): boolean {
  const parts = words(segment);
  return parts.length >= 1 && parts.length <= MAX_PLACE_WORDS && /^\p{Lu}/u.test(segment) && parts.every((word) => PLACE_WORD.test(word));
}

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

/** The length of the first `count` comma-separated places of `text`, as written. */
function placesLength(text: string, count: number): number {
  let end = -1;
  for (let i = 0; i < count; i += 1) {
    end = text.indexOf(',', end + 1);
    if (end === -1) return text.length;
  }
  return end;
}

/**
 * The last Gregorian date in a dateline's date as YYYY-MM-DD: "23 Februari 2013", "14 October
 * 2018" or "October 14, 2018" (a Hijri date comes first: "5 Safar 1440/ 14 Oktober 2018").
 */
export function gregorianDate(text: string): string | null {
  const found: { index: number; iso: string }[] = [];
  const add = (index: number, day: string, monthName: string, year: string): void => {
    const month = MONTHS[monthName.toLowerCase()];
    if (month === undefined) return;
    const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
    const check = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso)) found.push({ index, iso });
  };
  for (const match of text.matchAll(/(\d{1,2})\s+(\p{L}+)\s+(\d{4})/gu)) add(match.index, match[1] ?? '', match[2] ?? '', match[3] ?? '');
  for (const match of text.matchAll(/(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})/gu)) add(match.index, match[2] ?? '', match[1] ?? '', match[3] ?? '');
  return found.sort((a, b) => a.index - b.index).at(-1)?.iso ?? null;
}
