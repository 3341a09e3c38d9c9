/**
 * Every element the pages use from the start. Imported by src/main.ts once the UI language is
 * known, so each element renders its first frame in that language; the bundle keeps this in the
 * same file as the entry, so the import costs no request.
 */
import './components/warta-age.js';
import './components/warta-article-tools.js';
import './components/warta-reader.js';
import './components/warta-settings.js';
import './components/warta-share.js';
import './components/warta-status.js';
import './components/warta-term.js';
import './components/warta-update-prompt.js';
