import { msg } from '../i18n/msg.js';
import { html, type TemplateResult } from 'lit';
import { uiLocale } from '../i18n/locale.js';
import { homePath } from '../routes.js';

/** The results page's description (its `<meta name="description">`). */
export function searchDescription(): string {
  return msg('Cari artikel yang tersimpan di perangkat ini, juga tanpa sinyal.');
}

/**
 * The search results page (`/cari/?q=…`): the results are found on the device by
 * `<warta-search-results>`. Its light-DOM paragraph shows only where the element never upgrades
 * (its shadow root has no slot), so a reader without JavaScript learns why, and where the
 * articles are listed instead.
 */
export function searchTemplate(): TemplateResult {
  return html`<h1>${msg('Cari')}</h1>
    <warta-search-results page>
      <p>
        ${msg('Pencarian memerlukan JavaScript.')}
        <a href=${homePath(uiLocale())}>${msg('Lihat daftar artikel')}</a>
      </p>
    </warta-search-results>`;
}
