import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';

/**
 * The frame of every page: skip link, banner, main, contentinfo. The main landmark's id is the
 * skip link's target; it takes focus (tabindex -1) so the next Tab starts inside the content.
 */
export function pageTemplate(main: TemplateResult, footer: TemplateResult): TemplateResult {
  return html`<a class="skip-link" href="#konten">${msg('Langsung ke konten')}</a>
    <header class="site-header">
      <a class="brand" href="/">Warta</a>
    </header>
    <main id="konten" tabindex="-1">${main}</main>
    <footer class="site-footer">${footer}</footer>`;
}

/** The footer line every page carries about Warta itself. */
export function aboutWarta(): TemplateResult {
  return html`<p>${msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.')}</p>`;
}
