import { stem } from './words.js';

/**
 * The search index is a list of segments, each an immutable, compact inverted index of some
 * articles (Lucene's design, small): a sorted dictionary of the words they use, for each word the
 * articles that use it and how much, and the words grouped by stem. Adding articles adds a
 * segment; a removed or replaced article is only marked dead (the caller keeps which copy of each
 * article is live) until segments are merged. The structures are typed arrays and two strings,
 * so a segment is stored and read back whole and searched as it is, without decoding.
 */

/** What the index keeps of an article beside its words: enough to list it as a result. */
export interface DocInfo {
  readonly slug: string;
  readonly title: string;
  readonly date: string | null;
  readonly lang: string;
  /** How many words it has (title and text), for BM25's length normalisation. */
  readonly length: number;
}

/** An article ready to index: its words with their weights (see `analyze`). */
export interface IndexedDoc extends DocInfo {
  /** Each folded word, with the weight of its uses (title, glossary and text weighted), at most 255. */
  readonly terms: ReadonlyMap<string, number>;
}

export interface Segment {
  readonly docs: readonly DocInfo[];
  /** Every word, sorted by code unit (so a prefix is a contiguous range). */
  readonly terms: readonly string[];
  /** Term i's postings are `postings[postingStart[i]]` up to `postings[postingStart[i + 1]]`. */
  readonly postingStart: Uint32Array;
  /**
   * For each article using the term, in order: a varint of (gap from the previous article × 2,
   * plus 1 when a weight byte follows); the weight is 1 when none does (a word used once).
   */
  readonly postings: Uint8Array;
  /** Every stem of a term, sorted; stem i groups the terms `stemTerms[stemStart[i]…stemStart[i + 1]]`. */
  readonly stems: readonly string[];
  readonly stemStart: Uint32Array;
  readonly stemTerms: Uint32Array;
}

/** A segment as IndexedDB keeps it: the word lists as one string each (far cheaper to clone than 30,000). */
export interface StoredSegment {
  readonly docs: readonly DocInfo[];
  readonly terms: string;
  readonly postingStart: Uint32Array;
  readonly postings: Uint8Array;
  readonly stems: string;
  readonly stemStart: Uint32Array;
  readonly stemTerms: Uint32Array;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds one segment of these articles (their order is their number in it). */
export function buildSegment(docs: readonly IndexedDoc[]): Segment {
  const byTerm = new Map<string, number[]>();
  docs.forEach((doc, index) => {
    for (const [term, weight] of doc.terms) {
      let list = byTerm.get(term);
      if (list === undefined) byTerm.set(term, (list = []));
      list.push(index, weight);
    }
  });
  const terms = [...byTerm.keys()].sort(compare);
  const postingStart = new Uint32Array(terms.length + 1);
  const bytes = new ByteWriter();
  const termsOfStem = new Map<string, number[]>();
  terms.forEach((term, termIndex) => {
    postingStart[termIndex] = bytes.length;
    const list = byTerm.get(term) ?? [];
    const langs = new Set<string>();
    let previous = 0;
    for (let at = 0; at < list.length; at += 2) {
      const doc = list[at] ?? 0;
      const weight = Math.max(1, Math.min(255, list[at + 1] ?? 1));
      bytes.varint((doc - previous) * 2 + (weight > 1 ? 1 : 0));
      if (weight > 1) bytes.byte(weight);
      previous = doc;
      langs.add(docs[doc]?.lang ?? '');
    }
    for (const lang of langs) {
      const root = stem(term, lang);
      let group = termsOfStem.get(root);
      if (group === undefined) termsOfStem.set(root, (group = []));
      if (group.at(-1) !== termIndex) group.push(termIndex);
    }
  });
  postingStart[terms.length] = bytes.length;
  const stems = [...termsOfStem.keys()].sort(compare);
  const stemStart = new Uint32Array(stems.length + 1);
  const stemTerms = new Uint32Array(stems.reduce((sum, root) => sum + (termsOfStem.get(root)?.length ?? 0), 0));
  let filled = 0;
  stems.forEach((root, index) => {
    stemStart[index] = filled;
    for (const termIndex of termsOfStem.get(root) ?? []) stemTerms[filled++] = termIndex;
  });
  stemStart[stems.length] = filled;
  return {
    docs: docs.map(({ slug, title, date, lang, length }) => ({ slug, title, date, lang, length })),
    terms,
    postingStart,
    postings: bytes.done(),
    stems,
    stemStart,
    stemTerms,
  };
}

/** Calls `visit(doc, weight)` for each article using term `termIndex`, in order. */
export function forEachPosting(
  segment: Segment,
  termIndex: number,
  visit: (doc: number, weight: number) => void,
): void {
  const { postings } = segment;
  const end = segment.postingStart[termIndex + 1] ?? 0;
  let at = segment.postingStart[termIndex] ?? end;
  let doc = 0;
  while (at < end) {
    let value = 0;
    let shift = 1;
    for (;;) {
      const byte = postings[at++] ?? 0;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
      shift *= 0x80;
    }
    doc += Math.floor(value / 2);
    visit(doc, value % 2 === 1 ? (postings[at++] ?? 1) : 1);
  }
}

/** The articles of some segments as they were indexed: what a merge rebuilds one segment from. */
export function documentsOf(segment: Segment, keep: (doc: number) => boolean): IndexedDoc[] {
  const terms = segment.docs.map(() => new Map<string, number>());
  segment.terms.forEach((term, termIndex) => {
    forEachPosting(segment, termIndex, (doc, weight) => {
      if (keep(doc)) terms[doc]?.set(term, weight);
    });
  });
  return segment.docs.flatMap((info, doc) => (keep(doc) ? [{ ...info, terms: terms[doc] ?? new Map() }] : []));
}

/** The first index in the sorted `list` whose entry is not below `key`. */
export function lowerBound(list: readonly string[], key: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] ?? '') < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function toStored(segment: Segment): StoredSegment {
  return { ...segment, terms: segment.terms.join('\n'), stems: segment.stems.join('\n') };
}

