import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../src/data/db.js';
import { getSettings, putSettings } from '../../src/data/settings.js';
import { DEFAULT_SETTINGS, MIRROR_KEY, readSettings, resolveLocale } from '../../src/settings/settings.js';

/** A Storage that keeps values in a Map, as localStorage does in a page. */
function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    clear: () => {
      values.clear();
    },
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => {
      values.delete(key);
    },
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  globalThis.localStorage = memoryStorage();
});

afterEach(async () => {
  await closeDatabase();
});

describe('reading settings', () => {
  it('keeps valid values and replaces anything else with the default', () => {
    expect(readSettings({ textSize: '150', theme: 'sepia', font: 'comic', lineSpacing: 3, extra: true })).toEqual({
      ...DEFAULT_SETTINGS,
      textSize: '150',
      theme: 'sepia',
    });
    expect(readSettings('rusak')).toEqual(DEFAULT_SETTINGS);
  });

  it("defaults to the first value of each setting: normal text, system theme, the browser's language", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      textSize: '100',
      lineSpacing: 'normal',
      paragraphSpacing: 'normal',
      font: 'sans',
      theme: 'system',
      locale: 'auto',
    });
  });

  it('follows the browser languages unless the reader chose one', () => {
    expect(resolveLocale('auto', ['en-GB', 'id'])).toBe('en');
    expect(resolveLocale('auto', ['fr', 'id-ID'])).toBe('id');
    expect(resolveLocale('auto', ['fr'])).toBe('id');
    expect(resolveLocale('en', ['id'])).toBe('en');
  });
});

describe('keeping settings', () => {
  it('keeps them in IndexedDB and the first-paint mirror', async () => {
    await putSettings({ ...DEFAULT_SETTINGS, theme: 'dark' }, 1000);
    expect(JSON.parse(localStorage.getItem(MIRROR_KEY) ?? 'null')).toEqual({
      settings: { ...DEFAULT_SETTINGS, theme: 'dark' },
      savedAt: 1000,
    });
    localStorage.clear();
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('takes the newer of record and mirror, and repairs the record from a newer mirror', async () => {
    await putSettings({ ...DEFAULT_SETTINGS, theme: 'dark' }, 1000);
    // The page closed after the mirror was written but before IndexedDB was.
    localStorage.setItem(
      MIRROR_KEY,
      JSON.stringify({ settings: { ...DEFAULT_SETTINGS, theme: 'sepia' }, savedAt: 2000 }),
    );
    expect((await getSettings()).theme).toBe('sepia');
    localStorage.clear();
    expect((await getSettings()).theme).toBe('sepia');
  });

  it('falls back to the mirror, then the defaults, when IndexedDB is missing', async () => {
    await closeDatabase();
    Reflect.deleteProperty(globalThis, 'indexedDB');
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    localStorage.setItem(MIRROR_KEY, JSON.stringify({ settings: { textSize: '200' }, savedAt: 5 }));
    expect((await getSettings()).textSize).toBe('200');
    await expect(putSettings(DEFAULT_SETTINGS)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
