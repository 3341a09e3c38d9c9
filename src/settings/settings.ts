/**
 * Reader comfort settings: what they can be, their defaults, and how they apply to the page.
 * Pure apart from `applySettings`, which only sets attributes on the root element; page.css
 * does the rest. The before-first-paint script (first-paint.ts) is built from these functions,
 * so whatever it imports from here lands in every page's `<head>`: keep them small.
 */

// Each setting's possible values; the first is its default.
export const TEXT_SIZES = ['100', '125', '150', '175', '200'] as const;
export const SPACINGS = ['normal', 'relaxed', 'loose'] as const;
export const FONTS = ['sans', 'serif', 'readable'] as const;
export const THEMES = ['system', 'light', 'dark', 'sepia', 'contrast'] as const;
export const LOCALES = ['auto', 'id', 'en'] as const;

export interface Settings {
  readonly textSize: (typeof TEXT_SIZES)[number];
  readonly lineSpacing: (typeof SPACINGS)[number];
  readonly paragraphSpacing: (typeof SPACINGS)[number];
  readonly font: (typeof FONTS)[number];
  readonly theme: (typeof THEMES)[number];
  /** `auto` follows the browser's languages. */
  readonly locale: (typeof LOCALES)[number];
}

/** The key of the settings record in IndexedDB, and of its synchronous mirror in localStorage. */
export const SETTINGS_KEY = 'tampilan';
export const MIRROR_KEY = 'warta:tampilan';

/** The value if it is one of the options, else the first option: each setting's default. */
function oneOf<T extends string>(options: readonly [T, ...T[]], value: unknown): T {
  return options.find((option) => option === value) ?? options[0];
}

/** Settings from anything stored: unknown or invalid values fall back to their defaults. */
export function readSettings(value: unknown): Settings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    textSize: oneOf(TEXT_SIZES, record['textSize']),
    lineSpacing: oneOf(SPACINGS, record['lineSpacing']),
    paragraphSpacing: oneOf(SPACINGS, record['paragraphSpacing']),
    font: oneOf(FONTS, record['font']),
    theme: oneOf(THEMES, record['theme']),
    locale: oneOf(LOCALES, record['locale']),
  };
}

/** The defaults: each setting's first value. */
export const DEFAULT_SETTINGS: Settings = /* @__PURE__ */ readSettings(null);

/** The UI language: the reader's choice, else the first of the browser's languages Warta speaks. */
export function resolveLocale(choice: Settings['locale'], browserLanguages: readonly string[]): 'id' | 'en' {
  if (choice !== 'auto') return choice;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'id' || base === 'ms') return 'id';
    if (base === 'en') return 'en';
  }
  return 'id';
}

/** The settings that are the page's look: `applySettings` sets them on `<html>` as data attributes. */
export const DISPLAY_KEYS = ['textSize', 'lineSpacing', 'paragraphSpacing', 'font', 'theme'] as const;

/**
 * Applies settings to the root element as data attributes (page.css styles them). The
 * before-first-paint script (first-paint.ts) runs this same function on the localStorage mirror.
 */
export function applySettings(root: HTMLElement, settings: Settings): void {
  for (const key of DISPLAY_KEYS) root.dataset[key] = settings[key];
}