/**
 * A stored segment, checked as far as searching it relies on: every array of the right type and
 * length, offsets in order and in range, terms sorted. Anything else (a record from another
 * version, a corrupt one) is null, and the caller rebuilds the index from the stored articles.
 */
export function fromStored(value: unknown): Segment | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { docs, terms, stems, postingStart, postings, stemStart, stemTerms } = record;
  if (!Array.isArray(docs) || !docs.every(isDocInfo) || typeof terms !== 'string' || typeof stems !== 'string') {
    return null;
  }
  if (
    !(postingStart instanceof Uint32Array) ||
    !(postings instanceof Uint8Array) ||
    !(stemStart instanceof Uint32Array) ||
    !(stemTerms instanceof Uint32Array)
  ) {
    return null;
  }
  const termList = terms === '' ? [] : terms.split('\n');
  const stemList = stems === '' ? [] : stems.split('\n');
  if (
    postingStart.length !== termList.length + 1 ||
    stemStart.length !== stemList.length + 1 ||
    !ascending(postingStart, postings.length) ||
    !ascending(stemStart, stemTerms.length) ||
    stemTerms.some((index) => index >= termList.length) ||
    termList.some((term, index) => index > 0 && (termList[index - 1] ?? '') >= term)
  ) {
    return null;
  }
  return { docs, terms: termList, postingStart, postings, stems: stemList, stemStart, stemTerms };
}

/** Offsets from 0, never decreasing, ending exactly at `end`. */
function ascending(offsets: Uint32Array, end: number): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== end) return false;
  for (let index = 1; index < offsets.length; index += 1) {
    if ((offsets[index] ?? 0) < (offsets[index - 1] ?? 0)) return false;
  }
  return true;
}

function isDocInfo(value: unknown): value is DocInfo {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  return (
    typeof doc['slug'] === 'string' &&
    typeof doc['title'] === 'string' &&
    (doc['date'] === null || typeof doc['date'] === 'string') &&
    typeof doc['lang'] === 'string' &&
    typeof doc['length'] === 'number' &&
    Number.isFinite(doc['length'])
  );
}

/** The bytes a segment takes, about as stored: strings as UTF-8, arrays as they are, the article list as JSON. */
export function segmentBytes(segment: StoredSegment): number {
  const utf8 = new TextEncoder();
  return (
    utf8.encode(segment.terms).length +
    utf8.encode(segment.stems).length +
    utf8.encode(JSON.stringify(segment.docs)).length +
    segment.postingStart.byteLength +
    segment.postings.byteLength +
    segment.stemStart.byteLength +
    segment.stemTerms.byteLength
  );
}

/** A growing byte array. */
class ByteWriter {
  private buffer = new Uint8Array(1024);
  length = 0;

  byte(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
