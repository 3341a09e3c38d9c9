/**
 * The browser entry. The page is already complete without it (prerendered at build time); this
 * upgrades the elements that add to it and starts offline support. Loaded as a module, so it
 * never blocks the first paint. Parts only some pages use (the saved list, the offline view,
 * the settings form) are separate chunks, loaded where needed.
 */
import './components/warta-age.js';
import './components/warta-article-tools.js';
import './components/warta-reader.js';
import './components/warta-settings.js';
import './components/warta-share.js';
import './components/warta-status.js';
import './components/warta-term.js';
import './components/warta-update-prompt.js';
import { start } from './app/start.js';

start();
