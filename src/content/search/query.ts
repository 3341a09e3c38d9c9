import { forEachPosting, lowerBound, type DocInfo, type Segment } from './segment.js';
import { QUERY_LANGUAGES, isNumber, stem, words } from './words.js';

/**
 * Searching the segments. Each word the reader typed stands for the indexed words it may mean,
 * each with a factor: itself (1), a word of the same stem in either language (0.85: "bertempur"
 * for "pertempuran"), a word it begins (about 0.5 to 0.8, closer completions higher: results as
 * the reader types: the query's last word only), and, only when it means nothing else, a word one letter away (0.6:
 * "nelayn" for "nelayan"). An article's score is, for each query word, its best BM25 score over
 * what the word stands for, summed; articles with every word come first.
 */

const STEM_FACTOR = 0.85;
const TYPO_FACTOR = 0.6;
/** Words shorter than this are not corrected: too many words are one letter from a short one. */
const TYPO_MIN_LENGTH = 5;
/** The word being typed (the query's last) is completed once it has this many letters. */
const PREFIX_MIN_LENGTH = 2;
/** At most this many completions of one word, so that "se" stays as fast as "sepakat". */
const PREFIX_LIMIT = 300;
const K1 = 1.2;
const B = 0.75;

/** A segment with which of its articles are live (not since replaced or removed). */
export interface LiveSegment {
  readonly segment: Segment;
  readonly live: (doc: number) => boolean;
}

export interface Hit extends DocInfo {
  readonly score: number;
  /** How many of the query's words it matched. */
  readonly matched: number;
}

export interface SearchResult {
  /** Best first. When no article has every word, those with the most words. */
  readonly hits: readonly Hit[];
  /** The query's words, folded. */
  readonly words: readonly string[];
  /** Every indexed word some query word stood for: what a snippet marks. */
  readonly marked: ReadonlySet<string>;
  /** False when no article has every word and the hits match only some. */
  readonly complete: boolean;
}

export function search(segments: readonly LiveSegment[], query: string): SearchResult {
  const queryWords = [...new Set(words(query).map((word) => word.text))];
  const marked = new Set<string>();
  if (queryWords.length === 0) return { hits: [], words: [], marked, complete: true };
  let total = 0;
  let lengths = 0;
  for (const { segment, live } of segments) {
    segment.docs.forEach((doc, index) => {
      if (!live(index)) return;
      total += 1;
      lengths += doc.length;
    });
  }
  const averageLength = total === 0 ? 1 : lengths / total;
  const hits: Hit[] = [];
  // A word that means nothing in any segment gets its one-letter corrections everywhere.
  const expansions = segments.map(({ segment }) =>
    queryWords.map((word, index) => expand(segment, word, index === queryWords.length - 1)),
  );
  queryWords.forEach((word, index) => {
    if (expansions.every((perWord) => (perWord[index]?.size ?? 0) === 0)) {
      segments.forEach(({ segment }, at) => {
        const perWord = expansions[at];
        if (perWord !== undefined) perWord[index] = corrections(segment, word);
      });
    }
  });
  segments.forEach(({ segment, live }, at) => {
    const liveInSegment = segment.docs.filter((_, doc) => live(doc)).length;
    if (liveInSegment === 0) return;
    const scores = new Float64Array(segment.docs.length);
    const matched = new Uint8Array(segment.docs.length);
    // A term's postings, decoded once: an article appears at most once in them.
    const postingDocs = new Uint32Array(segment.docs.length);
    const postingWeights = new Uint8Array(segment.docs.length);
    for (const expansion of expansions[at] ?? []) {
      const best = new Float64Array(segment.docs.length);
      for (const [termIndex, factor] of expansion) {
        let count = 0;
        forEachPosting(segment, termIndex, (doc, weight) => {
          postingDocs[count] = doc;
          postingWeights[count] = weight;
          count += 1;
        });
        // Document frequency estimated from this segment, scaled to all live articles.
        const estimated = Math.min(total, (count * total) / segment.docs.length);
        const idf = Math.log(1 + (total - estimated + 0.5) / (estimated + 0.5));
        let used = false;
        for (let at = 0; at < count; at += 1) {
          const doc = postingDocs[at] ?? 0;
          if (!live(doc)) continue;
          used = true;
          const weight = postingWeights[at] ?? 1;
          const length = segment.docs[doc]?.length ?? averageLength;
          const score =
            factor * idf * ((weight * (K1 + 1)) / (weight + K1 * (1 - B + (B * length) / averageLength)));
          if (score > (best[doc] ?? 0)) best[doc] = score;
        }
        if (used) marked.add(segment.terms[termIndex] ?? '');
      }
      best.forEach((score, doc) => {
        if (score > 0) {
          scores[doc] = (scores[doc] ?? 0) + score;
          matched[doc] = (matched[doc] ?? 0) + 1;
        }
      });
    }
    scores.forEach((score, doc) => {
      const info = segment.docs[doc];
      if (score > 0 && info !== undefined && live(doc)) hits.push({ ...info, score, matched: matched[doc] ?? 0 });
    });
  });
  const most = hits.reduce((max, hit) => Math.max(max, hit.matched), 0);
  const kept = hits.filter((hit) => hit.matched === most);
  kept.sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? '') || a.slug.localeCompare(b.slug));
  return { hits: kept, words: queryWords, marked, complete: most === queryWords.length };
}

/** What one query word stands for in a segment: term index → factor. */
function expand(segment: Segment, word: string, last: boolean): Map<number, number> {
  const found = new Map<number, number>();
  const add = (termIndex: number, factor: number): void => {
    if (factor > (found.get(termIndex) ?? 0)) found.set(termIndex, factor);
  };
  const { terms } = segment;
  const exact = lowerBound(terms, word);
  if (terms[exact] === word) add(exact, 1);
  if (!isNumber(word)) {
    for (const lang of QUERY_LANGUAGES) {
      const root = stem(word, lang);
      const at = lowerBound(segment.stems, root);
      if (segment.stems[at] !== root) continue;
      const end = segment.stemTerms.length === 0 ? 0 : (segment.stemStart[at + 1] ?? 0);
      for (let index = segment.stemStart[at] ?? end; index < end; index += 1) {
        add(segment.stemTerms[index] ?? 0, STEM_FACTOR);
      }
    }
  }
  if (last && word.length >= PREFIX_MIN_LENGTH) {
    const limit = Math.min(terms.length, exact + PREFIX_LIMIT);
    for (let index = exact; index < limit; index += 1) {
      const term = terms[index] ?? '';
      if (!term.startsWith(word)) break;
      if (term !== word) add(index, 0.5 + (0.3 * word.length) / term.length);
    }
  }
  return found;
}

/** The words of a segment one letter away from `word` (one changed, added, removed, or two swapped). */
function corrections(segment: Segment, word: string): Map<number, number> {
  const found = new Map<number, number>();
  if (word.length < TYPO_MIN_LENGTH || isNumber(word)) return found;
  segment.terms.forEach((term, index) => {
    if (Math.abs(term.length - word.length) <= 1 && oneEditApart(word, term)) found.set(index, TYPO_FACTOR);
  });
  return found;
}

/** Whether two different words are one edit apart (Damerau: a swap of neighbours is one edit). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
