import { msg } from '../i18n/msg.js';
import { html, type TemplateResult } from 'lit';

/** The 404 page: what happened and what the reader can do. */
export function notFoundTemplate(): TemplateResult {
  return html`<h1>${msg('Halaman tidak ditemukan')}</h1>
    <p>${msg('Alamat ini tidak ada di Warta. Mungkin tautannya salah ketik atau artikelnya sudah dipindah.')}</p>
    <p><a href="/">${msg('Kembali ke daftar artikel')}</a></p>`;
}
