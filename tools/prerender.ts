/**
 * The site's pages: what each is made from, and how it is made.
 *
 * Every page goes through one mechanism, so that a build makes only the pages that changed:
 *
 * 1. `sitePageSpecs` describes every page before any is rendered, as a `PageSpec`: its file, its
 *    renderer (`kind`, one of `RENDERERS`), the renderer's `input` (plain data, sent to a thread),
 *    and its `key`: everything the page depends on besides the frame (for an article, its hash,
 *    the glossary entries it shows and the age its archive notice says; for a list, the slugs and
 *    hashes it lists and its neighbours). A new kind of page is a renderer in `RENDERERS` and
 *    specs from `sitePageSpecs` (or specs of its own handed to `makePages`).
 * 2. `makePages` gives each page, in each UI language, a key: a hash of the frame's key (the shell,
 *    stylesheet, scripts, policy and the code that renders: `frameKey`), the kind and the spec's
 *    key. A page whose file the last build made from the same key, untouched on disk since, is
 *    kept as it is (`Output.reuse`); the others are rendered (`renderPage`) by the build's threads
 *    (tools/build-jobs.ts), written, gzipped, and dropped: no rendered page stays in memory.
 *
 * A renderer must make its page from its input, the UI language and the frame alone: anything
 * else it reads must be in the key, or an incremental build would keep a page a clean one
 * changes (tests/unit/incremental.test.ts compares them byte for byte).
 */
import { createHash, hash } from 'node:crypto';
import { msg, str } from '../src/i18n/msg.js';
import { html, type TemplateResult } from 'lit';
import { uiLocale } from '../src/i18n/locale.js';
import {
  ARTICLES_PER_PAGE,
  ARTICLES_PER_TERM,
  ARTICLE_DATA_ID,
  archivePath,
  categoriesPath,
  categoryPath,
  feedPath,
  glossaryTermPath,
  homePath,
  localePrefix,
  type Locale,
} from '../src/routes.js';
import { glossaryText, shownEntryIds, type GlossaryEntry, type GlossaryText } from '../src/content/glossary.js';
import type { ArticlePageData, ArticleSummary, PublishedArticle } from '../src/content/types.js';
import { LOCALES } from '../src/sw/app-files.js';
import { articleFooterTemplate, articleTemplate } from '../src/templates/article.js';
import {
  articleCategoriesTemplate,
  categoryDescription,
  categoryIndexDescription,
  categoryIndexTemplate,
  categoryLabel,
  categoryPageTemplate,
  type CategoryIndexItem,
  type CategoryLink,
} from '../src/templates/category.js';
import { relativeAge } from '../src/templates/format.js';
import {
  glossaryPageTemplate,
  glossaryTermPageTemplate,
  type ArticleLink,
  type TermPage,
} from '../src/templates/glossary.js';
import { homeTemplate, type Pager } from '../src/templates/home.js';
import { libraryTemplate } from '../src/templates/library.js';
import { notFoundTemplate } from '../src/templates/not-found.js';
import { offlineShellTemplate } from '../src/templates/offline.js';
import { searchDescription, searchTemplate } from '../src/templates/search.js';
import { aboutWarta, pageTemplate } from '../src/templates/page.js';
import { categoriesOf, categoryLinks, type Category } from './categories.js';
import { recordOf, summarize, type ArticleRecord } from './content.js';
import type { Output, Written } from './output.js';
import { ARCHIVE_LIST, categoryList, termList, type PageKeeper } from './page-state.js';
import { renderTemplateToString } from './render-template.js';

/** One HTML file of the built site. */
export interface Page {
  readonly fileName: string;
  readonly title: string;
  readonly description: string;
  readonly body: string;
  /** Data for the app, carried after the body as a JSON block (never run). */
  readonly data?: { readonly id: string; readonly value: unknown };
}

/** Everything a page's `<head>` gets besides what the shell (index.html) has. */
export interface HeadParts {
  readonly css: string;
  readonly csp: string;
  /** The before-first-paint script, inlined (and allowed by its hash). */
  readonly script: string;
  /** The address of the browser script in the page's language (its entry, from Vite's manifest). */
  readonly module: string;
}

