/**
 * The worker's share of sync (issue 15 part 3): the same engine as the page's button
 * (src/data/sync.ts), started without the reader asking — when a page loads, by Periodic
 * Background Sync (installed Chromium apps, at the browser's interval), or by a one-off Background
 * Sync the reader asked for while offline — always under the rule of src/content/sync-policy.ts.
 * Code here cannot be loaded later, so it is in `sw.js`, on the first visit: the one part of sync
 * that counts there (the budget allows the worker 4 KB more for it, and nothing else).
 */
import { autoSyncVerdict, networkHints } from '../content/sync-policy.js';
import { getSyncSettings, getSyncState, sync } from '../data/sync.js';
export { SYNC_TAG } from '../data/sync.js';
import type { Locale } from '../routes.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * Runs a sync if the reader's settings allow one now. `asked`: a one-off sync the reader
 * started while offline — theirs, so neither the automatic rule nor the daily cap applies.
 */
export async function backgroundSync(how: 'opened' | 'periodic' | 'asked', lang: Locale): Promise<void> {
  const [settings, state] = await Promise.all([getSyncSettings(), getSyncState()]);
  if (how !== 'asked' && autoSyncVerdict(settings, networkHints(self.navigator), state, Date.now()) !== 'sync') return;
  await sync({
    choice: settings,
    lang,
    ...(how === 'asked' ? {} : { maxBytes: Math.max(0, settings.dailyCap - state.bytesToday) }),
  });
}

/** Background Sync's events, which TypeScript's WebWorker library does not describe. */
declare global {
  interface SyncEvent extends ExtendableEvent {
    readonly tag: string;
  }
  interface ServiceWorkerGlobalScopeEventMap {
    sync: SyncEvent;
    periodicsync: SyncEvent;
  }
}
