import { msg } from '../i18n/msg.js';
import { onCorruptArticle } from '../data/articles.js';
import { onDatabaseNotice } from '../data/db.js';
import { syncMirror } from '../data/settings.js';
import { applySettings } from '../settings/settings.js';
import { OFFLINE_FALLBACK_ID, OFFLINE_VIEW_ID } from '../routes.js';
import { announce, announcerRegion } from './announcer.js';
import { startConnectionMonitor } from './connection.js';
import { startInstall } from './install.js';
import { refetchArticle } from './keep-article.js';
import { loadPart } from './lazy.js';
import { restorePlace, startUpdates, type ReloadOffer } from './updates.js';

/**
 * Starts what the page needs beyond its prerendered HTML. Each page says what it is in
 * `<main data-page>`; the elements on it start themselves when they upgrade.
 */
export function start(): void {
  document.documentElement.dataset['wartaVersion'] = __WARTA_VERSION__;
  startInstall();
  // IndexedDB is the record of the settings; the first paint used its mirror. Re-apply in case
  // the mirror was lost (cleared storage, another tab), and bring the mirror up to date.
  void syncMirror().then((settings) => {
    applySettings(document.documentElement, settings);
  });
  announcerRegion();
  const main = document.querySelector<HTMLElement>('main[data-page]');
  const page = main?.dataset['page'];
  startConnectionMonitor(page === 'offline' ? 'offline' : 'online');
  // Typed by what the app needs of it, not by the element's class (app code never imports components).
  const prompt: ReloadOffer | null = document.querySelector<HTMLElement & ReloadOffer>('warta-update-prompt');
  startUpdates(prompt, page);
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
    if (view !== null && footer !== null) {
      void loadPart(() => import('./offline-page.js'))
        .then((part) => part?.showOfflinePage(view, footer))
        .then(restorePlace);
    }
  } else {
    restorePlace();
  }
}
