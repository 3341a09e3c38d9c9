import { msg } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { StoredArticle } from '../content/types.js';
import { uiLocale } from '../i18n/locale.js';
import { OFFLINE_FALLBACK_ID, OFFLINE_VIEW_ID, articleUrl, libraryPath } from '../routes.js';
import { formatDateTime } from './format.js';

/**
 * The offline shell as prerendered: an empty container. The service worker serves this page for
 * an article when the network does not answer; the app renders the saved article (or the
 * friendly page below) into the container.
 */
export function offlineShellTemplate(): TemplateResult {
  return html`<div id=${OFFLINE_VIEW_ID}></div>
    <div id=${OFFLINE_FALLBACK_ID}>
      <h1>${msg('Sedang offline')}</h1>
      <p>${msg('Artikel tersimpan hanya bisa ditampilkan offline bila JavaScript aktif.')}</p>
    </div>`;
}

/** The notice above a saved article shown without the network. */
export function storedNoticeTemplate(
  record: StoredArticle,
  newer: StoredArticle | null,
  onShowNewer: () => void,
): TemplateResult {
  return html`<p class="stored-notice">
    ${msg('Dibaca dari simpanan perangkat, disimpan')} ${formatDateTime(record.fetchedAt)}.
    ${
      newer === null
        ? nothing
        : html`<button type="button" class="button" @click=${onShowNewer}>
            ${msg('Versi baru tersedia — tampilkan')}
          </button>`
    }
  </p>`;
}

/**
 * "Artikel ini belum tersimpan…": what the reader sees offline for an article never opened on this
 * device, or for a page of Warta not kept yet (after a single visit only what reading needs is
 * kept), with what is saved instead.
 */
export function notSavedTemplate(
  missing: 'article' | 'page',
  saved: readonly StoredArticle[],
  storageProblem: string | null,
  onRetry: () => void,
): TemplateResult {
  return html`<h1>
      ${
        missing === 'article'
          ? msg('Artikel ini belum tersimpan di perangkat ini')
          : msg('Halaman ini belum tersimpan di perangkat ini')
      }
    </h1>
    <p>
      ${
        missing === 'article'
          ? msg('Warta tidak bisa menjangkau jaringan, dan artikel ini belum pernah dibuka di perangkat ini.')
          : msg('Warta tidak bisa menjangkau jaringan, dan halaman ini belum tersimpan untuk dibaca offline.')
      }
      ${msg('Sambungkan ke internet, lalu coba lagi.')}
    </p>
    <p>
      <button type="button" class="button" @click=${onRetry}>${msg('Coba lagi')}</button>
    </p>
    ${
      storageProblem !== null
        ? html`<p>${storageProblem}</p>`
        : saved.length === 0
          ? html`<p>${msg('Belum ada artikel tersimpan.')}</p>`
          : html`<h2>${msg('Bisa dibaca sekarang')}</h2>
              <ul>
                ${saved.map(
                  (record) =>
                    html`<li>
                      <a href=${articleUrl(record.slug, uiLocale())} lang=${record.article.lang}
                        >${record.article.title.text}</a
                      >
                    </li>`,
                )}
              </ul>`
    }
    <p><a href=${libraryPath(uiLocale())}>${msg('Buka daftar Tersimpan')}</a></p>`;
}
