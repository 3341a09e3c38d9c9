/**
 * The before-first-paint script. tools/first-paint.ts bundles this file at build time into the
 * inline `<script>` of every page's `<head>` (allowed by its hash), so it runs the app's own
 * `readSettings`, `applySettings`, `resolveLocale` and `pathInLocale`, never a copy of them.
 *
 * Before the body is parsed it copies the mirrored settings onto `<html>`, so the first paint
 * already has the reader's theme and sizes, and it sends the reader to the page in their UI
 * language with `location.replace`, so a page in the other language is never painted. IndexedDB
 * is asynchronous and cannot do this. It also marks `<html class="can-speak">` where the browser
 * has speech synthesis, so the article's "Dengarkan" button is there from the first paint, or
 * never (page.css): no layout shift either way. It must stay tiny (it is in every page) and silent on any
 * error: a broken mirror means defaults, never a blank page. 404 pages
 * (`data-no-locale-redirect`) never redirect: the other language's 404 would send them back.
 */
import { pathInLocale } from '../routes.js';
import { MIRROR_KEY, applySettings, readSettings, resolveLocale } from './settings.js';

try {
  const root = document.documentElement;
  let mirror: unknown = null;
  try {
    mirror = JSON.parse(localStorage.getItem(MIRROR_KEY) ?? 'null');
  } catch {
    // A broken or refused mirror: the defaults, and the browser's languages decide.
  }
  // Whatever JSON holds: readSettings keeps only valid values.
  const settings = readSettings((mirror as { settings?: unknown } | null)?.settings);
  applySettings(root, settings);
  if (typeof speechSynthesis === 'object') root.classList.add('can-speak');
  const wanted = resolveLocale(settings.locale, navigator.languages);
  if (!root.hasAttribute('data-no-locale-redirect') && wanted !== (root.lang === 'en' ? 'en' : 'id')) {
    location.replace(`${pathInLocale(location.pathname, wanted)}${location.search}${location.hash}`);
    // Nothing may read the manifest of a page being left: Chromium reads the one of the page it
    // shows, and when the other page arrives mid-read it parses an empty body and logs "Manifest:
    // Line: 1, column: 1, Syntax error." The link comes before this script in <head>
    // (tools/prerender.ts), so removing it in this same task is in time.
    document.querySelector('link[rel="manifest"]')?.remove();
  }
} catch {
  // Never in the reader's way: the page paints with the defaults.
}
