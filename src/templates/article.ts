import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { GlossaryText } from '../content/glossary.js';
import type { GlossaryMark } from '../content/glossary-match.js';
import { profileNotes } from '../content/profiles/index.js';
import { articleSize } from '../content/size.js';
import type { Block, PublishedArticle, ReadAlsoItem, Unspanned } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { glossaryEntryId, glossaryRefId } from '../routes.js';
import { formatDate, relativeAge } from './format.js';
import { glossarySectionTemplate } from './glossary.js';
import { aboutWarta } from './page.js';

/**
 * The article view: the one template for an article, rendered to a string at build time and,
 * later, into an empty container by the offline shell. Light DOM only, so the text is there for
 * find-in-page, reader modes and readers without JavaScript.
 *
 * The publisher's text carries the article's own `lang`; Warta's words around it (notices,
 * labels) inherit the UI language from `<html lang>`.
 *
 * `glossary` holds the entries the article uses, in the UI language, by id: the build's, or those
 * the device kept with the article. A term whose entry is missing is shown as plain text.
 *
 * `now` is when the page is rendered; `<warta-age>` corrects the archive notice's age in the
 * browser when the build is older than the visit.
 */
export function articleTemplate(
  article: PublishedArticle,
  glossary: ReadonlyMap<string, GlossaryText>,
  now: Date,
): TemplateResult {
  const lang = article.lang;
  // Not reformatted: Prettier would put the line above the dateline on a line of its own, and
  // every page without one would gain white space (the seed's page stays byte for byte).
  // prettier-ignore
  return html`<article class="article" aria-labelledby="judul">
      <header class="article-header">
        <h1 id="judul" lang=${lang}>${article.title.text}</h1>
        ${renderMeta(article)} ${renderArchiveNotice(article, now)}
        <warta-article-tools
          slug=${article.slug}
          hash=${article.hash}
          size=${articleSize(article)}
        ></warta-article-tools>
        ${renderListen(article)}
      </header>
      ${renderAboveDateline(article)}<p class="lead" lang=${lang} elementtiming="lead">
        ${
          article.dateline === null ? nothing : html`<span class="dateline">${article.dateline.text}</span> `
        }${renderMarked(article, 0, glossary)}
      </p>
      ${renderBlocks(article, glossary)}
      <warta-share headline=${article.title.text}></warta-share>
      ${renderArticleFooter(article)} ${glossarySectionTemplate(usedEntries(article, glossary))}
      <warta-reader slug=${article.slug}></warta-reader>
    </article>
    ${renderReadAlso(article)}`;
}

/**
 * Read aloud: a plain button, shown (page.css) only where the before-first-paint script found
 * speech synthesis; its first press loads `<warta-listen>`, which takes it over (src/main.ts).
 */
function renderListen(article: PublishedArticle): TemplateResult {
  return html`<warta-listen slug=${article.slug} publisher=${article.publisher?.name ?? ''}
    ><button type="button" class="button">${msg('Dengarkan')}</button></warta-listen
  >`;
}

/**
 * A part of the body (0: lead, 1…: paragraphs) with its glossary terms as links to the glossary
 * section. `<warta-term>` turns each into a toggletip; without script the link is the way in.
 */
/**
 * The blocks after the lead, each as what it is: a paragraph (`article > p[lang]`, which the
 * reading position counts), a sub-heading (`h2`, which it does not), consecutive list items as one
 * `ul` or `ol`, consecutive quotations as one `blockquote`, a caption as `p.caption`.
 */
