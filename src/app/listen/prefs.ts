/**
 * What the reader chose for listening: the speed, and a voice for each language. Kept in
 * localStorage, not IndexedDB: a voice exists on one device only, the choice is read once when
 * listening starts, and a lost choice only means the default voice. `parseListenPrefs` is pure.
 */

export const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export interface ListenPrefs {
  readonly rate: number;
  /** Primary language (`id`, `en`) → the `voiceURI` chosen last for it. */
  readonly voices: Readonly<Record<string, string>>;
}

export const DEFAULT_PREFS: ListenPrefs = { rate: 1, voices: {} };

const KEY = 'warta-listen';

/** Whatever is stored, as valid choices: an unknown rate or a voice that is not a string is dropped. */
export function parseListenPrefs(stored: unknown): ListenPrefs {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_PREFS;
  const { rate, voices } = stored as Record<string, unknown>;
  const validRate = RATES.find((known) => known === rate) ?? DEFAULT_PREFS.rate;
  const validVoices: Record<string, string> = {};
  if (typeof voices === 'object' && voices !== null) {
    for (const [lang, uri] of Object.entries(voices)) if (typeof uri === 'string') validVoices[lang] = uri;
  }
  return { rate: validRate, voices: validVoices };
}

export function readListenPrefs(): ListenPrefs {
  try {
    return parseListenPrefs(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    // Storage refused (a private mode) or broken: the defaults.
    return DEFAULT_PREFS;
  }
}

export function writeListenPrefs(prefs: ListenPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Not kept: the next visit starts with the defaults, which still work.
  }
}