/** What every page is filled into: the shell and its head, per UI language. */
export interface Frame {
  readonly shell: string;
  readonly head: Readonly<Record<Locale, HeadParts>>;
}

const SITE = 'Warta';

/**
 * Renders a lit-html template to HTML: one template, two places. The build's renderer
 * (tools/render-template.ts) makes the HTML Lit's server renderer makes, without the markers it
 * adds for hydration: Warta never hydrates prerendered markup, and they cost bytes on every page.
 */
export function renderToString(template: TemplateResult): string {
  return (
    renderTemplateToString(template)
      // The templates' indentation: a run of white space renders as one space wherever it is not
      // preformatted (no page element is), and a newline keeps it one. 140 B of gzip an article page.
      .replace(/\n\s+/gu, '\n')
  );
}

/** A neighbour of a list page: the list's newest page, an archive page by number, or none. */
export type PageRef = 'newest' | number | null;

/** One page of a list given newest first: its items, its number (null: the newest page) and its neighbours. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly page: number | null;
  readonly newer: PageRef;
  readonly older: PageRef;
}

/**
 * Pages a list given newest first. The newest page shows the first 20; when there are more, the
 * archive holds them all, 20 a page from the oldest, each page newest first: a full page never
 * changes, and a new item changes the newest page and the last archive page (and, when it opens
 * a page, the one before, which gains its link). The newest page's "older" link leads to the
 * archive page holding the newest item it does not show.
 */
export function paged<T>(newestFirst: readonly T[]): {
  newest: ListPage<T>;
  archive: (ListPage<T> & { readonly page: number })[];
} {
  const count = newestFirst.length;
  const items = newestFirst.slice(0, ARTICLES_PER_PAGE);
  if (count <= ARTICLES_PER_PAGE) return { newest: { items, page: null, newer: null, older: null }, archive: [] };
  const pages = Math.ceil(count / ARTICLES_PER_PAGE);
  const archive = Array.from({ length: pages }, (_, index): ListPage<T> & { readonly page: number } => {
    const page = index + 1;
    // Counted from the oldest: page 1 holds items count-1 … count-20 of the newest-first list.
    const end = count - index * ARTICLES_PER_PAGE;
    return {
      items: newestFirst.slice(Math.max(0, end - ARTICLES_PER_PAGE), end),
      page,
      newer: page < pages ? page + 1 : 'newest',
      older: page > 1 ? page - 1 : null,
    };
  });
  // Index, from the oldest, of the newest item the newest page leaves out.
  const olderPage = Math.floor((count - ARTICLES_PER_PAGE - 1) / ARTICLES_PER_PAGE) + 1;
  return { newest: { items, page: null, newer: null, older: olderPage }, archive };
}

/** A list page's links in the current UI language, given where its newest page and its numbered pages live. */
function pagerOf(
  list: Pick<ListPage<unknown>, 'newer' | 'older'>,
  newestPath: string,
  pagePath: (page: number) => string,
): Pager {
  const path = (ref: PageRef): string | null => (ref === null ? null : ref === 'newest' ? newestPath : pagePath(ref));
  return { newer: path(list.newer), older: path(list.older) };
}

/** One of a term's pages: the term, a page of its articles, which page, and its neighbours. */
export type TermPageInput = TermPage & {
  readonly entry: GlossaryEntry;
  readonly articles: readonly ArticleLink[];
  readonly newer: PageRef;
  readonly older: PageRef;
};

/** An entry of the glossary page: the term, its newest few articles, and how many use it. */
export interface GlossaryInput {
  readonly entry: GlossaryEntry;
  readonly articles: readonly ArticleLink[];
  readonly count: number;
}

/** A page of a category's list: the category, the page's articles, and (its newest page only) how many it has. */
export interface CategoryPageInput extends Omit<ListPage<ArticleSummary>, 'items'> {
  readonly category: CategoryLink;
  readonly articles: readonly ArticleSummary[];
  /** Said on the newest page only, so a new article leaves the numbered pages as they are. */
  readonly count: number | null;
}

