/**
 * Categories: the publisher's names for what an article is about (front matter's `categories`,
 * from the source's own), each with an address. Pure, build time only (any-ascii stays out of the
 * browser script).
 */
import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';
import type { PublishedArticle } from '../src/content/types.js';
import type { CategoryLink } from '../src/templates/category.js';
import type { ArticleRecord } from './content.js';

/** What categories need of an article: the build's record of it, or the article itself. */
export type Categorized = Pick<ArticleRecord | PublishedArticle, 'categories' | 'lang'>;

/** The longest category id, in characters, cut at a hyphen. */
const MAX_ID = 60;

/** A category as `categoriesOf` gathers it: its articles, their places, and how often each name and language is used. */
interface Found<A> {
  readonly articles: A[];
  readonly places: number[];
  readonly names: Map<string, number>;
  readonly langs: Map<string, number>;
}

/** A category and its articles, newest first. */
export interface Category<A extends Categorized = PublishedArticle> extends CategoryLink {
  readonly articles: readonly A[];
  /** Each of `articles`' place in the list `categoriesOf` was given (the pages' record keeps lists by place). */
  readonly places: readonly number[];
}

/**
 * A category's id: its name as ASCII (any-ascii), lowercase, words joined by hyphens ("Luar
 * Negeri" → `luar-negeri`, "Ekonomi & Bisnis" → `ekonomi-bisnis`), a function of the name alone,
 * so an address never depends on which other categories exist. Names that make the same id are
 * one category (`Nasional`, `NASIONAL`, `Nasional.`): an id is never suffixed, since a suffix
 * would depend on which name came first. A name with no letter or digit in any script gets
 * `kategori-` and a hash of the name.
 */
export function categoryId(name: string): string {
  let id = ids.get(name);
  if (id === undefined) {
    id = idOf(name);
    ids.set(name, id);
  }
  return id;
}

/**
 * Ids already made, by name: an archive names a few dozen categories a hundred thousand times,
 * and any-ascii takes a few microseconds a name.
 */
const ids = new Map<string, string>();

function idOf(name: string): string {
  const ascii = anyAscii(name.normalize('NFC')).toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '');
  if (slug === '') {
    return `kategori-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 8)}`;
  }
  if (slug.length <= MAX_ID) return slug;
  const cut = slug.slice(0, MAX_ID);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > MAX_ID / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/u, '');
}

/**
 * Every category some article names, alphabetically (Indonesian collation), each with its
 * articles in the order given (newest first). A category whose names differ (merged by id) is
 * shown by the name most of its articles use (ties: the first in code-point order), in the
 * language most of its articles are in: both follow the content, never the order files are read.
 */
export function categoriesOf<A extends Categorized>(articles: readonly A[]): Category<A>[] {
  const found = new Map<string, Found<A>>();
  // Each list of names resolved once (its categories, each once, by the first name giving its
  // id), with how many articles of each language name it: records read from the cache share
  // their lists, and 100,000 articles name a few hundred (200,000 ids looked up, counted one by one).
  const lists = new Map<readonly string[], { found: Found<A>[]; names: string[]; langs: Map<string, number> }>();
  for (const [place, article] of articles.entries()) {
    let list = lists.get(article.categories);
    if (list === undefined) {
      list = { found: [], names: [], langs: new Map() };
      for (const name of article.categories) {
        const id = categoryId(name);
        let category = found.get(id);
        if (category === undefined) {
          category = { articles: [], places: [], names: new Map(), langs: new Map() };
          found.set(id, category);
        }
        if (list.found.includes(category)) continue;
        list.found.push(category);
        list.names.push(name);
      }
      lists.set(article.categories, list);
    }
    for (const category of list.found) {
      category.articles.push(article);
      category.places.push(place);
    }
    list.langs.set(article.lang, (list.langs.get(article.lang) ?? 0) + 1);
  }
  for (const list of lists.values()) {
    for (const [index, category] of list.found.entries()) {
      const name = list.names[index] ?? '';
      for (const [lang, count] of list.langs) {
        category.names.set(name, (category.names.get(name) ?? 0) + count);
        category.langs.set(lang, (category.langs.get(lang) ?? 0) + count);
      }
    }
  }
  const collator = new Intl.Collator('id', { sensitivity: 'base' });
  return [...found]
    .map(([id, { articles: listed, places, names, langs }]) => ({
      id,
      name: mostUsed(names),
      lang: mostUsed(langs),
      articles: listed,
      places,
    }))
    .sort((a, b) => collator.compare(a.name, b.name) || compareCodePoints(a.id, b.id));
}

/** An article's categories as links, in the order it names them, each once. */
export function categoryLinks(article: Categorized, byId: ReadonlyMap<string, CategoryLink>): CategoryLink[] {
  const links = new Map<string, CategoryLink>();
  for (const name of article.categories) {
    const category = byId.get(categoryId(name));
    if (category !== undefined && !links.has(category.id)) {
      links.set(category.id, { id: category.id, name: category.name, lang: category.lang });
    }
  }
  return [...links.values()];
}

function mostUsed(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let most = 0;
  for (const [value, count] of counts) {
    if (count > most || (count === most && compareCodePoints(value, best) < 0)) {
      best = value;
      most = count;
    }
  }
  return best;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
