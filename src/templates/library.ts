import { msg } from '../i18n/msg.js';
import { html, type TemplateResult } from 'lit';

/**
 * The saved-articles page ("Tersimpan"): the list itself is read from the device by
 * `<warta-library>`. Its light-DOM paragraph shows only where the element never upgrades (its
 * shadow root has no slot), so readers without JavaScript learn why the list is missing.
 */
export function libraryTemplate(): TemplateResult {
  return html`<h1>${msg('Tersimpan')}</h1>
    <p>${msg('Artikel yang pernah Anda buka disimpan di perangkat ini dan bisa dibaca tanpa sinyal.')}</p>
    <warta-library>
      <p>${msg('Daftar artikel tersimpan memerlukan JavaScript.')}</p>
    </warta-library>`;
}
