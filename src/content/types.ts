import type { GlossaryText } from './glossary.js';
import type { GlossaryMark } from './glossary-match.js';

/**
 * The data shapes every part of Warta shares: the parser produces them, the build writes them as
 * JSON, the templates render them and IndexedDB stores them (the records below). No DOM, no Lit.
 */

/**
 * Where a piece of text came from in the raw file: UTF-16 offsets `[start, end)` into the decoded
 * text (front matter included) and the 1-based line of `start`.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** A piece of the publisher's text, verbatim, with the span it was cut from. */
export interface TextPart {
  readonly text: string;
  readonly span: Span;
}

/**
 * "Jenewa, MINA –", "Jakarta, 23 Februari 2013 (MINA) –", "Cikarang, Kab. Bekasi, MINA –",
 * "MINA –", "Bandung –".
 */
export interface Dateline extends TextPart {
  /** "Jenewa", "Bekasi, Cikarang"; empty when the dateline names no place. */
  readonly place: string;
  /** "MINA"; empty when the dateline names no agency. */
  readonly agency: string;
  /** The date as written, Hijri part included, or null when the dateline has none. */
  readonly dateText: string | null;
  /** The Gregorian date of `dateText` as YYYY-MM-DD, when one could be read. */
  readonly isoDate: string | null;
}

/** The headline: from front matter, or derived from the lead when the source has none. */
export interface Title {
  readonly text: string;
  /** True when Warta took it from the lead's first clause, not from front matter. */
  readonly derived: boolean;
}

export interface Publisher {
  readonly name: string;
  readonly url: string | null;
}

/** What a block of the body is: a line marker (`format: marked`) or the plain text's shape says it. */
export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'ordered-item' | 'quote' | 'caption';

/** One block of the body after the lead: one line of the file, its marker (if any) left out. */
export interface Block extends TextPart {
  readonly kind: BlockKind;
}

/** A line above the dateline: the publisher's headline, or the caption of a photo Warta does not show. */
export interface AboveDateline extends TextPart {
  readonly kind: 'headline' | 'caption';
}

/** Where an imported article came from: the source's key and the source's own id for it. */
export interface SourceRef {
  /** `minanews-net`: lowercase letters, digits and hyphens. */
  readonly key: string;
  /** The source's id, verbatim: a WordPress post id, an RSS guid, an Atom id. */
  readonly id: string;
}

/**
 * A publisher's article, structured. Every field cut from the text keeps its span; together with
 * `frontMatter` the spans cover every non-blank character of a plain input exactly once (in a
 * marked input, every one but the line markers).
 */
export interface Article {
  readonly title: Title;
  /**
   * Publication date, YYYY-MM-DD: front matter's `date`, else `published` in its own zone, else
   * the dateline's date, else null.
   */
  readonly date: string | null;
  /** BCP 47 language of the article text (not of Warta's UI). */
  readonly lang: string;
  readonly publisher: Publisher | null;
  /** The front-matter block, delimiters included, or null when the file has none. */
  readonly frontMatter: Span | null;
  readonly source: SourceRef | null;
  /** The publisher's address of the article (`https:`), or null. */
  readonly url: string | null;
  /** Publication and last modification time, ISO 8601 with their zone, as front matter gives them. */
  readonly published: string | null;
  readonly modified: string | null;
  /** The author's name as the source gives it (front matter), not the byline in the text. */
  readonly author: string | null;
  readonly categories: readonly string[];
  /** The publisher profile whose conventions read the text (src/content/profiles/). */
  readonly profile: string;
  /** A headline or photo caption line above the dateline. */
  readonly aboveDateline: AboveDateline | null;
  /** "Oleh: Nama*", "By Name, Role": who wrote it, as the text says. */
  readonly byline: TextPart | null;
  readonly dateline: Dateline | null;
  readonly lead: TextPart;
  /** The blocks after the lead, in order. */
  readonly paragraphs: readonly Block[];
  /** Every "Baca Juga:" / "Also Read:" line: the publisher's promotions of other articles. */
  readonly readAlso: readonly ReadAlsoItem[];
  /** "Mi’raj News Agency (MINA)". */
  readonly sourceLine: TextPart | null;
  /** "(T/Hju/P2)": the editors' initials at the end of the last paragraph. */
  readonly editorCode: TextPart | null;
  /** "Wartawan: Nama", "Editor: Nama": credit lines at the end. */
  readonly credits: readonly TextPart[];
  /** Other lines after the source line (an invitation to a messaging channel) and end markers ("[Nama]", "[]"). */
  readonly trailer: readonly TextPart[];
}

