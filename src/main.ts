/**
 * The browser entry. The page is already complete without it (prerendered at build time); this
 * upgrades the elements that add to it and starts offline support. Loaded as a module, so it
 * never blocks the first paint.
 */
import './components/warta-age.js';
import './components/warta-article-tools.js';
import './components/warta-library.js';
import './components/warta-status.js';
import './components/warta-term.js';
import './components/warta-update-prompt.js';
import { start } from './app/start.js';

start();
