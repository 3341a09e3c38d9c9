import { render } from 'lit';
import { keptPageNoticeTemplate } from '../templates/kept-notice.js';
import { announce } from './announcer.js';

/**
 * What the service worker tells a page, read here rather than in the startup script (which only
 * loads this part when a message comes): every byte there is on a first visit.
 */
export function fromWorker(data: unknown): void {
  const { type, keptAt } = (data ?? {}) as { type?: unknown; keptAt?: unknown };
  if (type === 'KEPT_AT' && typeof keptAt === 'number') showKeptNotice(keptAt);
}

/**
 * Says, under the page's heading, that the page is the copy kept on this device and when it was
 * kept, and tells a screen reader the same once.
 */
function showKeptNotice(keptAt: number): void {
  const main = document.querySelector('main');
  if (main === null) return;
  const notice = document.createElement('div');
  render(keptPageNoticeTemplate(keptAt), notice);
  const heading = main.querySelector('h1');
  if (heading === null) main.prepend(notice);
  else heading.after(notice);
  // What the notice says, once: one wording for eyes and ears.
  announce(notice.textContent.replace(/\s+/gu, ' ').trim());
}
