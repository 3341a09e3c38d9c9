import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemIndonesian } from '@orama/stemmers/indonesian';

/**
 * How text becomes search words, the same for what is indexed and what the reader types: folded
 * (lower case, diacritics removed: "Aliyev", "ALIYEV" and "Alíyev" are one word), cut into runs of
 * letters and digits, and numbers kept as written ("1.166", "31/10", "5.000"), so that a reader
 * finds the figure the article prints.
 */

/** One word of a text: its folded form and where it stands in the text (UTF-16 offsets). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A number as written (digits with `.`, `,` or `/` between them), else a run of letters and digits. */
const WORD = /\p{N}+(?:[.,/]\p{N}+)*(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;
const DIGIT = /\p{N}/u;
/** Most words are plain ASCII, whose folding is only lower case: the fast path (no normalisation). */
const NOT_ASCII = /[^\x20-\x7e]/u;

/** Lower case without diacritics; compatibility forms (ligatures, full-width letters) decomposed. */
export function fold(text: string): string {
  return !NOT_ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/**
 * The words of a text with their offsets in it. Folding is per word, and a folded word may differ
 * in length from the original ("é" is two code units once decomposed), so offsets are taken from
 * the original text, never from the folded one.
 */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = fold(match[0]);
    if (folded !== '') found.push({ text: folded, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Whether a folded word is a number (never stemmed, never corrected). */
export function isNumber(word: string): boolean {
  return DIGIT.test(word);
}

/**
 * The stem of a folded word by the rules of its text's language: Indonesian (Snowball's
 * dictionary-free stemmer: "pertempuran", "bertempur" → "tempur"; "kesepakatan" → "sepakat") or
 * English (Porter's), else the word itself. Numbers and words under four letters are their own stem.
 */
export function stem(word: string, lang: string): string {
  if (word.length < 4 || isNumber(word)) return word;
  if (lang.startsWith('id')) return stemIndonesian(word);
  if (lang.startsWith('en')) return stemEnglish(word);
  return word;
}

/** The languages whose rules a query's words are stemmed by: a reader may type either. */
export const QUERY_LANGUAGES = ['id', 'en'] as const;
