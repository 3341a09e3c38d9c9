import { msg } from '../i18n/msg.js';
import { isPublishedArticle } from '../content/validate.js';
import { getArticle, markRead, putArticle } from '../data/articles.js';
import type { StoredArticle } from '../content/types.js';
import { StorageError } from '../data/errors.js';
import type { PublishedArticle } from '../content/types.js';
import { ARTICLE_DATA_ID, articleJsonUrl } from '../routes.js';
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
  if (existing !== null && existing.hash === hash) {
    // Only the eviction order depends on this write; a failure must not hide the saved copy.
    return { kind: 'kept', record: await markRead(slug).catch(() => existing) };
  }
  const fetched = carriedArticle(slug, hash) ?? (await fetchJson(articleJsonUrl(slug), isPublishedArticle));
  if (!fetched.ok || fetched.value.slug !== slug) {
    // An older stored version still reads offline; keep showing it as kept.
    if (existing !== null) return { kind: 'kept', record: existing };
    return { kind: 'not-yet', failure: fetched.ok ? 'invalid' : fetched.failure };
  }
  try {
    return { kind: 'kept', record: await putArticle(fetched.value) };
  } catch (error) {
    return { kind: 'storage-error', error: asStorageError(error) };
  }
}

/** The article's JSON as its own page carries it, when the page is whole and of this version. */
function carriedArticle(slug: string, hash: string): FetchResult<PublishedArticle> | null {
  try {
    const value: unknown = JSON.parse(document.getElementById(ARTICLE_DATA_ID)?.textContent ?? '');
    return isPublishedArticle(value) && value.slug === slug && value.hash === hash ? { ok: true, value } : null;
  } catch {
    return null;
  }
}

/**
 * Fetches and stores an article again after its stored record was found corrupt and dropped.
 * Quietly does nothing when offline or when storage fails: the next open keeps it anyway.
 */
export async function refetchArticle(slug: string): Promise<boolean> {
  const fetched = await fetchJson(articleJsonUrl(slug), isPublishedArticle);
  if (!fetched.ok || fetched.value.slug !== slug) return false;
  try {
    await putArticle(fetched.value);
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
