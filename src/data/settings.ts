import { MIRROR_KEY, SETTINGS_KEY, readSettings, type Settings } from '../settings/settings.js';
import { database } from './db.js';
import { toStorageError } from './errors.js';
import { readOne, writeOne } from './idb-lite.js';

/** What is stored, in IndexedDB and in the mirror: the settings and when they were chosen. */
interface Saved {
  readonly settings: Settings;
  readonly savedAt: number;
}

/**
 * The reader's settings. IndexedDB is the record; the localStorage mirror is written first, so
 * it can be newer when a page closes before IndexedDB finished. The newer of the two wins, and
 * the record is repaired from the mirror. A storage fault never blocks reading: the defaults
 * stand in.
 */
export async function getSettings(): Promise<Settings> {
  const mirror = readSaved(readMirror());
  let record: Saved | null = null;
  try {
    const db = await database();
    record = readSaved((await readOne(db, 'settings', SETTINGS_KEY))?.value);
    if (mirror !== null && (record === null || mirror.savedAt > record.savedAt)) {
      await writeOne(db, 'settings', { key: SETTINGS_KEY, value: mirror });
      record = mirror;
    }
  } catch {
    // Fall through to the mirror.
  }
  return (record ?? mirror)?.settings ?? readSettings(null);
}

/**
 * Saves settings: the mirror first (the next page's first paint needs it), then IndexedDB.
 * A failed IndexedDB write is reported, but the mirror keeps the choice for the next page.
 */
export async function putSettings(settings: Settings, now = Date.now()): Promise<void> {
  const saved: Saved = { settings, savedAt: now };
  writeMirror(saved);
  try {
    const db = await database();
    await writeOne(db, 'settings', { key: SETTINGS_KEY, value: saved });
  } catch (error) {
    throw toStorageError(error, 'write');
  }
}

/** Keeps the synchronous mirror in step with the record (the next first paint reads it). */
export async function syncMirror(): Promise<Settings> {
  const settings = await getSettings();
  const current = readSaved(readMirror());
  if (current === null || JSON.stringify(current.settings) !== JSON.stringify(settings)) {
    writeMirror({ settings, savedAt: current?.savedAt ?? 0 });
  }
  return settings;
}

function readSaved(value: unknown): Saved | null {
  if (typeof value !== 'object' || value === null) return null;
  const { settings, savedAt } = value as { settings?: unknown; savedAt?: unknown };
  if (typeof savedAt !== 'number' || typeof settings !== 'object' || settings === null) return null;
  return { settings: readSettings(settings), savedAt };
}

function readMirror(): unknown {
  try {
    return JSON.parse(localStorage.getItem(MIRROR_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function writeMirror(saved: Saved): void {
  try {
    localStorage.setItem(MIRROR_KEY, JSON.stringify(saved));
  } catch {
    // Storage refused (private mode, full): settings still apply to this page.
  }
}
