import { render } from 'lit';
import { articleSlugFromPath } from '../routes.js';
import { keptPageNoticeTemplate } from '../templates/kept-notice.js';
import { syncNoticeTemplate, syncNoticeText } from '../templates/sync-notice.js';
import { announce } from './announcer.js';
import { markListing } from './listing-marks.js';

/**
 * What the service worker tells a page, read here rather than in the startup script (which only
 * loads this part when a message comes): every byte there is on a first visit.
 */
export function fromWorker(data: unknown): void {
  const { type, keptAt, slugs } = (data ?? {}) as { type?: unknown; keptAt?: unknown; slugs?: unknown };
  if (type === 'KEPT_AT' && typeof keptAt === 'number') showKeptNotice(keptAt);
  if ((type === 'REFRESHED' || type === 'WITHDRAWN') && Array.isArray(slugs)) {
    const slug = articleSlugFromPath(location.pathname);
    if (slug !== null && slugs.includes(slug)) showSyncNotice(type === 'REFRESHED' ? 'refreshed' : 'withdrawn');
  }
}

/**
 * Says, under the page's heading, that the page is the copy kept on this device and when it was
 * kept, and tells a screen reader the same once. The worker answered with it because the network
 * did not: the connection monitor (src/app/connection.ts) is told as the browser tells it, by an
 * `offline` event, so the status shows "Offline" once that holds and the lists mark what cannot
 * be opened. (An event, not a call to `observe`: one more name the page script exports to its
 * parts costs the first visit some 20 bytes, and it has none to spare.)
 */
function showKeptNotice(keptAt: number): void {
  window.dispatchEvent(new Event('offline'));
  const notice = document.createElement('div');
  render(keptPageNoticeTemplate(keptAt), notice);
  // What the notice says, once: one wording for eyes and ears.
  showUnderHeading(notice, notice.textContent);
}

/**
 * Says that a sync refreshed or removed the article being read (offered, never swapped in: the
 * reader's place in the text stays). A second message about the same article replaces the first.
 */
function showSyncNotice(change: 'refreshed' | 'withdrawn'): void {
  document.querySelector('[data-sync-notice]')?.parentElement?.remove();
  const notice = document.createElement('div');
  render(
    syncNoticeTemplate(change, () => {
      location.reload();
    }),
    notice,
  );
  // The sentence, not the button's label after it.
  showUnderHeading(notice, syncNoticeText(change));
}

function showUnderHeading(notice: HTMLElement, said: string): void {
  const main = document.querySelector('main');
  if (main === null) return;
  const heading = main.querySelector('h1');
  if (heading === null) main.prepend(notice);
  else heading.after(notice);
  announce(said.replace(/\s+/gu, ' ').trim());
}

// The part of list pages (home, the archive, a category, Glosarium): loading it on one marks its
// articles (src/app/updates.ts loads it there). The marks share the notice's part because each
// part is a line of `sw.js`, which every first visit downloads; and marking as it loads spares
// the first visit's script a call.
markListing();
