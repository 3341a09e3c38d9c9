import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { GLOSSARY_PATH, HOME_PATH, LIBRARY_PATH } from '../routes.js';

/** Which view a page is: the app starts the matching behaviour from `<main data-page>`. */
export type PageKind = 'home' | 'article' | 'library' | 'glossary' | 'offline' | 'not-found';

/**
 * The frame of every page: skip link, banner with navigation and connection status, main,
 * contentinfo, the one live region, and the (hidden) update prompt. The main landmark's id is the
 * skip link's target; it takes focus (tabindex -1) so the next Tab starts inside the content.
 */
export function pageTemplate(kind: PageKind, main: TemplateResult, footer: TemplateResult): TemplateResult {
  return html`<a class="skip-link" href="#konten">${msg('Langsung ke konten')}</a>
    <header class="site-header">
      <a class="brand" href=${HOME_PATH}>Warta</a>
      <nav class="site-nav" aria-label=${msg('Utama')}>
        <a href=${LIBRARY_PATH}>${msg('Tersimpan')}</a>
        <a href=${GLOSSARY_PATH}>${msg('Glosarium')}</a>
      </nav>
      <warta-status></warta-status>
      <warta-settings></warta-settings>
    </header>
    <main id="konten" tabindex="-1" data-page=${kind}>${main}</main>
    <footer class="site-footer">${footer}</footer>
    <div id="pengumuman" class="visually-hidden" role="status" aria-live="polite"></div>
    <warta-update-prompt></warta-update-prompt>`;
}

/** The footer line every page carries about Warta itself. */
export function aboutWarta(): TemplateResult {
  return html`<p>${msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.')}</p>`;
}
