import { msg } from '../i18n/msg.js';
import { html, render } from 'lit';
import type { GlossaryText } from '../content/glossary.js';
import { getArticle, getGlossary, listArticles } from '../data/articles.js';
import type { StoredArticle } from '../content/types.js';
import { StorageError } from '../data/errors.js';
import { uiLocale } from '../i18n/locale.js';
import { articleSlugFromPath, articleUrl } from '../routes.js';
import { articleFooterTemplate, articleTemplate } from '../templates/article.js';
import { notSavedTemplate, storedNoticeTemplate } from '../templates/offline.js';
import { aboutWarta } from '../templates/page.js';
import { announce } from './announcer.js';
import { onConnectionChange } from './connection.js';
import { fetchArticle, storageErrorMessage, storeArticle } from './keep-article.js';
import { prefersSavingData } from './save-data.js';

/**
 * Renders the offline shell's view into its empty container: the saved article, with the same
 * template as the prerendered page, or the friendly "belum tersimpan" page. When the network
 * turns out to have a newer version, it is stored and offered, never swapped in unasked. The
 * container's `data-state` says which: `kept` (the saved copy), `newer` (a newer copy is
 * offered), `not-kept` (nothing saved for this address) or `failed` (storage refused).
 */
export async function showOfflinePage(view: HTMLElement, footer: HTMLElement): Promise<void> {
  const slug = articleSlugFromPath(location.pathname);
  if (slug !== null && location.pathname !== articleUrl(slug, uiLocale())) {
    history.replaceState(history.state, '', `${articleUrl(slug, uiLocale())}${location.search}${location.hash}`);
  }

  let record: StoredArticle | null = null;
  let problem: string | null = null;
  try {
    record = slug === null ? null : await getArticle(slug);
  } catch (error) {
    problem = error instanceof StorageError ? storageErrorMessage(error) : String(error);
  }

  if (record === null) {
    const saved = problem === null ? await listArticles().catch(() => []) : [];
    document.title = `${msg('Belum tersimpan')} · Warta`;
    view.dataset['state'] = problem === null ? 'not-kept' : 'failed';
    render(
      notSavedTemplate(slug === null ? 'page' : 'article', saved, problem, () => {
        location.reload();
      }),
      view,
    );
    render(aboutWarta(), footer);
    return;
  }

  let shown = record;
  let glossary = await keptGlossary(shown);
  let newer: StoredArticle | null = null;
  let newerGlossary: ReadonlyMap<string, GlossaryText> = new Map();
  const draw = (): void => {
    document.title = `${shown.article.title.text} · Warta`;
    view.dataset['state'] = newer === null ? 'kept' : 'newer';
    render(
      html`${storedNoticeTemplate(shown, newer, showNewer)}${articleTemplate(shown.article, glossary, new Date())}`,
      view,
    );
    render(articleFooterTemplate(shown.article, glossary), footer);
  };
  const showNewer = (): void => {
    if (newer === null) return;
    shown = newer;
    newer = null;
    glossary = newerGlossary;
    draw();
    announce(msg('Versi baru ditampilkan.'));
  };
  draw();

  // Look for a newer version now, and again whenever the connection comes back.
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking || newer !== null || prefersSavingData()) return;
    checking = true;
    const latest = await fetchArticle(shown.slug);
    checking = false;
    if (!latest.ok || latest.value.article.hash === shown.hash) return;
    try {
      newer = await storeArticle(latest.value);
      newerGlossary = new Map(latest.value.glossary.map((text) => [text.id, text]));
    } catch {
      return;
    }
    draw();
    announce(msg('Versi baru artikel ini tersedia.'));
  };
  onConnectionChange((connection) => {
    if (connection === 'online') void check();
  });
}

/** The glossary entries kept with an article, in the shell's language; none if storage fails. */
function keptGlossary(record: StoredArticle): Promise<ReadonlyMap<string, GlossaryText>> {
  return getGlossary(record.article, uiLocale()).catch(() => new Map<string, GlossaryText>());
}
