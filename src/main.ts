/**
 * The browser entry. The page is already complete without it (prerendered at build time); this
 * upgrades the elements that add to it and starts offline support. Loaded as a module, so it
 * never blocks the first paint. Parts only some pages use (the saved list, the offline view,
 * the settings form, the English strings) are separate chunks, loaded where needed.
 */
import './elements.js';
import { start } from './app/start.js';

// English pages load the English strings, then the app starts; elements marked @localized()
// re-render in English as soon as the strings arrive.
const ready =
  document.documentElement.lang === 'en'
    ? import('./i18n/english.js').then((english) => english.useLocale('en'))
    : Promise.resolve();
void ready.catch(() => undefined).then(start);
