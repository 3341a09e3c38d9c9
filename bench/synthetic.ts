/**
 * Synthetic archives for `npm run bench:scale` (bench/scale.ts): N articles shaped like MINA's as
 * the importer writes them (`format: marked`, front matter with source, id, address, times,
 * author and categories), 300 to 700 words of Indonesian in short paragraphs, a dateline, a
 * sub-heading in about a third, a caption or a "Baca Juga" promotion now and then, the editors'
 * code and the agency's sign-off, dated evenly from 2012 to mid-2026, and a glossary of 30 terms
 * the text uses, a few in many articles and most in few (as real terms are).
 *
 * The words come from the import fixtures' stories (tests/fixtures/import/stories.ts), walked as
 * a word chain, so the text reads like news at the scale of a sentence and compresses about as
 * real text does (somewhat better: the vocabulary is small). Deterministic: the same N gives the
 * same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EDITOR_CODES, INDONESIAN, REPORTERS } from '../tests/fixtures/import/stories.js';

/** A small, fast, seeded generator (mulberry32): the same seed, the same archive. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  'Nasional',
  'Internasional',
  'Timur Tengah',
  'Palestina',
  'Asia',
  'Eropa',
  'Ekonomi',
  'Pendidikan',
  'Kesehatan',
  'Dunia Islam',
  'Kemanusiaan',
  'Opini',
];

const PLACES = ['Jakarta', 'Bandung', 'Gaza', 'Kairo', 'Makassar', 'Medan', 'Surabaya', 'Yogyakarta', 'Amman', 'Doha'];

/** The glossary: id, term (as it appears in text), English term. */
const TERMS: readonly (readonly [string, string, string])[] = [
  ['bantuan-kemanusiaan', 'bantuan kemanusiaan', 'humanitarian aid'],
  ['gencatan-senjata', 'gencatan senjata', 'ceasefire'],
  ['pengungsi', 'pengungsi', 'refugee'],
  ['dewan-keamanan', 'Dewan Keamanan', 'Security Council'],
  ['zakat', 'zakat', 'zakat'],
  ['wakaf', 'wakaf', 'waqf'],
  ['inflasi', 'inflasi', 'inflation'],
  ['subsidi', 'subsidi', 'subsidy'],
  ['otonomi-daerah', 'otonomi daerah', 'regional autonomy'],
  ['kekeringan', 'kekeringan', 'drought'],
  ['banjir-rob', 'banjir rob', 'tidal flood'],
  ['koperasi', 'koperasi', 'cooperative'],
  ['dapur-umum', 'dapur umum', 'public kitchen'],
  ['siaga-darurat', 'siaga darurat', 'emergency alert'],
  ['pesantren', 'pesantren', 'Islamic boarding school'],
  ['jalur-gaza', 'Jalur Gaza', 'Gaza Strip'],
  ['tepi-barat', 'Tepi Barat', 'West Bank'],
  ['masjid-al-aqsa', 'Masjid Al-Aqsa', 'Al-Aqsa Mosque'],
  ['blokade', 'blokade', 'blockade'],
  ['diplomasi', 'diplomasi', 'diplomacy'],
  ['anggaran-daerah', 'anggaran daerah', 'regional budget'],
  ['kurban', 'kurban', 'sacrifice'],
  ['ekspor', 'ekspor', 'export'],
  ['nelayan-tradisional', 'nelayan tradisional', 'traditional fishers'],
  ['sanitasi', 'sanitasi', 'sanitation'],
  ['gizi-buruk', 'gizi buruk', 'malnutrition'],
  ['vaksinasi', 'vaksinasi', 'vaccination'],
  ['beasiswa', 'beasiswa', 'scholarship'],
  ['pemilu', 'pemilu', 'general election'],
  ['resolusi', 'resolusi', 'resolution'],
];

/** A word chain over the stories: each word, the words seen after it. */
interface Chain {
  readonly starts: readonly string[];
  readonly next: ReadonlyMap<string, readonly string[]>;
}

