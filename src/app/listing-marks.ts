import { storedUnread } from '../data/stored-unread.js';
import { onConnectionChange, type Connection } from './connection.js';
import { linkedArticle, offlineMark, offlineMarkText, type OfflineMark } from './offline-marks.js';

/** A link to an article on a list, and what stands in for it while it is marked. */
interface Listed {
  readonly link: HTMLAnchorElement;
  readonly slug: string;
  /** The title as plain text, in the link's place while the article cannot be opened. */
  readonly title: HTMLSpanElement;
  /** Holds the mark (hidden while there is none): created at once, so showing it moves nothing else. */
  readonly holder: HTMLElement;
  /** The mark's words: the link's description, so a screen reader tabbing to it hears them. */
  readonly words: HTMLSpanElement;
  mark: OfflineMark;
}

let made = 0;

/**
 * Marks each article linked from this list page (home, the archive, a category, Glosarium and a
 * term's page): "tersedia offline" when it is on this device, with "belum dibaca" when a sync
 * stored it and the reader has not opened it; and, while Warta knows it is offline, "tidak
 * tersedia offline" in place of the link of any article not on the device, whose link would
 * only lead to the page that says so. The link is back as soon as the connection is.
 */
export function markListing(): void {
  const main = document.querySelector('main');
  const listed = [...(main?.querySelectorAll<HTMLAnchorElement>('a[href]') ?? [])].flatMap((link) => {
    const slug = linkedArticle(link.href, location.origin);
    return slug === null ? [] : [listedLink(link, slug)];
  });
  if (listed.length === 0) return;
  const slugs = [...new Set(listed.map((item) => item.slug))];
  let stored: ReadonlyMap<string, boolean> | null = null;
  let connection: Connection = 'online';
  const show = (): void => {
    if (stored !== null) for (const item of listed) showMark(item, offlineMark(item.slug, stored, connection));
  };
  const read = (): void => {
    storedUnread(slugs).then(
      (found) => {
        stored = found;
        show();
      },
      // Storage unavailable: no marks, and every link left as it is.
      () => undefined,
    );
  };
  onConnectionChange((now) => {
    connection = now;
    show();
  });
  read();
  // Back from an article through the back/forward cache, the page is as it was left, but the
  // article just opened is now stored (and read).
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) read();
  });
}

/**
 * Prepares a link's mark. In an article card (home, the archive, a category) the mark goes on
 * the card's date line, outside the headline, whose `lang` is the article's; beside any other
 * link (Glosarium), in brackets. Either way it carries the UI's `lang`.
 */
function listedLink(link: HTMLAnchorElement, slug: string): Listed {
  const lang = document.documentElement.lang;
  const words = document.createElement('span');
  made += 1;
  words.id = `tanda-offline-${String(made)}`;
  const heading = link.closest('.card h2');
  const dateLine = heading?.parentElement?.querySelector('.meta') ?? null;
  let holder: HTMLElement;
  if (heading !== null && dateLine !== null) {
    holder = document.createElement('span');
    holder.append(' · ', words);
    dateLine.append(holder);
  } else if (heading !== null) {
    holder = document.createElement('p');
    holder.className = 'meta';
    holder.append(words);
    heading.after(holder);
  } else {
    holder = document.createElement('span');
    holder.append(' (', words, ')');
    link.after(holder);
  }
  holder.lang = lang;
  holder.hidden = true;
  const title = document.createElement('span');
  title.textContent = link.textContent;
  const titleLang = link.getAttribute('lang');
  if (titleLang !== null) title.lang = titleLang;
  return { link, slug, title, holder, words, mark: 'none' };
}

function showMark(item: Listed, mark: OfflineMark): void {
  if (mark === item.mark) return;
  item.mark = mark;
  const text = offlineMarkText(mark);
  item.words.textContent = text ?? '';
  item.holder.hidden = text === null;
  if (mark === 'kept' || mark === 'unread') item.link.setAttribute('aria-describedby', item.words.id);
  else item.link.removeAttribute('aria-describedby');
  if (mark === 'unavailable') swap(item.link, item.title);
  else swap(item.title, item.link);
}

/** Puts `to` where `from` is; focus on `from` moves to `to`, so the reader's place is kept. */
function swap(from: HTMLElement, to: HTMLElement): void {
  if (!from.isConnected) return;
  const focused = document.activeElement === from;
  from.replaceWith(to);
  if (!focused) return;
  // The title is not in the tab order; it takes focus only to keep the reader's place.
  if (to instanceof HTMLSpanElement) to.tabIndex = -1;
  to.focus();
}
