import { msg } from '@lit/localize';
import { onCorruptArticle } from '../data/articles.js';
import { onDatabaseNotice } from '../data/db.js';
import { OFFLINE_FALLBACK_ID, OFFLINE_VIEW_ID } from '../templates/offline.js';

import { announce, announcerRegion } from './announcer.js';
import { startConnectionMonitor } from './connection.js';
import { refetchArticle } from './keep-article.js';
import { showOfflinePage } from './offline-page.js';
import { restorePlace, startUpdates } from './updates.js';

/**
 * Starts what the page needs beyond its prerendered HTML. Each page says what it is in
 * `<main data-page>`; the elements on it start themselves when they upgrade.
 */
export function start(): void {
  document.documentElement.dataset['wartaVersion'] = __WARTA_VERSION__;
  announcerRegion();
  const main = document.querySelector<HTMLElement>('main[data-page]');
  const page = main?.dataset['page'];
  startConnectionMonitor(page === 'offline' ? 'offline' : 'online');
  const prompt = document.querySelector('warta-update-prompt');
  startUpdates(prompt);
  onCorruptArticle((slug) => {
    void refetchArticle(slug);
  });
  onDatabaseNotice((notice) => {
    if (notice === 'outdated') {
      prompt?.show(() => {
        location.reload();
      }, msg('Warta diperbarui di tab lain.'));
    } else if (notice === 'blocked') {
      announce(msg('Tutup tab Warta yang lain agar pembaruan bisa selesai.'));
    }
  });
  if (page === 'offline') {
    document.getElementById(OFFLINE_FALLBACK_ID)?.remove();
    const view = document.getElementById(OFFLINE_VIEW_ID);
    const footer = document.querySelector<HTMLElement>('.site-footer');
    if (view !== null && footer !== null) void showOfflinePage(view, footer).then(restorePlace);
  } else {
    restorePlace();
  }
}
