import { msg } from '../i18n/msg.js';
import { articleSlugFromPath } from '../routes.js';
import type { Connection } from './connection.js';

/**
 * What a list of articles says of one of them: on this device (`kept`), on it and not opened yet
 * (`unread`: a sync stored it), not on it while offline (`unavailable`: its link would only lead
 * to the page that says so), or nothing (not on it, online: the link works as ever).
 */
export type OfflineMark = 'kept' | 'unread' | 'unavailable' | 'none';

/**
 * The mark of the article `slug`, given the stored articles (slug → whether unread, as
 * `storedUnread` reads them) and the connection.
 */
export function offlineMark(slug: string, stored: ReadonlyMap<string, boolean>, connection: Connection): OfflineMark {
  const unread = stored.get(slug);
  if (unread === undefined) return connection === 'offline' ? 'unavailable' : 'none';
  return unread ? 'unread' : 'kept';
}

/** The words of a mark, in the UI language, or null for none. */
export function offlineMarkText(mark: OfflineMark): string | null {
  switch (mark) {
    case 'kept':
      return msg('tersedia offline');
    case 'unread':
      return `${msg('tersedia offline')} · ${msg('belum dibaca')}`;
    case 'unavailable':
      return msg('tidak tersedia offline');
    case 'none':
      return null;
  }
}

/**
 * The slug of the article a link leads to (`/artikel/<slug>/`, `/en/artikel/<slug>/#…`) on this
 * site, or null for any other link (a category, the next page, another site).
 */
export function linkedArticle(href: string, origin: string): string | null {
  try {
    const url = new URL(href, origin);
    return url.origin === origin ? articleSlugFromPath(url.pathname) : null;
  } catch {
    return null;
  }
}
