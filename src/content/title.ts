/** The longest headline Warta derives, in characters, ellipsis included. */
export const TITLE_MAX = 120;

/**
 * Abbreviations whose full stop does not end a sentence ("Dr. Ahmad", "Kab. Bekasi", "dll."),
 * compared without case. A single letter ("M. Natsir") is an initial too.
 */
const ABBREVIATIONS = new Set([
  'dr', 'drs', 'dra', 'prof', 'ir', 'h', 'hj', 'kh', 'ust', 'st', 'sdr', 'bpk', 'kab', 'kec', 'kel', 'prov', 'jl',
  'jln', 'no', 'tel', 'mr', 'mrs', 'ms', 'jr', 'sr', 'vs', 'etc', 'dll', 'dsb', 'dkk', 'pt', 'tbk', 'gen', 'lt',
  'kol', 'brig', 'mayjen', 'letjen', 'sen', 'rep', 'gov', 'u.s', 'a.s',
]);

/**
 * A headline from the lead, for a text that has none: its first sentence, without a final full
 * stop. A sentence ends at ".", "!" or "?" before white space and a capital (or the end), never at
 * a comma, a colon, a decimal point or an abbreviation. Longer than `TITLE_MAX`, it is cut at a
 * word and ends with an ellipsis.
 */
export function derivedTitle(lead: string): string {
  const sentence = firstSentence(lead).replace(/\.$/u, '').trim();
  if (sentence.length <= TITLE_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_MAX - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const words = (lastSpace > TITLE_MAX / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–—-]+$/u, '');
  return `${words}…`;
}

function firstSentence(text: string): string {
  for (const match of text.matchAll(/[.!?]+["”’')]*(?=\s+["“‘'(\p{Lu}\d]|\s*$)/gu)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviation(text.slice(0, match.index))) continue;
    return text.slice(0, end);
  }
  return text;
}

/** True when the word before a full stop is an abbreviation or an initial. */
function isAbbreviation(before: string): boolean {
  const word = /(\S+)$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["“‘'(]+/u, '').toLowerCase();
  return /^\p{L}$/u.test(bare) || ABBREVIATIONS.has(bare);
}
