import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { describe, expect, it, vi } from 'vitest';
import { syntheticArticle, glossaryFiles } from '../../bench/synthetic.js';
import { parseGlossaryEntry, type GlossaryEntry } from '../../src/content/glossary.js';
import { parseArticle } from '../../src/content/parse-article.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { LOCALES } from '../../src/sw/app-files.js';
import { switchLocale } from '../../tools/build-jobs.js';
import { categoriesOf } from '../../tools/categories.js';
import { loadArticleFile, loadGlossary, publish } from '../../tools/content.js';
import { sitePages } from '../../tools/prerender.js';
import { renderTemplateToString } from '../../tools/render-template.js';
import { hostileArticleText } from './hostile-content.js';

/** Every template the build renders, with what the build's renderer made of it. */
const rendered = vi.hoisted(() => [] as { template: unknown; html: string }[]);

vi.mock('../../tools/render-template.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../tools/render-template.js')>();
  return {
    ...original,
    renderTemplateToString: (template: TemplateResult): string => {
      const made = original.renderTemplateToString(template);
      rendered.push({ template, html: made });
      return made;
    },
  };
});

/** What the build rendered with before: Lit's server renderer, its hydration markers removed. */
function litSsr(template: unknown): string {
  return collectResultSync(render(template)).replace(/<!--\/?lit-part[^>]*-->|<!--lit-node \d+-->|<\?>/gu, '');
}

/** A site with every kind of page: synthetic MINA-like articles (categories, terms paged), the seed, hostile text. */
async function site(): Promise<{ articles: PublishedArticle[]; glossary: GlossaryEntry[] }> {
  const seedGlossary = (await loadGlossary()).entries;
  const benchGlossary = glossaryFiles().map(({ id, text }) => {
    const parsed = parseGlossaryEntry(text, id);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return parsed.entry;
  });
  const glossary = [...seedGlossary, ...benchGlossary.filter((entry) => !seedGlossary.some((e) => e.id === entry.id))];
  const count = 130;
  const articles = Array.from({ length: count }, (_, index) => {
    const { slug, text } = syntheticArticle(index, count);
    const parsed = parseArticle(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return publish(parsed.article, slug, glossary);
  });
  const seed = await loadArticleFile('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', glossary);
  if (!seed.ok) throw new Error(seed.problem.message);
  const hostile = parseArticle(hostileArticleText());
  if (!hostile.ok) throw new Error(hostile.error.message);
  // Newest first, as the build gives them.
  return { articles: [publish(hostile.article, 'berbahaya', glossary), ...articles.reverse(), seed.article], glossary };
}

describe("the build's template renderer", () => {
  it('renders every page of a site as Lit’s server renderer does, less its hydration markers, in every UI language', async () => {
    const { articles, glossary } = await site();
    const now = new Date('2026-11-30T00:00:00Z');
    try {
      for (const locale of LOCALES) {
        await switchLocale(locale);
        rendered.length = 0;
        const pages = sitePages(articles, glossary, now, categoriesOf(articles));
        const kinds = new Set(pages.map((page) => page.fileName.replace(/^en\//u, '').split('/')[0]));
        // Home, archive, library, search, glossary and its terms, categories, offline, 404, articles.
        expect(kinds.size).toBeGreaterThanOrEqual(9);
        expect(rendered.length).toBe(pages.length);
        for (const { template, html: made } of rendered) expect(made).toBe(litSsr(template));
      }
    } finally {
      await switchLocale('id');
    }
  });

  it('renders bindings of every kind the templates may use as Lit’s server renderer does', () => {
    const items = ['a', 'b'];
    const cases: TemplateResult[] = [
      html`<p class=${'x'} lang="${'id'}" title="${"it's"}" data-n=${3}>${'<b>&"\''}</p>`,
      html`<p class="a ${'b'} c ${'d'}" id=${nothing} title=${null} alt=${undefined}>${nothing}${null}${undefined}</p>`,
      html`<p class="a ${nothing} c">${0}${false}${12.5}</p>`,
      html`<input ?disabled=${true} ?hidden=${false} ?checked=${nothing} /><button @click=${() => undefined}>
          x
        </button>`,
      html`<ul>
          ${items.map((item) => html`<li data-item=${item}>${item}</li>`)}
        </ul>
        ${new Set(['x', 'y'])}`,
      html`<!-- a comment with <p> in it -->
        <p>${html`<span>${'nested'}</span>`}</p>`,
      html`<warta-term entry=${'e'} id=${'i'}><a href=${'#g'}>${'t'}</a></warta-term>`,
      html`<p>${'a'}</p>
        <p>${'b'}</p>`,
    ];
    for (const template of cases) expect(renderTemplateToString(template)).toBe(litSsr(template));
  });

  it('refuses what it would render otherwise than Lit: directives, property bindings, element parts, bindings in comments', () => {
    expect(() => renderTemplateToString(html`<p class=${classMap({ a: true })}></p>`)).toThrow(/directive/u);
    expect(() => renderTemplateToString(html`<p>${classMap({ a: true })}</p>`)).toThrow(/directive/u);
    expect(() => renderTemplateToString(html`<input .value=${'x'} />`)).toThrow(/property binding/u);
    expect(() => renderTemplateToString(html`<p ${'x'}></p>`)).toThrow(/element/u);
    expect(() => renderTemplateToString(html`<!-- ${'x'} -->`)).toThrow(/comment/u);
    expect(() => renderTemplateToString(html`<textarea>${'x'}</textarea>`)).toThrow(/raw-text/u);
    // Unquoted, as written (Prettier would quote it).
    // prettier-ignore
    expect(() => renderTemplateToString(html`<a href=x${'y'}></a>`)).toThrow(/unquoted/u);
  });
});
