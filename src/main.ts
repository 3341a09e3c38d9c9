/**
 * The browser entry. The page is already complete without it (prerendered at build time); this
 * upgrades the elements that add to it and starts offline support. Loaded as a module, so it
 * never blocks the first paint. Parts only some pages use (the saved list, the offline view,
 * the settings form) are separate chunks, loaded where needed. Each UI language has its own
 * build of this script with its strings compiled in (tools/compile-strings.ts); English pages
 * load the English one.
 */
import './elements.js';
import { loadPart } from './app/lazy.js';
import { start } from './app/start.js';
import { noteUiLocale } from './i18n/locale.js';

// Before any element renders: Lit renders after the module graph has run.
noteUiLocale(__WARTA_UI_LOCALE__);
start();
// The saved list is a chunk of its own, loaded on Tersimpan only. It is loaded here, at the top,
// because app code sits below the elements and never imports them.
if (document.querySelector('main[data-page="library"]') !== null) {
  void loadPart(() => import('./components/warta-library.js'));
} else if (document.querySelector('warta-sync') && 'serviceWorker' in navigator && navigator.serviceWorker.controller) {
  // Home's "Unduh untuk dibaca offline", once a worker keeps the app (never on a first visit).
  void loadPart(() => import('./components/warta-sync.js'));
}
// Search is a chunk of its own too, loaded when the header's field is first used, or at once on
// the results page. The form works without it (it submits to the results page).
const loadSearch = (): void => void loadPart(() => import('./components/warta-search.js'));
// (Each later focus asks again for the module the browser already holds: cheaper than the bytes to stop it.)
if (document.querySelector('[data-page=search]') !== null) loadSearch();
else document.querySelector('warta-search')?.addEventListener('focusin', loadSearch);
// Read aloud is a chunk of its own too, loaded on the first press of the article's "Dengarkan"
// (prerendered, and rendered by the offline view later: hence one listener on the document).
document.addEventListener('click', (event) => {
  const host = event.target instanceof Element ? event.target.closest('warta-listen > button')?.parentElement : null;
  if (host === null || host === undefined) return;
  // WebKit (iOS) lets a page speak only once it asked to inside a user gesture, and the chunk, the
  // voices and the reading position all arrive after it: ask with an empty utterance now. Only
  // there: Chromium's speech-dispatcher backend fails on an empty one and then speaks no more.
  if ('GestureEvent' in window) speechSynthesis.speak(new SpeechSynthesisUtterance(''));
  void loadPart(() => import('./components/warta-listen.js')).then((part) => {
    if (part !== null && host instanceof part.WartaListen) void host.start(true);
  });
});