function renderBlocks(article: PublishedArticle, glossary: ReadonlyMap<string, GlossaryText>): TemplateResult[] {
  const lang = article.lang;
  const out: TemplateResult[] = [];
  const blocks = article.paragraphs;
  for (let index = 0; index < blocks.length;) {
    const block = blocks[index];
    if (block === undefined) break;
    const part = index + 1;
    if (block.kind === 'list-item' || block.kind === 'ordered-item' || block.kind === 'quote') {
      const run = runOf(blocks, index);
      const items = run.map((offset) => renderMarked(article, part + offset, glossary));
      out.push(
        block.kind === 'quote'
          ? html`<blockquote lang=${lang}>${items.map((item) => html`<p>${item}</p>`)}</blockquote>`
          : block.kind === 'list-item'
            ? html`<ul lang=${lang}>
                ${items.map((item) => html`<li>${item}</li>`)}
              </ul>`
            : html`<ol lang=${lang}>
                ${items.map((item) => html`<li>${item}</li>`)}
              </ol>`,
      );
      index += run.length;
      continue;
    }
    const text = renderMarked(article, part, glossary);
    out.push(
      block.kind === 'heading'
        ? html`<h2 lang=${lang}>${text}</h2>`
        : block.kind === 'caption'
          ? html`<p class="caption" lang=${lang}>${text}</p>`
          : html`<p lang=${lang}>${text}</p>`,
    );
    index += 1;
  }
  return out;
}

/** The offsets (0, 1, …) of the blocks from `start` on that are of its kind, without a break. */
function runOf(blocks: readonly Unspanned<Block>[], start: number): number[] {
  const kind = blocks[start]?.kind;
  const run: number[] = [];
  while (blocks[start + run.length]?.kind === kind) run.push(run.length);
  return run;
}

/**
 * A photo caption above the dateline (the photo itself is not shown), or the publisher's
 * headline when it is not already the page's `h1`.
 */
function renderAboveDateline(article: PublishedArticle): TemplateResult | typeof nothing {
  const above = article.aboveDateline;
  if (above === null || (above.kind === 'headline' && above.text === article.title.text)) return nothing;
  return html`<p class=${above.kind === 'caption' ? 'caption' : 'above-dateline'} lang=${article.lang}>
    ${above.text}
  </p>`;
}

/** The entries the article uses that `glossary` has, in order of first use. */
function usedEntries(article: PublishedArticle, glossary: ReadonlyMap<string, GlossaryText>): GlossaryText[] {
  return article.glossary.entries.map((id) => glossary.get(id)).filter((entry) => entry !== undefined);
}

function renderMarked(article: PublishedArticle, part: number, glossary: ReadonlyMap<string, GlossaryText>): unknown[] {
  const text = part === 0 ? article.lead.text : (article.paragraphs[part - 1]?.text ?? '');
  const marks = article.glossary.marks
    .filter((mark) => mark.part === part && glossary.has(mark.entry))
    .sort((a, b) => a.start - b.start);
  const out: unknown[] = [];
  let position = 0;
  for (const mark of marks) {
    out.push(text.slice(position, mark.start), renderTerm(mark, text.slice(mark.start, mark.end)));
    position = mark.end;
  }
  out.push(text.slice(position));
  return out;
}

