/**
 * Sentence splitting for read-aloud. Pure: no DOM. Each sentence becomes one utterance, so a voice
 * that stops after about 15 s (some desktop voices) or fires no `boundary` events (Chrome on
 * Android) still moves on sentence by sentence, and the highlight shows the sentence being read.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by a space
 * and a capital, a digit or an opening quote or bracket. A lowercase word after it continues the
 * sentence (`“Kapan?” tanya Ali.`). Numbers (`1.166`, `10.30`), dates (`31/10`), codes
 * (`T/Hju/P2`) and apostrophes (`Mi’raj`) have no space after their marks and are never split.
 * A period after a known abbreviation (`Kab.`, `Jl.`, `Prof.`, `Mr.`), an initial (`B. J. Habibie`),
 * a dotted abbreviation (`S.H.`, `U.S.`) or a list number that opens a sentence (`1. Pertama`) is
 * not an end.
 */

/**
 * The longest utterance, in characters: some voices stop a long one after about 15 s, so a longer
 * sentence is cut at a pause (`splitLong`). About 15 s of speech at the usual speed.
 */
export const MAX_UTTERANCE = 220;

/** A sentence as UTF-16 offsets `[start, end)` into the text it was cut from, spaces trimmed. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Abbreviations that are followed by a name or a number, lowercase and without their period.
 * Those that usually end a sentence (`dll.`, `dsb.`, `dkk.`, `tsb.`, `etc.`) are left out on
 * purpose: before a capital they end it, before a lowercase word the general rule keeps them.
 */
const ABBREVIATIONS = new Set([
  // Indonesian: places and addresses, titles and forms of address, ranks, money, references.
  'kab',
  'kec',
  'kel',
  'prov',
  'jl',
  'jln',
  'no',
  'dr',
  'drs',
  'dra',
  'prof',
  'ir',
  'hj',
  'kh',
  'ust',
  'sdr',
  'sdri',
  'bpk',
  'tn',
  'ny',
  'nn',
  'yth',
  'jend',
  'letjen',
  'mayjen',
  'brigjen',
  'laksma',
  'marsma',
  'kol',
  'letkol',
  'inf',
  'kav',
  'kapt',
  'kompol',
  'kombes',
  'irjen',
  'pol',
  'rp',
  'hlm',
  'jo',
  'tel',
  'telp',
  'agu',
  'okt',
  'des',
  // English.
  'mr',
  'mrs',
  'ms',
  'st',
  'jr',
  'sr',
  'vs',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'sgt',
  'rev',
  'hon',
  'mt',
  'al',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Sentence-ending marks and what may close them, followed by a space. */
const ENDING = /[.!?…]+["'”’»)\]]*(?=\s)/gu;
/** What may open a sentence: a capital, a digit, an opening quote or bracket. */
const OPENING = /^\s+["'“‘«([]?[\p{Lu}\p{Lt}\p{N}]/u;
/** `S.H`, `M.Si`, `U.S`, `a.n`: short letter groups joined by periods (the last period is the mark). */
const DOTTED = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;

/** The sentences of a text, in order; `maxLength` splits longer ones at a pause (see `splitLong`). */
export function splitSentences(text: string, maxLength = Infinity): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(ENDING)) {
    const end = match.index + match[0].length;
    if (!OPENING.test(text.slice(end, end + 8)) || !endsSentence(text, start, match.index, match[0])) continue;
    pushTrimmed(spans, text, start, end);
    start = end;
  }
  pushTrimmed(spans, text, start, text.length);
  return spans.flatMap((span) => splitLong(text, span, maxLength));
}

/** Whether the mark at `at` ends the sentence that began at `start` (only a period may not). */
function endsSentence(text: string, start: number, at: number, marks: string): boolean {
  if (marks !== '.') return true;
  const before = text.slice(start, at);
  const word = (/[^\s"'“‘«([]+$/u.exec(before)?.[0] ?? '').toLowerCase();
  if (word === '') return true;
  if (ABBREVIATIONS.has(word) || DOTTED.test(word)) return false;
  // An initial: one letter (`B. J. Habibie`, `Susilo B. Yudhoyono`, `H. Agus Salim`).
  if (/^\p{L}$/u.test(word)) return false;
  // A list number opening a sentence (`1. Pertama`); a year or amount ending one still ends it.
  return !(/^\p{N}+$/u.test(word) && before.trim() === word);
}

function pushTrimmed(spans: TextSpan[], text: string, start: number, end: number): void {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text.charAt(from))) from += 1;
  while (to > from && /\s/u.test(text.charAt(to - 1))) to -= 1;
  if (to > from) spans.push({ start: from, end: to });
}

/**
 * A sentence longer than `maxLength` characters, cut at its last pause (`,` `;` `:` or a dash
 * between spaces) before that length, else at its last space: a long utterance may be cut off by
 * some voices, and a shorter one moves the highlight along sooner.
 */
export function splitLong(text: string, span: TextSpan, maxLength: number): TextSpan[] {
  const out: TextSpan[] = [];
  let start = span.start;
  while (span.end - start > maxLength) {
    const window = text.slice(start, start + maxLength);
    const pause = lastBreak(window, /[,;:](?=\s)|\s[–—-](?=\s)/gu, maxLength / 4);
    const space = lastBreak(window, /\s/gu, maxLength / 4);
    const cut = pause ?? space ?? maxLength;
    pushTrimmed(out, text, start, start + cut);
    start += cut;
  }
  pushTrimmed(out, text, start, span.end);
  return out;
}

/** The offset just after the last match of `pattern` in `window` past `minimum`, or null. */
function lastBreak(window: string, pattern: RegExp, minimum: number): number | null {
  let found: number | null = null;
  for (const match of window.matchAll(pattern)) {
    const at = match.index + (/^\s/u.test(match[0]) ? 0 : match[0].length);
    if (at >= minimum) found = at;
  }
  return found;
}
