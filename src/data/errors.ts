/**
 * What can go wrong with on-device storage, in terms the UI can explain:
 * - `unavailable`: no IndexedDB (some private modes) or it refused to open;
 * - `quota`: the device is out of space for Warta;
 * - `outdated`: a newer Warta in another tab upgraded the database; this tab must reload;
 * - `failed`: anything else.
 */
export type StorageErrorKind = 'unavailable' | 'quota' | 'outdated' | 'failed';

export class StorageError extends Error {
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.kind = kind;
  }
}

/** Maps whatever IndexedDB threw to a `StorageError`, keeping the original as the cause. */
export function toStorageError(error: unknown, during: 'open' | 'write' | 'read'): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') return new StorageError('quota', `storage is full: ${detail}`, { cause: error });
  if (name === 'VersionError')
    return new StorageError('outdated', `a newer Warta changed storage: ${detail}`, { cause: error });
  if (during === 'open')
    return new StorageError('unavailable', `IndexedDB cannot be opened: ${detail}`, { cause: error });
  return new StorageError('failed', `IndexedDB ${during} failed: ${detail}`, { cause: error });
}
