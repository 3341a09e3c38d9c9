/**
 * A library of generated articles for the search benchmark: sentences of the project's own test
 * articles (content/articles, tests/content/forms, the import fixtures' stories), recombined, with
 * names and affixed words drawn from a long-tailed vocabulary, so that the index meets the number
 * of distinct words a real archive has (tens of thousands at 1,000 articles), not the few thousand
 * the sentences share. Deterministic: the same seed gives the same articles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../src/content/parse-article.js';
import type { PublishedArticle } from '../src/content/types.js';
import { ENGLISH, INDONESIAN, type Story } from '../tests/fixtures/import/stories.js';

/** A small, fast, seeded generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function storySentences(stories: readonly Story[]): string[] {
  return stories.flatMap((story) => [story.lead, ...story.paragraphs, story.quote, story.heading, ...story.items]);
}

function fileSentences(dir: string, lang: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => {
      const parsed = parseArticle(readFileSync(join(dir, name), 'utf8'));
      if (!parsed.ok || parsed.article.lang !== lang) return [];
      return [parsed.article.lead.text, ...parsed.article.paragraphs.map((block) => block.text)];
    })
    .flatMap((text) => text.split(/(?<=[.!?])\s+/u));
}

const SYLLABLES = ['ba', 'ka', 'ra', 'sa', 'ma', 'na', 'ta', 'ja', 'wa', 'ha', 'di', 'ri', 'ni', 'to', 'ku', 'lu'];
const MORE = ['mu', 'pe', 'ge', 'se', 'an', 'ar', 'in', 'ung', 'ang', 'as', 'is', 'ol', 'ek', 'du', 'go', 'ya'];
const AFFIXES: readonly [string, string][] = [
  ['me', 'kan'],
  ['di', 'kan'],
  ['ber', ''],
  ['per', 'an'],
  ['ke', 'an'],
  ['pe', 'an'],
  ['', 'nya'],
  ['ter', ''],
  ['me', 'i'],
];

/** `count` articles, about a tenth of them in English, dated across ten years. */
export function generateLibrary(count: number, seed = 16): PublishedArticle[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const indonesian = [
    ...storySentences(INDONESIAN),
    ...fileSentences('content/articles', 'id'),
    ...fileSentences('tests/content/forms', 'id'),
  ];
  const english = [...storySentences(ENGLISH), ...fileSentences('tests/content/forms', 'en')];
  const names = Array.from({ length: 40_000 }, () => {
    let name = '';
    const syllables = 2 + Math.floor(next() * 3);
    for (let index = 0; index < syllables; index += 1) name += pick(index % 2 === 0 ? SYLLABLES : MORE);
    return name;
  });
  // A long tail: the rank is log-uniform, so word r is drawn about 1/r as often as the first.
  const tailWord = (): string => names[Math.floor(Math.exp(next() * Math.log(names.length)))] ?? 'kata';
  const roots = [
    ...new Set(
      indonesian
        .join(' ')
        .toLowerCase()
        .match(/\p{L}{4,}/gu) ?? [],
    ),
  ];
  return Array.from({ length: count }, (_, index) => {
    const lang = next() < 0.1 ? 'en' : 'id';
    const pool = lang === 'en' ? english : indonesian;
    const sentences = Array.from({ length: 14 + Math.floor(next() * 14) }, () => {
      const words = pick(pool).split(' ');
      for (let added = 0; added < 2; added += 1) {
        const word =
          next() < 0.6
            ? tailWord().replace(/^./u, (first) => first.toUpperCase())
            : next() < 0.5
              ? String(Math.floor(next() * 10_000))
              : lang === 'id'
                ? ((affix) => `${affix[0]}${pick(roots)}${affix[1]}`)(pick(AFFIXES))
                : tailWord();
        words.splice(Math.floor(next() * words.length), 0, word);
      }
      return words.join(' ');
    });
    const paragraphs: string[] = [];
    for (let at = 1; at < sentences.length; at += 2) paragraphs.push(sentences.slice(at, at + 2).join(' '));
    const slug = `bench-${String(index + 1).padStart(4, '0')}`;
    const year = 2015 + (index % 10);
    const date = `${String(year)}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
    const title = (sentences[0] ?? 'Berita').split(/[,.]/u)[0]?.slice(0, 100) ?? 'Berita';
    return bareArticle(slug, title, date, lang, sentences[0] ?? '', paragraphs);
  });
}

/** A published article with only the fields search and the library read filled in. */
export function bareArticle(
  slug: string,
  title: string,
  date: string | null,
  lang: string,
  lead: string,
  paragraphs: readonly string[],
): PublishedArticle {
  return {
    slug,
    hash: `hash-${slug}`,
    title: { text: title, derived: false },
    date,
    lang,
    publisher: null,
    source: null,
    url: null,
    published: null,
    modified: null,
    author: null,
    categories: [],
    profile: 'mina',
    aboveDateline: null,
    byline: null,
    dateline: null,
    lead: { text: lead },
    paragraphs: paragraphs.map((text) => ({ text, kind: 'paragraph' as const })),
    readAlso: [],
    sourceLine: null,
    editorCode: null,
    credits: [],
    trailer: [],
    glossary: { entries: [], marks: [], publisher: null },
  };
}