function chain(): Chain {
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  const sentences = INDONESIAN.flatMap((story) => [story.lead, ...story.paragraphs, story.quote])
    .flatMap((text) => text.split(/(?<=[.!?])\s+/u))
    .filter((sentence) => sentence.split(' ').length >= 5);
  for (const sentence of sentences) {
    const words = sentence.split(' ');
    if (words[0] !== undefined) starts.push(words[0]);
    words.forEach((word, index) => {
      const following = words[index + 1] ?? '';
      const list = next.get(word) ?? [];
      list.push(following);
      next.set(word, list);
    });
  }
  return { starts, next };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
};

/** One sentence: a walk along the chain until a word ends it, 8 to 32 words. */
function sentence(rand: () => number, words: Chain): string {
  const out: string[] = [pick(rand, words.starts)];
  for (;;) {
    const last = out[out.length - 1] ?? '';
    const ends = /[.!?]$/u.test(last);
    if ((ends && out.length >= 8) || out.length >= 32) break;
    // A sentence that ends too soon goes on: its last word loses the full stop.
    if (ends) out[out.length - 1] = last.replace(/[.!?]$/u, '');
    const options = (words.next.get(last) ?? []).filter((word) => word !== '');
    out.push(options.length === 0 ? pick(rand, words.starts).toLowerCase() : pick(rand, options));
  }
  const text = out.join(' ').replace(/[,;:]$/u, '');
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}

/** A term's words, most often one of the first few: term k is used about 1/(k+1) as often as the first. */
function term(rand: () => number): string {
  const weights = TERMS.map((_, index) => 1 / (index + 1));
  let left = rand() * weights.reduce((sum, weight) => sum + weight, 0);
  for (const [index, weight] of weights.entries()) {
    left -= weight;
    if (left <= 0) return TERMS[index]?.[1] ?? 'bantuan kemanusiaan';
  }
  return 'bantuan kemanusiaan';
}

/** The date of article `index` of `count`: evenly from 1 January 2012 to 30 June 2026, in WIB. */
function published(index: number, count: number, rand: () => number): Date {
  const first = Date.UTC(2012, 0, 1);
  const last = Date.UTC(2026, 5, 30);
  const at = first + ((last - first) * (index + 0.5)) / count + Math.floor(rand() * 3_600_000);
  return new Date(at);
}