/** What renderers may read besides their input: the build's date, the whole article of a slug, the glossary. */
export interface RenderContext {
  /** The day archive notices say ages from. */
  readonly now: Date;
  /** The article of a slug, as published (tools/build-jobs.ts reads its JSON from the output). */
  readonly article: (slug: string) => PublishedArticle;
  /** The glossary's entries in the current UI language, by id. */
  readonly glossary: () => ReadonlyMap<string, GlossaryText>;
}

/** What a renderer makes: a page's words, in the current UI language, for the shell. */
export type PageContent = Omit<Page, 'fileName'>;

const description = (): string => msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.');
const savedDescription = (): string =>
  msg('Artikel yang pernah Anda buka disimpan di perangkat ini dan bisa dibaca tanpa sinyal.');

/**
 * Every kind of page, from its input to its content in the current UI language. Inputs are plain
 * data (a thread is sent them); the page's addresses come from the UI language at render time.
 */
export const RENDERERS = {
  /** Home (`page` null: the 20 newest, and a link to the categories when there are some) and the archive pages `/arsip/<n>/`. */
  list: (list: ListPage<ArticleSummary> & { readonly categories: boolean }): PageContent => {
    const locale = uiLocale();
    const pager = pagerOf(list, homePath(locale), (page) => archivePath(locale, page));
    const body = homeTemplate({ articles: list.items, page: list.page, pager, categories: list.categories });
    return {
      title: list.page === null ? SITE : `${msg(str`Artikel, halaman ${list.page}`)} · ${SITE}`,
      description: description(),
      body: renderToString(pageTemplate('home', body, aboutWarta())),
    };
  },
  library: (): PageContent => ({
    title: `${msg('Tersimpan')} · ${SITE}`,
    description: savedDescription(),
    body: renderToString(pageTemplate('library', libraryTemplate(), aboutWarta())),
  }),
  /** `/cari/`: the search results page (the results are the device's, rendered in the browser). */
  search: (): PageContent => ({
    title: `${msg('Cari')} · ${SITE}`,
    description: searchDescription(),
    // No footer about Warta: the page is kept with the app, in the precache's 60 KB.
    body: renderToString(pageTemplate('search', searchTemplate(), html``)),
  }),
  glossary: (items: readonly GlossaryInput[]): PageContent => {
    const locale = uiLocale();
    const localized = items.map((item) => ({ ...item, entry: glossaryText(item.entry, locale) }));
    return {
      title: `${msg('Glosarium')} · ${SITE}`,
      description: msg('Penjelasan singkat istilah dalam artikel Warta, ditulis oleh tim Warta.'),
      body: renderToString(pageTemplate('glossary', glossaryPageTemplate(localized), aboutWarta())),
    };
  },
  /** `/glosarium/<id>/` (`page` null) and its older pages `/glosarium/<id>/<n>/`. */
  'glossary-term': (term: TermPageInput): PageContent => {
    const locale = uiLocale();
    const entry = glossaryText(term.entry, locale);
    const page = term.page;
    const pager = pagerOf(term, glossaryTermPath(locale, entry.id), (n) => glossaryTermPath(locale, entry.id, n));
    return {
      title: `${entry.term}${page === null ? '' : ` (${String(page)})`} · ${msg('Glosarium')} · ${SITE}`,
      description: truncate(entry.definition, 160),
      body: renderToString(
        pageTemplate('glossary', glossaryTermPageTemplate(entry, term.articles, term, pager), aboutWarta()),
      ),
    };
  },
  /** `/kategori/`: every category with its number of articles. */
  'category-index': (items: readonly CategoryIndexItem[]): PageContent => ({
    title: `${categoryLabel()} · ${SITE}`,
    description: categoryIndexDescription(),
    body: renderToString(pageTemplate('home', categoryIndexTemplate(items), aboutWarta())),
  }),
  /** `/kategori/<id>/` (`page` null: its 20 newest) and its older pages `/kategori/<id>/<n>/`, paged like the archive. */
  category: (input: CategoryPageInput): PageContent => {
    const locale = uiLocale();
    const { category, page } = input;
    const pager = pagerOf(input, categoryPath(locale, category.id), (n) => categoryPath(locale, category.id, n));
    // The count is said on the newest page only (categoryPageTemplate), so the others need none.
    const body = categoryPageTemplate(category, input.count ?? 0, input.articles, page, pager);
    return {
      title: `${category.name}${page === null ? '' : ` (${String(page)})`} · ${categoryLabel()} · ${SITE}`,
      description: categoryDescription(category.name),
      body: renderToString(pageTemplate('home', body, aboutWarta())),
    };
  },
  offline: (): PageContent => ({
    title: SITE,
    description: savedDescription(),
    body: renderToString(pageTemplate('offline', offlineShellTemplate(), html``)),
  }),
  'not-found': (): PageContent => ({
    title: `${msg('Halaman tidak ditemukan')} · ${SITE}`,
    description: msg('Halaman tidak ditemukan'),
    body: renderToString(pageTemplate('not-found', notFoundTemplate(), aboutWarta())),
  }),
  /** `/artikel/<slug>/`: the article, its categories, and the data block the app keeps it from. */
  article: (
    { slug, categories }: { readonly slug: string; readonly categories: readonly CategoryLink[] },
    context: RenderContext,
  ): PageContent => {
    const article = context.article(slug);
    const texts = context.glossary();
    const footer = html`${articleCategoriesTemplate(categories)}${articleFooterTemplate(article, texts)}`;
    return {
      title: `${article.title.text} · ${SITE}`,
      description: truncate(article.lead.text, 160),
      body: renderToString(pageTemplate('article', articleTemplate(article, texts, context.now), footer)),
      data: { id: ARTICLE_DATA_ID, value: articlePageData(article, texts) },
    };
  },
} as const;

