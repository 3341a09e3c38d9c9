import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * What an article page says when a sync (in the service worker or another tab) changed the
 * article being read: a newer version is on the device (`refreshed`, with a button that reloads
 * the page to show it), or the publisher withdrew it (`withdrawn`). The text being read never
 * changes under the reader.
 */
export function syncNoticeText(change: 'refreshed' | 'withdrawn'): string {
  return change === 'refreshed' ? msg('Versi baru artikel ini tersedia.') : msg('Artikel ini ditarik oleh penerbit.');
}

export function syncNoticeTemplate(change: 'refreshed' | 'withdrawn', onReload: () => void): TemplateResult {
  return html`<p class="stored-notice" data-sync-notice=${change}>
    ${syncNoticeText(change)}
    ${
      change === 'refreshed'
        ? html`<button type="button" class="button" @click=${onReload}>${msg('Muat versi baru')}</button>`
        : nothing
    }
  </p>`;
}
