import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { GlossaryEntry } from '../content/glossary.js';
import type { GlossaryMark } from '../content/glossary-match.js';
import { articleSize } from '../content/size.js';
import type { PublishedArticle } from '../content/types.js';
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
 * `now` is when the page is rendered; `<warta-age>` corrects the archive notice's age in the
 * browser when the build is older than the visit.
 */
export function articleTemplate(article: PublishedArticle, now: Date): TemplateResult {
  const lang = article.lang;
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
      <p class="lead" lang=${lang} elementtiming="lead">
        ${
          article.dateline === null ? nothing : html`<span class="dateline">${article.dateline.text}</span> `
        }${renderMarked(article, 0)}
      </p>
      ${article.paragraphs.map((_paragraph, index) => html`<p lang=${lang}>${renderMarked(article, index + 1)}</p>`)}
      <warta-share headline=${article.title.text}></warta-share>
      ${renderArticleFooter(article)} ${glossarySectionTemplate(article.glossary.entries)}
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
function renderMarked(article: PublishedArticle, part: number): unknown[] {
  const text = part === 0 ? article.lead.text : (article.paragraphs[part - 1]?.text ?? '');
  const marks = article.glossary.marks.filter((mark) => mark.part === part).sort((a, b) => a.start - b.start);
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
export function articleFooterTemplate(article: PublishedArticle): TemplateResult {
  const publisher = article.publisher;
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
      article.glossary.publisher === null
        ? nothing
        : html`<p class="publisher-note" lang=${uiLocale()}>${publisherNote(article.glossary.publisher)}</p>`
    }
    <p>
      ${
        article.title.derived
          ? msg('Naskah asli tidak berjudul; judul diambil Warta dari kalimat pembukanya.')
          : msg('Naskah asli tidak berjudul; judul di atas ditulis oleh Warta.')
      }
    </p>
    ${aboutWarta()}`;
}

function publisherNote(entry: GlossaryEntry): string {
  return uiLocale() === 'en' ? entry.definitionEn : entry.definition;
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

function renderArticleFooter(article: PublishedArticle): TemplateResult | typeof nothing {
  const { sourceLine, editorCode, lang } = article;
  if (sourceLine === null && editorCode === null) return nothing;
  return html`<footer class="article-footer">
    ${sourceLine === null ? nothing : html`<p class="source-line" lang=${lang}>${sourceLine.text}</p>`}
    ${
      editorCode === null
        ? nothing
        : html`<p class="editor-code">
            ${msg('Kode redaksi')} <span lang=${lang}>${editorCode.text}</span>:
            ${msg('singkatan nama penulis dan penyunting di kantor berita.')}
          </p>`
    }
  </footer>`;
}

/**
 * The "Baca Juga" lines promote other, later articles of the publisher: not part of this report.
 * Shown after it, verbatim and as text: the source gives no links, and a guessed link could be a
 * dead one.
 */
function renderReadAlso(article: PublishedArticle): TemplateResult | typeof nothing {
  if (article.readAlso.length === 0) return nothing;
  return html`<section class="read-also" aria-labelledby="dari-penerbit">
    <h2 id="dari-penerbit">${msg('Dari situs penerbit')}</h2>
    <p>${msg('Promosi artikel lain yang tercantum dalam naskah asli. Naskah tidak menyertakan tautannya.')}</p>
    <ul lang=${article.lang}>
      ${article.readAlso.map((item) => html`<li>${item.text}</li>`)}
    </ul>
  </section>`;
}