export type PageKind = keyof typeof RENDERERS;
export type RendererInput<K extends PageKind> = Parameters<(typeof RENDERERS)[K]>[0];

/** A page of the site, described before it is made (see the top of this file). */
export type PageSpec = {
  readonly [K in PageKind]: {
    /** Its file in Indonesian, at the root (`artikel/<slug>/index.html`); English's is under `en/`. */
    readonly fileName: string;
    readonly kind: K;
    readonly input: RendererInput<K>;
    /** Everything the page depends on besides the frame and the UI language: plain data, hashed. */
    readonly key: unknown;
  };
}[PageKind];

/** Makes one page's content, in the current UI language. */
export function renderPage(spec: Pick<PageSpec, 'kind' | 'input'>, context: RenderContext): PageContent {
  // The union of renderers takes the union of inputs only as their intersection; a spec's kind and
  // input always belong together (PageSpec), so the call is made through one signature.
  const renderer = RENDERERS[spec.kind] as (input: unknown, context: RenderContext) => PageContent;
  return renderer(spec.input, context);
}

/** A page's file in a UI language: Indonesian at the root, English under `en/`. */
export function localeFile(locale: Locale, fileName: string): string {
  const prefix = localePrefix(locale).replace(/^\//u, '');
  return prefix === '' ? fileName : `${prefix}/${fileName}`;
}

/** The archive notice's age of an article in each UI language: the one thing its page takes from the build's date. */
function ages(date: string | null, now: Date, known: Map<string, (string | null)[]>): (string | null)[] {
  if (date === null) return [];
  // Articles share dates: an archive of 100,000 has a few thousand.
  let said = known.get(date);
  if (said === undefined) {
    said = LOCALES.map((locale) => relativeAge(date, now, locale));
    known.set(date, said);
  }
  return said;
}

/**
 * Every page of the site: home and the archive behind it, the library, the glossary (and a page
 * for each term used in more articles than it lists, paged the same way), the categories (their
 * index, and each one's pages, paged the same way), the search results page, the offline shell,
 * the 404 page and one page per article. `articles` newest first. One at a time, as `makePages` takes them, so that an
 * archive's inputs are never all in memory.
 */
export function* sitePageSpecs(
  articles: readonly ArticleRecord[],
  glossary: readonly GlossaryEntry[],
  now: Date,
  categories: readonly Category<ArticleRecord>[] = categoriesOf(articles),
  terms: readonly { readonly entry: GlossaryEntry; readonly articles: readonly ArticleRecord[] }[] = termItems(
    articles,
    glossary,
  ),
  /** Which pages the last build made as they are (tools/page-state.ts): those are kept, not described. */
  keeper?: PageKeeper,
): Generator<PageSpec> {
  const hasCategories = categories.length > 0;
  // A list page's input is made only when the page is (a getter): an archive's build keeps
  // 50,000 list pages, and their summaries were a million objects made for nothing.
  const listPage = (page: ListPage<ArticleRecord>): PageSpec => {
    // Home links the categories; the archive pages do not.
    const linked = { categories: page.page === null && hasCategories };
    return {
      fileName: page.page === null ? 'index.html' : `arsip/${String(page.page)}/index.html`,
      kind: 'list',
      get input() {
        return { ...page, ...linked, items: page.items.map(summarize) };
      },
      key: { ...page, ...linked, items: page.items.map(articleKey) },
    };
  };
  const list = paged(articles);
  yield listPage(list.newest);
  for (const page of list.archive) {
    if (keeper?.listPage(ARCHIVE_LIST, page.page, `arsip/${String(page.page)}/index.html`) !== true) {
      yield listPage(page);
    }
  }
  yield { fileName: 'tersimpan/index.html', kind: 'library', input: undefined, key: null };
  yield { fileName: 'cari/index.html', kind: 'search', input: undefined, key: null };

  // An entry's words by a hash of them: an article page's key names each entry it shows, and a
  // term page's its own; 100,000 keys would otherwise carry the same definitions again and again.
  const entries = new Map(
    glossary.map((entry) => [entry.id, createHash('sha256').update(JSON.stringify(entry)).digest('base64url')]),
  );
  const newest = terms.map(({ entry, articles: usedBy }) => ({
    entry,
    usedBy: usedBy.slice(0, ARTICLES_PER_TERM),
    count: usedBy.length,
  }));
  yield {
    fileName: 'glosarium/index.html',
    kind: 'glossary',
    input: newest.map(({ entry, usedBy, count }) => ({ entry, articles: usedBy.map(linkOf), count })),
    key: newest.map(({ entry, usedBy, count }) => ({ entry, articles: usedBy.map(articleKey), count })),
  };
  for (const { entry, articles: usedBy } of terms) {
    if (usedBy.length <= ARTICLES_PER_TERM) continue;
    const term = paged(usedBy);
    for (const { items, page, newer, older } of [term.newest, ...term.archive]) {
      const which: TermPage = page === null ? { page, count: usedBy.length } : { page };
      const fileName = `${glossaryTermPath('id', entry.id, page).slice(1)}index.html`;
      if (page !== null && keeper?.listPage(termList(entry.id), page, fileName) === true) continue;
      yield {
        fileName,
        kind: 'glossary-term',
        get input() {
          return { ...which, entry, articles: items.map(linkOf), newer, older };
        },
        key: { ...which, entry: entries.get(entry.id), articles: items.map(articleKey), newer, older },
      };
    }
  }
  if (hasCategories) yield* categoryPageSpecs(categories, keeper);
  yield { fileName: 'offline/index.html', kind: 'offline', input: undefined, key: null };
  yield { fileName: '404.html', kind: 'not-found', input: undefined, key: null };

  const categoryById = new Map(categories.map((category) => [category.id, category]));
  const agesByDate = new Map<string, (string | null)[]>();
  for (const [place, article] of articles.entries()) {
    const fileName = `artikel/${article.slug}/index.html`;
    if (keeper?.article(article, fileName, place) === true) continue;
    const shown = [...article.glossary, ...(article.publisherEntry === null ? [] : [article.publisherEntry])];
    // Its categories as linked: a category's name is the one most of its articles give it.
    const links = categoryLinks(article, categoryById);
    yield {
      fileName,
      kind: 'article',
      input: { slug: article.slug, categories: links },
      key: {
        hash: article.hash,
        ages: ages(article.date, now, agesByDate),
        glossary: shown.map((id) => entries.get(id)),
        categories: links,
      },
    };
  }
}

/**
 * The category pages: the index `/kategori/` and each category's `/kategori/<id>/`, paged like the
 * archive, so a new article changes its categories' newest and last pages, and the index's counts.
 */
export function* categoryPageSpecs(
  categories: readonly Category<ArticleRecord | PublishedArticle>[],
  keeper?: PageKeeper,
): Generator<PageSpec> {
  const index: CategoryIndexItem[] = categories.map(({ id, name, lang, articles }) => ({
    id,
    name,
    lang,
    count: articles.length,
  }));
  yield { fileName: `${categoriesPath('id').slice(1)}index.html`, kind: 'category-index', input: index, key: index };
  for (const { id, name, lang, articles } of categories) {
    const category = { id, name, lang };
    const list = paged(articles);
    for (const { items, page, newer, older } of [list.newest, ...list.archive]) {
      const count = page === null ? articles.length : null;
      const fileName = `${categoryPath('id', id, page).slice(1)}index.html`;
      if (page !== null && keeper?.listPage(categoryList(id), page, fileName) === true) continue;
      yield {
        fileName,
        kind: 'category',
        get input() {
          return { category, count, page, newer, older, articles: items.map(summarize) };
        },
        key: { category, count, page, newer, older, articles: items.map(articleKey) },
      };
    }
  }
}

/**
 * The ages an article of this date says in each UI language, as JSON: what its page's key takes
 * from the build's date, and what the pages' record compares (made once a date).
 */
export function agesKey(now: Date): (date: string | null) => string {
  const known = new Map<string, (string | null)[]>();
  const said = new Map<string, string>();
  return (date) => {
    const key = date ?? '';
    let json = said.get(key);
    if (json === undefined) {
      json = JSON.stringify(ages(date, now, known));
      said.set(key, json);
    }
    return json;
  };
}

/** What a list shows of an article is made from: its slug and its content. */
function articleKey(article: { readonly slug: string; readonly hash: string }): string {
  // Made once an article: each is in the archive, a few terms' and categories' lists.
  let key = articleKeys.get(article);
  if (key === undefined) {
    key = `${article.slug} ${article.hash}`;
    articleKeys.set(article, key);
  }
  return key;
}

const articleKeys = new WeakMap<object, string>();

function linkOf(article: ArticleRecord): ArticleLink {
  return { slug: article.slug, title: article.title, lang: article.lang };
}

/**
 * Every entry some article uses (or names as its publisher), alphabetically (Indonesian collation),
 * with the articles that use it, newest first (as `articles` is given).
 */
export function termItems(
  articles: readonly ArticleRecord[],
  glossary: readonly GlossaryEntry[],
): { entry: GlossaryEntry; articles: ArticleRecord[]; places: number[] }[] {
  // Each entry's articles, and their places in `articles` (the pages' record keeps lists by place).
  const users = new Map<string, { articles: ArticleRecord[]; places: number[] }>(
    glossary.map((entry) => [entry.id, { articles: [], places: [] }]),
  );
  const publishers = new Set<string>();
  for (const [place, article] of articles.entries()) {
    for (const id of article.glossary) {
      const used = users.get(id);
      used?.articles.push(article);
      used?.places.push(place);
    }
    if (article.publisherEntry !== null) publishers.add(article.publisherEntry);
  }
  const collator = new Intl.Collator('id', { sensitivity: 'base' });
  return glossary
    .map((entry) => ({ entry, ...(users.get(entry.id) ?? { articles: [], places: [] }) }))
    .filter((item) => item.articles.length > 0 || publishers.has(item.entry.id))
    .sort((a, b) => collator.compare(a.entry.term, b.entry.term));
}

/** A frame's key: a change to it makes every page again. */
export function frameKey(frame: Frame, sources: string): string {
  return createHash('sha256').update(JSON.stringify({ frame, sources })).digest('hex');
}

/** The key a page's files are made from: the frame's, the kind's and the spec's. */
export function pageKey(frame: string, spec: Pick<PageSpec, 'kind' | 'key'>): string {
  // One call, no hash object: an archive's build makes 150,000 of these.
  return hash('sha256', `${frame}\0${spec.kind}\0${JSON.stringify(spec.key)}`, 'base64url').slice(0, 22);
}

/** A page to make in every UI language, as sent to a thread: its spec, key, and the last build's record of each file. */
export interface RenderTask {
  readonly fileName: string;
  readonly kind: PageKind;
  readonly input: unknown;
  readonly key: string;
  readonly last: Readonly<Partial<Record<Locale, Written>>>;
}

/** A file a thread wrote (or found unchanged), with its record: whether its content and its gzip copy are new. */
export interface WrittenFile {
  readonly path: string;
  readonly record: Written;
  readonly changed: boolean;
  readonly compressed: boolean;
}

/** How many pages (in every UI language) a build made, and how many it kept as they were. */
export interface PageCounts {
  readonly rendered: number;
  readonly reused: number;
}

/** Who makes the pages that must be made: the build's threads (tools/build-pool.ts). */
export interface PageMaker {
  /** Makes pages in every UI language and answers with the files it wrote. */
  render: (tasks: readonly RenderTask[]) => Promise<WrittenFile[]>;
  /** Resolves when more pages may be sent: the maker's queue is kept short. */
  room: () => Promise<void>;
  /** Resolves when every page sent is made. */
  drain: () => Promise<void>;
}

/** Pages sent to a thread at once: enough that messages cost little, few enough to share out evenly. */
const RENDER_BATCH = 16;

/**
 * The mechanism every page goes through (see the top of this file): each spec's files are kept
 * when the last build made them from the same key and they are untouched on disk, and the others
 * are sent to `maker` a few at a time as the specs come, their records taken back as they are
 * written. Counts pages, not files: a page is its file in every UI language.
 */
export async function makePages(
  specs: Iterable<PageSpec>,
  output: Output,
  frame: string,
  maker: PageMaker,
): Promise<PageCounts> {
  let rendered = 0;
  let reused = 0;
  let batch: RenderTask[] = [];
  const made: Promise<void>[] = [];
  const send = (): void => {
    const tasks = batch;
    batch = [];
    const adopted = maker.render(tasks).then((files) => {
      for (const file of files) output.adopt(file.path, file.record, file.changed, file.compressed);
    });
    // Handled at the end (Promise.all below); marked handled now so an early failure waits for it.
    adopted.catch(() => undefined);
    made.push(adopted);
  };
  for (const spec of specs) {
    const key = pageKey(frame, spec);
    const files = LOCALES.map((locale) => localeFile(locale, spec.fileName));
    // Every language's file kept, or the page made again in all of them.
    if (files.every((file) => output.reuse(file, key))) {
      reused += 1;
      continue;
    }
    const last = Object.fromEntries(LOCALES.map((locale) => [locale, output.last(localeFile(locale, spec.fileName))]));
    batch.push({ fileName: spec.fileName, kind: spec.kind, input: spec.input, key, last });
    rendered += 1;
    if (batch.length >= RENDER_BATCH) {
      send();
      await maker.room();
    }
  }
  if (batch.length > 0) send();
  await maker.drain();
  await Promise.all(made);
  return { rendered, reused };
}

/**
 * Every page in the current UI language, rendered here and now: the specs of `sitePageSpecs`
 * through `renderPage`, for tests and tools that want the pages themselves (`articles` newest first).
 */
export function sitePages(
  articles: readonly PublishedArticle[],
  glossary: readonly GlossaryEntry[],
  now: Date,
  categories?: readonly Category[],
): Page[] {
  const records = articles.map((article) => recordOf(article, 0));
  const byRecord = new Map(records.map((record, index) => [record, articles[index]]));
  const recordCategories = categories?.map((category) => ({
    ...category,
    articles: category.articles.map((article) => records[articles.indexOf(article)] ?? recordOf(article, 0)),
  }));
  const bySlug = new Map([...byRecord].map(([record, article]) => [record.slug, article]));
  return renderHere(sitePageSpecs(records, glossary, now, recordCategories), glossary, now, (slug) => bySlug.get(slug));
}

/** Specs rendered here and now, in the current UI language (tests, and the few pages tools render themselves). */
export function renderHere(
  specs: Iterable<PageSpec>,
  glossary: readonly GlossaryEntry[],
  now: Date,
  article: (slug: string) => PublishedArticle | undefined = () => undefined,
): Page[] {
  const context: RenderContext = {
    now,
    article: (slug) => {
      const found = article(slug);
      if (found === undefined) throw new Error(`no article ${slug}`);
      return found;
    },
    glossary: () => new Map(glossary.map((entry) => [entry.id, glossaryText(entry, uiLocale())])),
  };
  return [...specs].map((spec) => ({ fileName: localeFile(uiLocale(), spec.fileName), ...renderPage(spec, context) }));
}

/**
 * Fills the page shell (`index.html`) with one page and the script of its language. The policy
 * comes first in `<head>` so it governs everything after it; the manifest link comes before the
 * first-paint script, which removes it from a page it sends to the other language.
 */
export function fillShell(shell: string, page: Page, head: HeadParts): string {
  const headHtml = [
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(head.csp)}" />`,
    `<title>${escapeText(page.title)}</title>`,
    `<meta name="description" content="${escapeAttribute(page.description)}" />`,
    '<meta name="color-scheme" content="light dark" />',
    '<meta name="theme-color" content="#fdfcf9" media="(prefers-color-scheme: light)" />',
    '<meta name="theme-color" content="#141413" media="(prefers-color-scheme: dark)" />',
    '<link rel="manifest" href="/manifest.webmanifest" />',
    '<link rel="icon" href="/icons/favicon.ico" sizes="48x48" />',
    '<link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />',
    '<link rel="apple-touch-icon" href="/icons/apple-touch-icon-180x180.png" />',
    // Warta's feeds in the page's language, for feed readers to find.
    `<link rel="alternate" type="application/rss+xml" href="${feedPath(uiLocale(), 'rss')}" title="Warta" />`,
    `<link rel="alternate" type="application/feed+json" href="${feedPath(uiLocale(), 'json')}" title="Warta" />`,
    `<script>${head.script}</script>`,
    `<style>${head.css}</style>`,
  ].join('\n    ');
  const filled = shell
    .replace(
      '<html lang="id">',
      // A 404 must not redirect to the other language's 404 and back.
      `<html lang="${uiLocale()}"${page.fileName.endsWith('404.html') ? ' data-no-locale-redirect' : ''}>`,
    )
    .replace('<!--warta:head-->', () => headHtml)
    .replace(
      '<!--warta:script-->',
      () => `<script type="module" crossorigin src="${escapeAttribute(head.module)}"></script>`,
    )
    .replace('<!--warta:body-->', () => page.body + (page.data === undefined ? '' : dataBlock(page.data)));
  if (filled.includes('<!--warta:')) throw new Error('index.html lost a <!--warta:…--> placeholder');
  return filled;
}

