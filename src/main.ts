/**
 * The browser entry. The page is already complete without it (prerendered at build time); this
 * only upgrades the elements that add to it. Loaded as a module, so it never blocks the first paint.
 */
import './components/warta-age.js';