export interface ReadAlsoItem extends TextPart {
  /** The promoted headline, without the "Baca Juga:" label. */
  readonly headline: string;
  /** The publisher's link to it (`https:` only), when the source gives one. */
  readonly url: string | null;
}

/**
 * The glossary terms an article uses, found at build time, by entry id: the definitions are
 * published apart (`/articles/glossary-<lang>.json`, and each article page carries the ones it
 * uses), so editing a definition changes no article's JSON or hash and re-sends no article.
 */
export interface ArticleGlossary {
  /** The id of every entry marked in the text, in order of first use: the glossary section lists these. */
  readonly entries: readonly string[];
  readonly marks: readonly GlossaryMark[];
  /** The id of the entry that explains the publisher (MINA), shown where the footer names it. */
  readonly publisher: string | null;
}

/** The data block an article page carries: the article and the glossary entries it uses, in the page's language. */
export interface ArticlePageData {
  readonly article: PublishedArticle;
  readonly glossary: readonly GlossaryText[];
}

/**
 * A parsed value as the build publishes it: without the source spans, which serve the parser and
 * its tests (where each field came from in the file) and would cost every reader about 230 B of
 * gzip on each article page (issue 13).
 */
export type Unspanned<T> = T extends readonly (infer U)[]
  ? readonly Unspanned<U>[]
  : T extends object
    ? { readonly [K in keyof T as K extends 'span' | 'frontMatter' ? never : K]: Unspanned<T[K]> }
    : T;

/** An article as the build publishes it: without spans, with its URL slug and a hash of its content. */
export interface PublishedArticle extends Unspanned<Article> {
  readonly slug: string;
  readonly glossary: ArticleGlossary;
  /** SHA-256 (hex) of the article JSON without this field: changes whenever the content does. */
  readonly hash: string;
}

/** An article as a list shows it: what the home page, the archive and the library need. */
export interface ArticleSummary {
  readonly slug: string;
  readonly hash: string;
  readonly title: string;
  readonly date: string | null;
  readonly lead: string;
  readonly lang: string;
}

export type ParseErrorCode =
  | 'empty'
  | 'binary'
  | 'bidi-control'
  | 'too-long'
  | 'invalid-utf8'
  | 'front-matter-unclosed'
  | 'front-matter-malformed'
  | 'read-also-empty'
  | 'no-paragraphs';

/** Why a text is not an article, and where: `line` is 1-based. */
export interface ParseError {
  readonly code: ParseErrorCode;
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly error: ParseError };

/** An article kept on the device. */
export interface StoredArticle {
  readonly slug: string;
  readonly article: PublishedArticle;
  /** The article's content hash, to tell whether the network has a newer version. */
  readonly hash: string;
  /** When this copy was fetched (ms since the epoch). */
  readonly fetchedAt: number;
  /** When the reader last opened it: eviction removes the least recently read first. */
  readonly lastReadAt: number;
  /** Bytes of the article's JSON, shown to the reader and counted against the bound. */
  readonly size: number;
  /** Saved on purpose ("Simpan untuk dibaca offline"): never evicted. */
  readonly pinned: boolean;
  /**
   * Present only on an article that sync downloaded and the reader has not opened yet ("belum
   * dibaca"): opening it removes the mark. Such articles are evicted before any the reader opened.
   */
  readonly unread?: true;
}

/** A setting: the key names it; the value is validated by whoever reads it. */
export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/** Where a reader was in an article. */
export interface ReadingPosition {
  readonly slug: string;
  /** 0-based index of the paragraph at the top of the screen. */
  readonly paragraph: number;
  readonly updatedAt: number;
}

/**
 * An article written (kept, refreshed, restored) or removed since the search index last took it
 * in. `mark` changes at each write, so the index clears a mark only if no write came after it read it.
 */
export interface SearchPendingMark {
  readonly slug: string;
  readonly mark: number;
}
