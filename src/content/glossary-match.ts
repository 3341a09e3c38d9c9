import { isAcronym, type GlossaryEntry } from './glossary.js';

/** A glossary term found in a part of the article: `[start, end)` within that part's text. */
export interface GlossaryMark {
  /** 0 is the lead, 1… the paragraphs after it. */
  readonly part: number;
  readonly start: number;
  readonly end: number;
  readonly entry: string;
}

interface Candidate extends GlossaryMark {
  /** Position in the whole body, for "first occurrence". */
  readonly order: number;
}

/**
 * Finds where glossary terms first appear in an article body. Longest match first, so a term
 * inside a longer matched phrase is not marked there; case-insensitive for words, exact for
 * acronyms ("MINA" never matches "Mina"); whole words only, where a hyphen or apostrophe
 * between letters keeps a word together ("Karabakh" is not found in "Nagorno-Karabakh");
 * and each entry marked once per article, at its first occurrence. Marks never overlap.
 */
export function matchGlossary(parts: readonly string[], entries: readonly GlossaryEntry[]): GlossaryMark[] {
  const candidates: Candidate[] = [];
  let offset = 0;
  parts.forEach((text, part) => {
    const folded = text.toLocaleLowerCase('id');
    for (const entry of entries) {
      for (const form of [entry.term, ...entry.aliases]) {
        const acronym = isAcronym(form);
        const haystack = acronym ? text : folded;
        // Folding must not change lengths, or offsets would drift; forms that do are matched exactly.
        const needle = acronym || folded.length !== text.length ? form : form.toLocaleLowerCase('id');
        for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
          const end = at + needle.length;
          if (isWordEdge(text, at, 'before') && isWordEdge(text, end, 'after')) {
            candidates.push({ part, start: at, end, entry: entry.id, order: offset + at });
          }
        }
      }
    }
    offset += text.length + 1;
  });

  // Longest first claims its span; shorter matches inside a claimed span are dropped.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order);
  const claimed: Candidate[] = [];
  for (const candidate of candidates) {
    const overlaps = claimed.some(
      (other) => other.part === candidate.part && candidate.start < other.end && other.start < candidate.end,
    );
    if (!overlaps) claimed.push(candidate);
  }

  // First occurrence per entry, in reading order.
  claimed.sort((a, b) => a.order - b.order);
  const seen = new Set<string>();
  const marks: GlossaryMark[] = [];
  for (const { part, start, end, entry } of claimed) {
    if (seen.has(entry)) continue;
    seen.add(entry);
    marks.push({ part, start, end, entry });
  }
  return marks;
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /[-‐‑'’]/u;

/** True when the match may start (or end) at `index`: no letter, and no joined word, on that side. */
function isWordEdge(text: string, index: number, side: 'before' | 'after'): boolean {
  const next = side === 'before' ? text[index - 1] : text[index];
  if (next === undefined) return true;
  if (LETTER.test(next)) return false;
  if (!JOINER.test(next)) return true;
  const beyond = side === 'before' ? text[index - 2] : text[index + 1];
  return beyond === undefined || !LETTER.test(beyond);
}
