import { msg } from '../i18n/msg.js';
import { isArticlePageData, isGlossaryText, isPublishedArticle } from '../content/validate.js';
import { getArticle, markRead, putArticle, putGlossary } from '../data/articles.js';
import { shownEntryIds, type GlossaryText } from '../content/glossary.js';
import type { ArticlePageData, StoredArticle } from '../content/types.js';
import { StorageError } from '../data/errors.js';
import { uiLocale } from '../i18n/locale.js';
import { ARTICLE_DATA_ID, articleJsonUrl, glossaryJsonUrl } from '../routes.js';
import { fetchJson, type FetchFailure, type FetchResult } from './net.js';

/** Where an opened article stands on this device. */
export type KeepState =
  | { readonly kind: 'kept'; readonly record: StoredArticle }
  /** Not stored yet: the network failed, stalled or sent a broken copy; tried again later. */
  | { readonly kind: 'not-yet'; readonly failure: FetchFailure }
  | { readonly kind: 'storage-error'; readonly error: StorageError };

/**
 * Every opened article is kept: if this version (by hash) is already stored it is only marked
 * read; otherwise it is stored from the JSON its page carries, or, when the page arrived without
 * it (a dropped connection cuts the page's end first), from the network. Never throws.
 */
export async function keepArticle(slug: string, hash: string): Promise<KeepState> {
  let existing: StoredArticle | null;
  try {
    existing = await getArticle(slug);
  } catch (error) {
    return { kind: 'storage-error', error: asStorageError(error) };
  }
  const carried = carriedArticle(slug, hash);
  if (existing !== null && existing.hash === hash) {
    // The page's glossary entries may have been corrected since the article was kept (they are
    // not part of its hash). Neither write may hide the saved copy: only the eviction order and
    // the definitions' freshness depend on them.
    if (carried?.ok === true) await putGlossary(carried.value.glossary).catch(() => undefined);
    return { kind: 'kept', record: await markRead(slug).catch(() => existing) };
  }
  const fetched = carried ?? (await fetchArticle(slug));
  if (!fetched.ok) {
    // An older stored version still reads offline; keep showing it as kept.
    if (existing !== null) return { kind: 'kept', record: existing };
    return { kind: 'not-yet', failure: fetched.failure };
  }
  try {
    return { kind: 'kept', record: await storeArticle(fetched.value) };
  } catch (error) {
    return { kind: 'storage-error', error: asStorageError(error) };
  }
}

/** The article and its glossary entries as its own page carries them, when the page is whole and of this version. */
function carriedArticle(slug: string, hash: string): FetchResult<ArticlePageData> | null {
  try {
    const value: unknown = JSON.parse(document.getElementById(ARTICLE_DATA_ID)?.textContent ?? '');
    return isArticlePageData(value) && value.article.slug === slug && value.article.hash === hash
      ? { ok: true, value }
      : null;
  } catch {
    return null;
  }
}

/**
 * The article from the network, with the glossary entries it uses in the UI language. Without
 * the glossary (its request failed) the article is still worth keeping: its terms then read as
 * plain text until it is kept again.
 */
export async function fetchArticle(slug: string): Promise<FetchResult<ArticlePageData>> {
  const fetched = await fetchJson(articleJsonUrl(slug), isPublishedArticle);
  if (!fetched.ok) return fetched;
  const article = fetched.value;
  if (article.slug !== slug) return { ok: false, failure: 'invalid' };
  const used = new Set(shownEntryIds(article.glossary));
  if (used.size === 0) return { ok: true, value: { article, glossary: [] } };
  const texts = await fetchJson(glossaryJsonUrl(uiLocale()), isGlossaryTexts);
  const glossary = texts.ok ? texts.value.filter((text) => used.has(text.id)) : [];
  return { ok: true, value: { article, glossary } };
}

/** Stores an article and its glossary entries together. */
export function storeArticle(data: ArticlePageData): Promise<StoredArticle> {
  return putArticle(data.article, Date.now(), data.glossary);
}

function isGlossaryTexts(value: unknown): value is GlossaryText[] {
  return Array.isArray(value) && value.every(isGlossaryText);
}

/**
 * Fetches and stores an article again after its stored record was found corrupt and dropped.
 * Quietly does nothing when offline or when storage fails: the next open keeps it anyway.
 */
export async function refetchArticle(slug: string): Promise<boolean> {
  const fetched = await fetchArticle(slug);
  if (!fetched.ok) return false;
  try {
    await storeArticle(fetched.value);
    return true;
  } catch {
    return false;
  }
}

/** What the reader is told when an article could not be stored yet. */
export function notYetMessage(failure: FetchFailure): string {
  switch (failure) {
    case 'offline':
      return msg('Belum tersimpan: jaringan terputus. Dicoba lagi saat tersambung.');
    case 'timeout':
      return msg('Belum tersimpan: jaringan terlalu lambat. Dicoba lagi nanti.');
    case 'http':
    case 'invalid':
      return msg('Belum tersimpan: salinan dari server rusak atau tidak lengkap. Dicoba lagi nanti.');
  }
}

/** What the reader is told on pinning an article that could not be fetched: a retry pins it once it can. */
export function pinLaterMessage(): string {
  return msg('Akan disimpan untuk dibaca offline begitu bisa diunduh.');
}

/** What the reader is told about a storage error: what happened and what they can do. */
export function storageErrorMessage(error: StorageError): string {
  switch (error.kind) {
    case 'unavailable':
      return msg(
        'Penyimpanan offline tidak tersedia di peramban ini (mungkin mode privat). Artikel tetap bisa dibaca selama online.',
      );
    case 'quota':
      return msg(
        'Ruang penyimpanan perangkat penuh, jadi perubahan ini belum tersimpan. Artikel yang sudah tersimpan tetap aman; hapus beberapa di halaman Tersimpan untuk memberi ruang.',
      );
    case 'outdated':
      return msg('Warta diperbarui di tab lain. Muat ulang halaman ini untuk terus menyimpan artikel.');
    case 'failed':
      return msg('Artikel belum bisa disimpan karena kesalahan penyimpanan. Coba muat ulang halaman.');
  }
}

function asStorageError(error: unknown): StorageError {
  return error instanceof StorageError ? error : new StorageError('failed', String(error), { cause: error });
}
