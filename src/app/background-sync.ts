/**
 * The page's side of Background Sync (issue 15 part 3): asking the browser to run a sync in the
 * service worker later (src/sw/background-sync.ts runs it). Only Chromium has either API; where
 * they are missing the functions say so and the app syncs when it is opened instead.
 */
import type { AutoSync } from '../content/sync-policy.js';
import { SYNC_TAG } from '../data/sync.js';
/** The shortest interval asked of Periodic Background Sync; the browser decides the real one. */
const PERIODIC_MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

interface SyncManagers {
  readonly sync?: { register(tag: string): Promise<void> };
  readonly periodicSync?: {
    register(tag: string, options: { minInterval: number }): Promise<void>;
    unregister(tag: string): Promise<void>;
  };
}

async function registration(): Promise<(ServiceWorkerRegistration & SyncManagers) | null> {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller === null) return null;
  return navigator.serviceWorker.ready;
}

/**
 * Asks for a one-off Background Sync: the worker runs the sync the reader asked for as soon as the
 * device is back online, even if the page is closed by then. False where the browser cannot.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  try {
    const sync = (await registration())?.sync;
    if (sync === undefined) return false;
    await sync.register(SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the platform offers one, asks for a periodic sync when the reader allows automatic
 * syncs, and withdraws it when they turn them off. Chromium grants it only to an installed app
 * (the `periodic-background-sync` permission); elsewhere, or not installed, automatic syncs run
 * when the app is opened. Returns which of the two this device does.
 */
export async function applyAutoSync(auto: AutoSync): Promise<'periodic' | 'when-opened'> {
  try {
    const periodic = (await registration())?.periodicSync;
    if (periodic === undefined) return 'when-opened';
    if (auto === 'off') {
      await periodic.unregister(SYNC_TAG);
      return 'when-opened';
    }
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state !== 'granted') return 'when-opened';
    await periodic.register(SYNC_TAG, { minInterval: PERIODIC_MIN_INTERVAL_MS });
    return 'periodic';
  } catch {
    return 'when-opened';
  }
}
