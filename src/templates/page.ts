import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { uiLocale } from '../i18n/locale.js';
import { INSTALL_BUTTON_ID, SEARCH_PARAM, glossaryPath, homePath, libraryPath, searchPath } from '../routes.js';

/** Which view a page is: the app starts the matching behaviour from `<main data-page>`. */
export type PageKind = 'home' | 'article' | 'library' | 'glossary' | 'offline' | 'not-found' | 'search';

/**
 * The frame of every page: skip link, banner with navigation, connection status and the search
 * form, main, contentinfo, the one live region, and the (hidden) update prompt. The search form
 * is a plain GET form to the results page, so it works without script; `<warta-search>` (a lazy
 * part, src/main.ts) adds results as the reader types. Its markup is on every page and in the
 * first visit's budget: keep it small. The main landmark's id is the
 * skip link's target; it takes focus (tabindex -1) so the next Tab starts inside the content.
 */
export function pageTemplate(kind: PageKind, main: TemplateResult, footer: TemplateResult): TemplateResult {
  return html`<a class="skip-link" href="#konten">${msg('Langsung ke konten')}</a>
    <header class="site-header">
      <a class="brand" href=${homePath(uiLocale())}>Warta</a>
      <nav class="site-nav" aria-label=${msg('Utama')}>
        <a href=${libraryPath(uiLocale())}>${msg('Tersimpan')}</a>
        <a href=${glossaryPath(uiLocale())}>${msg('Glosarium')}</a>
      </nav>
      <warta-status></warta-status>
      <warta-settings></warta-settings>
      ${kind === 'offline' ? nothing : searchForm()}
    </header>
    <main id="konten" tabindex="-1" data-page=${kind}>${main}</main>
    <footer class="site-footer">${footer}</footer>
    <div id="pengumuman" class="visually-hidden" role="status" aria-live="polite"></div>
    <warta-update-prompt></warta-update-prompt>`;
}

/**
 * The header's search form, on every page but the offline shell: that page is kept on a first
 * visit, whose bytes are counted (40 KB), while search works offline only once the whole app is
 * kept; the shell's reader reaches search from any other page. No submit button, for the same
 * bytes: Enter submits (phones show a search key for the field), and with script results come
 * as the reader types.
 */
function searchForm(): TemplateResult {
  return html`<warta-search
    ><form role="search" action=${searchPath(uiLocale())}>
      <input type="search" name=${SEARCH_PARAM} aria-label=${msg('Cari')} /></form
  ></warta-search>`;
}

/**
 * The footer every page carries about Warta itself: what it is, an install button (shown by
 * src/app/install.ts only while the browser offers a prompt) and, for browsers that never do,
 * a short how-to that needs no script.
 */
export function aboutWarta(): TemplateResult {
  return html`<p>${msg('Warta: pembaca berita yang ramah akses dan tetap bisa dibaca tanpa sinyal.')}</p>
    <p class="install">
      <button type="button" class="button" id=${INSTALL_BUTTON_ID} hidden data-installed=${msg('Warta terpasang.')}>
        ${msg('Pasang aplikasi')}
      </button>
    </p>
    <details class="install install-howto">
      <summary>${msg('Cara memasang Warta di perangkat')}</summary>
      <ul>
        <li>
          ${msg('Android (Chrome, Samsung Internet): menu ⋮, lalu "Pasang aplikasi" atau "Tambahkan ke layar utama".')}
        </li>
        <li>${msg('iPhone dan iPad (Safari): tombol Bagikan, lalu "Tambahkan ke Layar Utama".')}</li>
        <li>${msg('Firefox di Android: menu ⋮, lalu "Pasang".')}</li>
        <li>${msg('Komputer (Chrome, Edge): ikon pasang di ujung kolom alamat.')}</li>
      </ul>
    </details>`;
}
