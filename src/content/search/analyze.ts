import type { GlossaryText } from '../glossary.js';
import type { PublishedArticle } from '../types.js';
import type { IndexedDoc } from './segment.js';
import { words } from './words.js';

/** A word in the headline counts as this many in the text. */
const TITLE_WEIGHT = 4;
/** A glossary term or alias of an entry the article uses counts as this many words of its text. */
const GLOSSARY_WEIGHT = 3;

/**
 * The text a search result is found in and quoted from: the report itself (dateline, lead,
 * paragraphs, sub-headings, lists, quotations, captions), not the publisher's promotions of other
 * articles, the byline or the footer.
 */
export function searchableBlocks(article: PublishedArticle): string[] {
  const lead = article.dateline === null ? article.lead.text : `${article.dateline.text} ${article.lead.text}`;
  return [lead, ...article.paragraphs.map((block) => block.text)];
}

/**
 * An article as the index takes it: each word of its headline, text and glossary names with its
 * weight. `glossaryNames` are the terms and aliases of the glossary entries it uses, so that
 * "OSCE" or "tawanan perang" find an article that says "Organisasi untuk Keamanan dan Kerjasama di
 * Eropa" or "tahanan perang".
 */
export function analyze(article: PublishedArticle, glossaryNames: readonly string[]): IndexedDoc {
  const terms = new Map<string, number>();
  const add = (text: string, weight: number): number => {
    const found = words(text);
    for (const word of found) terms.set(word.text, (terms.get(word.text) ?? 0) + weight);
    return found.length;
  };
  let length = add(article.title.text, TITLE_WEIGHT);
  for (const block of searchableBlocks(article)) length += add(block, 1);
  for (const name of new Set(glossaryNames)) add(name, GLOSSARY_WEIGHT);
  return {
    slug: article.slug,
    title: article.title.text,
    date: article.date,
    lang: article.lang,
    length,
    terms,
  };
}

/**
 * The glossary names an article is also found by: the term and aliases (its English term among
 * them) of each entry it uses, from the glossary entries kept on the device (by id; either UI
 * language's record will do, the names are the same). Not the publisher's entry: every article
 * of the publisher would match its name.
 */
export function glossaryNames(article: PublishedArticle, texts: ReadonlyMap<string, GlossaryText>): string[] {
  return article.glossary.entries.flatMap((id) => {
    const text = texts.get(id);
    return text === undefined ? [] : [text.term, ...text.aliases];
  });
}