function renderTerm(mark: GlossaryMark, text: string): TemplateResult {
  return html`<warta-term entry=${mark.entry} id=${glossaryRefId(mark.entry)}
    ><a href=${`#${glossaryEntryId(mark.entry)}`} role="doc-glossref">${text}</a></warta-term
  >`;
}

/** What the page footer says about an article: whose text it is, and whose headline. */
export function articleFooterTemplate(
  article: PublishedArticle,
  glossary: ReadonlyMap<string, GlossaryText>,
): TemplateResult {
  const publisher = article.publisher;
  const publisherEntry = article.glossary.publisher === null ? undefined : glossary.get(article.glossary.publisher);
  return html`${
      publisher === null
        ? nothing
        : html`<p>
            ${msg('Naskah:')}
            ${
              publisher.url === null
                ? publisher.name
                : html`<a href=${publisher.url} rel="external noopener">${publisher.name}</a>`
            }.
            ${msg('Teks ditampilkan apa adanya, tanpa diubah.')}
          </p>`
    }
    ${
      publisherEntry === undefined
        ? nothing
        : html`<p class="publisher-note" lang=${publisherEntry.lang}>${publisherEntry.definition}</p>`
    }
    <p>
      ${
        article.title.derived
          ? msg('Naskah asli tidak berjudul; judul diambil Warta dari kalimat pembukanya.')
          : publishersHeadlineNote(article)
      }
    </p>
    ${renderOriginalLink(article)}${aboutWarta()}`;
}

function renderOriginalLink(article: PublishedArticle): TemplateResult | typeof nothing {
  if (article.url === null) return nothing;
  return html`<p><a href=${article.url} rel="external noopener">${msg('Naskah asli di situs penerbit')}</a></p> `;
}

/** A headline Warta did not derive: the publisher's own, or Warta's for a text that has none. */
function publishersHeadlineNote(article: PublishedArticle): string {
  const publishers =
    article.source !== null ||
    (article.aboveDateline?.kind === 'headline' && article.aboveDateline.text === article.title.text);
  return publishers
    ? msg('Judul dari naskah asli.')
    : msg('Naskah asli tidak berjudul; judul di atas ditulis oleh Warta.');
}

function renderMeta(article: PublishedArticle): TemplateResult {
  return html`<p class="meta">
    ${
      article.date === null
        ? msg('Tanggal terbit tidak diketahui')
        : html`<time datetime=${article.date}>${formatDate(article.date)}</time>`
    }
    ${article.publisher === null ? nothing : html`· ${article.publisher.name}`}
  </p>`;
}

/** Events have moved on since an old report: say plainly when it was published. */
function renderArchiveNotice(article: PublishedArticle, now: Date): TemplateResult | typeof nothing {
  if (article.date === null) return nothing;
  const age = relativeAge(article.date, now) ?? '';
  const when = formatDate(article.date);
  return html`<p class="archive-notice">
    <strong>${msg('Arsip.')}</strong>
    ${msg(
      html`Laporan ini terbit ${when}, <warta-age datetime=${article.date}>${age}</warta-age>. Keadaan sesudahnya bisa
        sudah berubah.`,
    )}
  </p>`;
}

/**
 * Who wrote it and who signed it off, as the text says: byline, source line, editors' code
 * (explained in the interface language by the publisher's profile), credits and what followed
 * the source line.
 */
function renderArticleFooter(article: PublishedArticle): TemplateResult | typeof nothing {
  const { byline, sourceLine, editorCode, credits, trailer, lang } = article;
  if (byline === null && sourceLine === null && editorCode === null && credits.length + trailer.length === 0) {
    return nothing;
  }
  const line = (className: string, text: string): TemplateResult =>
    html`<p class=${className} lang=${lang}>${text}</p>`;
  return html`<footer class="article-footer">
    ${byline === null ? nothing : line('byline', byline.text)}${
      sourceLine === null ? nothing : html`<p class="source-line" lang=${lang}>${sourceLine.text}</p>`
    }
    ${
      editorCode === null
        ? nothing
        : html`<p class="editor-code">
            ${msg('Kode redaksi')} <span lang=${lang}>${editorCode.text}</span>:
            ${profileNotes(article.profile)?.editorCode[uiLocale()] ?? ''}
          </p>`
    }${credits.map((credit) => line('credit', credit.text))}${trailer.map((part) => line('trailer', part.text))}
  </footer>`;
}

/**
 * The "Baca Juga" lines promote other, later articles of the publisher: not part of this report.
 * Shown after it: as text, verbatim, when the source gives no link (a guessed link could be a
 * dead one); as the publisher's `https:` link with the headline when an imported text has one.
 */
function renderReadAlso(article: PublishedArticle): TemplateResult | typeof nothing {
  if (article.readAlso.length === 0) return nothing;
  const linked = article.readAlso.some((item) => item.url !== null);
  return html`<section class="read-also" aria-labelledby="dari-penerbit">
    <h2 id="dari-penerbit">${msg('Dari situs penerbit')}</h2>
    <p>${linked ? msg('Promosi artikel lain dari naskah asli, dengan tautannya bila ada.') : noLinks()}</p>
    <ul lang=${article.lang}>
      ${article.readAlso.map((item) => html`<li>${renderPromotion(item)}</li>`)}
    </ul>
  </section>`;
}

function noLinks(): string {
  return msg('Promosi artikel lain yang tercantum dalam naskah asli. Naskah tidak menyertakan tautannya.');
}

function renderPromotion(item: Unspanned<ReadAlsoItem>): TemplateResult | string {
  return item.url === null ? item.text : html`<a href=${item.url} rel="external noopener">${item.headline}</a>`;
}
