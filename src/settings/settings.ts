/**
 * Reader comfort settings: what they can be, their defaults, and how they apply to the page.
 * Pure apart from `applySettings`, which only sets attributes on the root element; page.css
 * does the rest.
 */

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

export const DEFAULT_SETTINGS: Settings = {
  textSize: '100',
  lineSpacing: 'normal',
  paragraphSpacing: 'normal',
  font: 'sans',
  theme: 'system',
  locale: 'auto',
};

/** The key of the settings record in IndexedDB, and of its synchronous mirror in localStorage. */
export const SETTINGS_KEY = 'tampilan';
export const MIRROR_KEY = 'warta:tampilan';

function oneOf<T extends string>(options: readonly T[], value: unknown, fallback: T): T {
  return options.find((option) => option === value) ?? fallback;
}

/** Settings from anything stored: unknown or invalid values fall back to their defaults. */
export function readSettings(value: unknown): Settings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    textSize: oneOf(TEXT_SIZES, record['textSize'], DEFAULT_SETTINGS.textSize),
    lineSpacing: oneOf(SPACINGS, record['lineSpacing'], DEFAULT_SETTINGS.lineSpacing),
    paragraphSpacing: oneOf(SPACINGS, record['paragraphSpacing'], DEFAULT_SETTINGS.paragraphSpacing),
    font: oneOf(FONTS, record['font'], DEFAULT_SETTINGS.font),
    theme: oneOf(THEMES, record['theme'], DEFAULT_SETTINGS.theme),
    locale: oneOf(LOCALES, record['locale'], DEFAULT_SETTINGS.locale),
  };
}

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

/**
 * Applies settings to the root element as data attributes (page.css styles them). The same
 * work is done before first paint by FIRST_PAINT_SCRIPT from the localStorage mirror.
 */
export function applySettings(root: HTMLElement, settings: Settings): void {
  root.dataset['textSize'] = settings.textSize;
  root.dataset['lineSpacing'] = settings.lineSpacing;
  root.dataset['paragraphSpacing'] = settings.paragraphSpacing;
  root.dataset['font'] = settings.font;
  root.dataset['theme'] = settings.theme;
}

/**
 * The inline script in every page's `<head>` (allowed by its hash in the CSP). Before the body
 * is parsed it copies the mirrored settings onto `<html>`, so the first paint already has the
 * reader's theme and sizes, and it sends the reader to the page in their UI language (the
 * setting, else the browser's languages, as `resolveLocale` decides) with `location.replace`,
 * so a page in the other language is never painted. IndexedDB is asynchronous and cannot do
 * this. It must stay tiny, old-browser-safe, and silent on any error (a broken mirror means
 * defaults, never a blank page). 404 pages (`data-no-locale-redirect`) never redirect.
 *
 * A page it sends away then loses its manifest link (which comes before this script in `<head>`,
 * tools/prerender.ts), in the same task, so nothing reads it: Chromium reads the manifest of the
 * page it shows, and when the other page arrives mid-read it parses an empty body and logs
 * "Manifest: Line: 1, column: 1, Syntax error." (issue 12, 2.3). It runs after `location.replace`,
 * so a browser without `remove()` throws into the catch with the reader already on the way.
 */
export const FIRST_PAINT_SCRIPT = `(function(){try{var d=document.documentElement,m=null;try{m=JSON.parse(localStorage.getItem("${MIRROR_KEY}")||"null")}catch(e){}var s=m&&typeof m.settings==="object"&&m.settings||{},k=["textSize","lineSpacing","paragraphSpacing","font","theme"];for(var i=0;i<k.length;i++){if(typeof s[k[i]]==="string"&&/^[a-z0-9]{1,12}$/.test(s[k[i]]))d.dataset[k[i]]=s[k[i]]}if(d.hasAttribute("data-no-locale-redirect"))return;var w=s.locale==="en"||s.locale==="id"?s.locale:"",l=navigator.languages||[navigator.language||""];for(var j=0;j<l.length&&!w;j++){var b=String(l[j]).toLowerCase().split("-")[0];if(b==="id"||b==="ms")w="id";else if(b==="en")w="en"}w=w||"id";if(w!==(d.lang==="en"?"en":"id")){var p=location.pathname;location.replace((w==="en"?"/en"+p:p.replace(/^\\/en(?=\\/|$)/,"")||"/")+location.search+location.hash);document.querySelector("[rel=manifest]").remove()}}catch(e){}})();`;