/** What an article page carries for the app: the article, and the entries it uses in the page's language. */
function articlePageData(article: PublishedArticle, texts: ReadonlyMap<string, GlossaryText>): ArticlePageData {
  const glossary = shownEntryIds(article.glossary)
    .map((id) => texts.get(id))
    .filter((text) => text !== undefined);
  const data = { article, glossary };
  // The article's JSON as read from the output, where it is known: the page carries it as it is.
  const json = knownJson.get(article);
  if (json !== undefined) knownJson.set(data, `{"article":${json},"glossary":${JSON.stringify(data.glossary)}}`);
  return data;
}

/** JSON already written for a value (read from the output): `JSON.stringify` of it, known. */
const knownJson = new WeakMap<object, string>();

/** Notes that `json` is `JSON.stringify(value)`, so a page carrying the value uses it as it is. */
export function rememberJson(value: object, json: string): void {
  knownJson.set(value, json);
}

/**
 * A `<script type="application/json">` block: data, not code, so no policy hash is needed. Every
 * `<` is escaped in the JSON itself, so no text can close the element or open a comment.
 */
function dataBlock(data: { readonly id: string; readonly value: unknown }): string {
  const known = typeof data.value === 'object' && data.value !== null ? knownJson.get(data.value) : undefined;
  const json = (known ?? JSON.stringify(data.value)).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${escapeAttribute(data.id)}">${json}</script>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;');
}
