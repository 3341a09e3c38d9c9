import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { GlossaryEntry } from '../content/glossary.js';
import { uiLocale } from '../i18n/locale.js';
import { articleUrl, glossaryEntryId, glossaryRefId } from '../routes.js';

/**
 * The glossary section at the end of an article: every term it uses, in order of first use
 * (DPUB-ARIA `doc-glossary`). Each entry carries both languages' definitions (the one not in
 * the UI language is `hidden`), its source, and a link back to where the term appears. The
 * toggletips read their text from here, so they work wherever the article renders.
 */
export function glossarySectionTemplate(entries: readonly GlossaryEntry[]): TemplateResult | typeof nothing {
  if (entries.length === 0) return nothing;
  return html`<section class="glossary" role="doc-glossary" aria-labelledby="glosarium-judul">
    <h2 id="glosarium-judul">${msg('Glosarium')}</h2>
    <dl>
      ${entries.map(
        (entry) =>
          html`<dt id=${glossaryEntryId(entry.id)}><dfn>${entry.term}</dfn></dt>
            <dd>
              ${renderDefinitions(entry)}
              <p class="entry-links">
                <a href=${`#${glossaryRefId(entry.id)}`} aria-label=${`${msg('Kembali ke teks')}: ${entry.term}`}
                  >${msg('Kembali ke teks')}</a
                >
                · ${renderSource(entry)}
              </p>
            </dd>`,
      )}
    </dl>
  </section>`;
}

/** One entry's glossary page item: definition, source, and the articles that use it. */
export interface GlossaryPageItem {
  readonly entry: GlossaryEntry;
  readonly articles: ReadonlyArray<{ readonly slug: string; readonly title: string; readonly lang: string }>;
}

/** `/glosarium/`: every term of every article, alphabetically, each linking back to its articles. */
export function glossaryPageTemplate(items: readonly GlossaryPageItem[]): TemplateResult {
  return html`<h1>${msg('Glosarium')}</h1>
    <p>${msg('Penjelasan singkat istilah dalam artikel Warta, ditulis oleh tim Warta.')}</p>
    <dl class="glossary glossary-page">
      ${items.map(
        ({ entry, articles }) =>
          html`<dt id=${glossaryEntryId(entry.id)}><dfn>${entry.term}</dfn></dt>
            <dd>
              ${renderDefinitions(entry)}
              <p class="entry-links">${renderSource(entry)}</p>
              ${
                articles.length === 0
                  ? nothing
                  : html`<p class="entry-links">
                      ${msg('Dipakai di:')}
                      ${articles.map(
                        (article, index) =>
                          html`${index > 0 ? ', ' : ''}<a
                              href=${`${articleUrl(article.slug, uiLocale())}#${glossaryRefId(entry.id)}`}
                              lang=${article.lang}
                              >${article.title}</a
                            >`,
                      )}
                    </p>`
              }
            </dd>`,
      )}
    </dl>`;
}

/** Both languages' definitions: the UI language's shown, the other kept (hidden) for the toggletip. */
function renderDefinitions(entry: GlossaryEntry): TemplateResult {
  const english = uiLocale() === 'en';
  return html`<p class="definition" lang="id" ?hidden=${english}>${entry.definition}</p>
    <p class="definition" lang="en" ?hidden=${!english}>${entry.definitionEn}</p>`;
}

function renderSource(entry: GlossaryEntry): TemplateResult {
  return html`<a class="source" href=${entry.source} rel="external noopener"
    >${msg('Bacaan lanjut')}: ${entry.sourceName}</a
  >`;
}
