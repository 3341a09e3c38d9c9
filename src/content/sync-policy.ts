/**
 * The reader's sync settings and the rule for when a sync may start without being asked: pure,
 * read by the sync panel (page), the worker's automatic and background syncs, and the tests.
 */
import { DEFAULT_SYNC_COUNT, SYNC_COUNTS } from './sync-plan.js';

/** When a sync may run without the reader asking. */
export type AutoSync = 'off' | 'unmetered' | 'always';

export interface SyncSettings {
  /** How many of the newest articles to keep on the device (one of `SYNC_COUNTS`). */
  readonly count: number;
  /** Category ids (the change log's); none: every category. */
  readonly categories: readonly string[];
  readonly auto: AutoSync;
  /** Bytes an automatic sync may download in a day (the reader's own syncs are not capped). */
  readonly dailyCap: number;
}

export const SYNC_SETTINGS_KEY = 'sync-settings';
export const DAILY_CAPS = [1_000_000, 5_000_000, 20_000_000] as const;
export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  count: DEFAULT_SYNC_COUNT,
  categories: [],
  // Off until the reader chooses: nothing is downloaded that they did not ask for.
  auto: 'off',
  dailyCap: 5_000_000,
};

/** Stored settings, each field checked; anything missing or malformed is the default. */
export function readSyncSettings(value: unknown): SyncSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_SYNC_SETTINGS;
  const { count, categories, auto, dailyCap } = value as Record<string, unknown>;
  return {
    count: SYNC_COUNTS.some((n) => n === count) ? (count as number) : DEFAULT_SYNC_SETTINGS.count,
    categories:
      Array.isArray(categories) && categories.every((id) => typeof id === 'string')
        ? (categories)
        : DEFAULT_SYNC_SETTINGS.categories,
    auto: auto === 'off' || auto === 'unmetered' || auto === 'always' ? auto : DEFAULT_SYNC_SETTINGS.auto,
    dailyCap:
      typeof dailyCap === 'number' && Number.isFinite(dailyCap) && dailyCap >= 0
        ? dailyCap
        : DEFAULT_SYNC_SETTINGS.dailyCap,
  };
}

/**
 * What the browser says of the connection (Network Information, where it exists). `type` and
 * `effectiveType` are undefined where the API is missing (Firefox, Safari): the connection then
 * does not look unmetered, whatever it is.
 */
export interface NetworkHints {
  readonly saveData: boolean;
  readonly type?: string | undefined;
  readonly effectiveType?: string | undefined;
}

/** Reads the hints from a page's or a worker's navigator. */
export function networkHints(nav: object): NetworkHints {
  const connection = (nav as { connection?: { saveData?: boolean; type?: string; effectiveType?: string } }).connection;
  return { saveData: connection?.saveData === true, type: connection?.type, effectiveType: connection?.effectiveType };
}

/**
 * Whether the connection looks unmetered and fast: Wi-Fi or wired, and 4G-like. Only a browser
 * that says so counts; one that says nothing does not.
 */
export function looksUnmetered(hints: NetworkHints): boolean {
  return (hints.type === 'wifi' || hints.type === 'ethernet') && hints.effectiveType === '4g';
}

/** An automatic sync waits this long after the last complete one. */
export const AUTO_SYNC_EVERY_MS = 60 * 60 * 1000;

export type AutoVerdict = 'sync' | 'off' | 'save-data' | 'metered' | 'recent' | 'cap';

/**
 * Whether an automatic sync (the app opened, Periodic or one-off Background Sync) may start now,
 * and if not, why: never under Save-Data; with `unmetered`, only on a connection that looks
 * unmetered; never past the daily cap; not again within the hour. A clock set back (the last
 * sync in the future) does not stop syncs for good: the hour counts from whichever is earlier.
 */
export function autoSyncVerdict(
  settings: SyncSettings,
  hints: NetworkHints,
  state: { readonly lastSyncAt: number; readonly bytesToday: number },
  now: number,
): AutoVerdict {
  if (settings.auto === 'off') return 'off';
  if (hints.saveData) return 'save-data';
  if (settings.auto === 'unmetered' && !looksUnmetered(hints)) return 'metered';
  if (state.bytesToday >= settings.dailyCap) return 'cap';
  if (state.lastSyncAt <= now && now - state.lastSyncAt < AUTO_SYNC_EVERY_MS) return 'recent';
  return 'sync';
}
