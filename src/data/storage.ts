/** What the browser says about Warta's storage, when it says anything. */
export interface StorageEstimateInfo {
  readonly usage: number;
  readonly quota: number;
}

/** `navigator.storage.estimate()`, or null where the browser has no such API or refuses. */
export async function estimateStorage(): Promise<StorageEstimateInfo | null> {
  if (typeof navigator === 'undefined' || !('storage' in navigator)) return null;
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}

/**
 * Asks the browser not to evict Warta's storage under pressure. Called on the reader's first
 * explicit save (a user gesture, which some browsers require). Returns the browser's answer, or
 * null where it cannot be asked.
 */
export async function requestPersistence(): Promise<boolean | null> {
  if (typeof navigator === 'undefined' || !('storage' in navigator)) return null;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}
