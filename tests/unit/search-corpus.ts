/**
 * The articles the search tests search: the seed article (content/articles), the article forms
 * (tests/content/forms) and the import fixtures' stories (tests/fixtures/import/stories.ts, the
 * texts `warta import` reads from the fixture feeds), written as `format: marked` files the way
 * the importer writes them, parsed and published with the real glossary, as the build does.
 */
import { glossaryText, type GlossaryText } from '../../src/content/glossary.js';
import { parseArticle } from '../../src/content/parse-article.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { loadArticles, loadGlossary, publish } from '../../tools/content.js';
import { ENGLISH, INDONESIAN, type Story } from '../fixtures/import/stories.js';

/** `petani-kopi-gayo-mulai-gunakan`: the story's first five title words, as its slug. */
export function storySlug(story: Story): string {
  return story.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/gu, '')
    .split(/[^a-z0-9]+/u)
    .filter((word) => word !== '')
    .slice(0, 5)
    .join('-');
}

function storyText(story: Story, lang: string, day: number): string {
  return [
    '---',
    `title: ${story.title}`,
    `date: 2018-11-${String(day).padStart(2, '0')}`,
    `lang: ${lang}`,
    'publisher: Kantor Berita MINA',
    'format: marked',
    '---',
    `! ${story.caption}`,
    `${story.dateline} – ${story.lead}`,
    story.paragraphs[0] ?? '',
    `## ${story.heading}`,
    ...story.paragraphs.slice(1),
    ...story.items.map((item) => `- ${item}`),
    `> ${story.quote}`,
  ].join('\n');
}

/** The glossary entries as the device keeps them (src/data/articles.ts, `putGlossary`), by id. */
export async function corpusGlossary(): Promise<Map<string, GlossaryText>> {
  const { entries } = await loadGlossary();
  return new Map(entries.map((entry) => [entry.id, glossaryText(entry, 'id')]));
}

export async function searchCorpus(): Promise<PublishedArticle[]> {
  const { entries: glossary } = await loadGlossary();
  const seed = await loadArticles('content/articles', glossary);
  const forms = await loadArticles('tests/content/forms', glossary);
  const stories = [
    ...INDONESIAN.map((story) => [story, 'id'] as const),
    ...ENGLISH.map((story) => [story, 'en'] as const),
  ].map(([story, lang], index) => {
    const parsed = parseArticle(storyText(story, lang, (index % 28) + 1));
    if (!parsed.ok) throw new Error(`${story.title}: ${parsed.error.message}`);
    return publish(parsed.article, `${lang}-${storySlug(story)}`, glossary);
  });
  return [...seed.articles, ...forms.articles, ...stories];
}
