import { msg } from '../i18n/msg.js';
import { html, type TemplateResult } from 'lit';
import { formatDateTime } from './format.js';

/**
 * What a list page (home, the archive, Glosarium) says when the service worker answered with the
 * copy kept on the device: the network did not answer, so newer articles may be missing.
 */
export function keptPageNoticeTemplate(keptAt: number): TemplateResult {
  return html`<p class="stored-notice" data-kept-at=${keptAt}>
    ${msg('Jaringan tidak menjawab. Halaman ini salinan tersimpan dari')} ${formatDateTime(keptAt)};
    ${msg('artikel yang lebih baru mungkin belum tampil.')}
  </p>`;
}