/** `2019-04-15T18:30:00+07:00`: Jakarta's time, as MINA's API gives it. */
function wib(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

export interface SyntheticArticle {
  readonly slug: string;
  readonly text: string;
}

/**
 * Article `index` (0-based, oldest first) of an archive of `count`. Its words depend on its rank
 * from the newest only, so the newest articles (those home and the glossary page list) read the
 * same in an archive of any size; `index` = `count` is one newer than all.
 */
export function syntheticArticle(index: number, count: number): SyntheticArticle {
  const rank = count - 1 - index;
  const rand = random(rank * 2654435761 + 17);
  const words = CHAIN;
  const date = published(index, count, rand);
  const titleWords = sentence(rand, words)
    .replace(/[.!?]$/u, '')
    .split(' ')
    .slice(0, 9);
  const title = titleWords.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  const slugWords = titleWords
    .slice(0, 6)
    .map((word) => word.toLowerCase().replace(/[^a-z0-9]+/gu, ''))
    .filter((word) => word !== '');
  const slug = `${date.toISOString().slice(0, 10)}-${slugWords.join('-')}-${String(index + 1)}`;
  const categories = [pick(rand, CATEGORIES)];
  if (rand() < 0.5)
    categories.push(
      pick(
        rand,
        CATEGORIES.filter((category) => category !== categories[0]),
      ),
    );

  const target = 300 + Math.floor(rand() * 400);
  const lines: string[] = [];
  let count_ = 0;
  const body = (): string => {
    const sentences = 1 + Math.floor(rand() * 3);
    const parts: string[] = [];
    for (let n = 0; n < sentences; n += 1) {
      let text = sentence(rand, words);
      // About one sentence in four names a glossary term (and the stories use a few of the terms too).
      if (rand() < 0.25) text = text.replace(/\.$/u, `, kata pejabat tentang ${term(rand)}.`);
      parts.push(text);
    }
    const paragraph = parts.join(' ');
    count_ += paragraph.split(' ').length;
    return paragraph;
  };
  if (rand() < 0.2) lines.push(`! ${sentence(rand, words).replace(/\.$/u, '')}. (Foto: MINA)`);
  const when = `${String(date.getUTCDate())}/${String(date.getUTCMonth() + 1)}`;
  lines.push(`${pick(rand, PLACES)}, MINA – ${body()}`);
  const heading = rand() < 0.35 ? 2 + Math.floor(rand() * 3) : -1;
  for (let paragraph = 1; count_ < target; paragraph += 1) {
    if (paragraph === heading) lines.push(`## ${titleWords.slice(0, 4).join(' ')}`);
    if (paragraph === 4 && rand() < 0.3) lines.push(`=> Baca Juga: ${sentence(rand, words).replace(/\.$/u, '')}`);
    lines.push(paragraph === 1 ? `${body().replace(/\.$/u, '')}, ${when}.` : body());
  }
  const last = lines.pop() ?? '';
  lines.push(`${last} ${pick(rand, EDITOR_CODES)}`, 'Mi’raj News Agency (MINA)');

  const modified = new Date(date.getTime() + Math.floor(rand() * 86_400_000));
  const front = [
    '---',
    `title: ${title}`,
    'lang: id',
    'publisher: Kantor Berita MINA',
    'publisher_url: https://minanews.net/',
    'source: minanews-net',
    `source_id: ${String(100_000 + index)}`,
    `url: https://minanews.net/${slug}/`,
    `published: ${wib(date)}`,
    `modified: ${wib(modified)}`,
    `author: ${pick(rand, REPORTERS)}`,
    `categories: ${categories.join('; ')}`,
    'format: marked',
    '---',
  ];
  return { slug, text: `${[...front, ...lines].join('\n')}\n` };
}

const CHAIN = chain();

/** The glossary entry file of each term. */
export function glossaryFiles(): { id: string; text: string }[] {
  return TERMS.map(([id, term, termEn]) => ({
    id,
    text: [
      `term: ${term}`,
      `term_en: ${termEn}`,
      `definition: ${term.charAt(0).toUpperCase()}${term.slice(1)} adalah istilah yang sering muncul dalam berita MINA. Penjelasan ini dibuat untuk uji skala.`,
      `definition_en: ${termEn.charAt(0).toUpperCase()}${termEn.slice(1)} is a term often found in MINA's reports. This definition was written for the scale benchmark.`,
      `source: https://id.wikipedia.org/wiki/${encodeURIComponent(term.replaceAll(' ', '_'))}`,
      'source_name: Wikipedia bahasa Indonesia',
      '',
    ].join('\n'),
  }));
}

/**
 * Writes an archive of `count` articles into `dir` as a content folder (`articles/`, `glossary/`,
 * `withdrawn/`), as `warta import --content DIR` does. Returns the slugs, oldest first.
 */
export async function writeArchive(dir: string, count: number): Promise<string[]> {
  await mkdir(join(dir, 'articles'), { recursive: true });
  await mkdir(join(dir, 'glossary'), { recursive: true });
  await mkdir(join(dir, 'withdrawn'), { recursive: true });
  for (const { id, text } of glossaryFiles()) await writeFile(join(dir, 'glossary', `${id}.txt`), text);
  const slugs: string[] = [];
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const articles = Array.from({ length: Math.min(batch, count - start) }, (_, offset) =>
      syntheticArticle(start + offset, count),
    );
    await Promise.all(articles.map((article) => writeFile(join(dir, 'articles', `${article.slug}.txt`), article.text)));
    slugs.push(...articles.map((article) => article.slug));
  }
  return slugs;
}
