import { Workbox } from 'workbox-window';
import { uiLocale } from '../i18n/locale.js';
import { prefersSavingData } from './save-data.js';
import { serviceWorkerUrl } from './trusted-types.js';

const PLACE_KEY = 'warta:place';

/**
 * Whatever offers the reader a reload (the `warta-update-prompt` element). Declared here, not
 * imported from the element, because app code sits below the components and never knows them.
 */
export interface ReloadOffer {
  show(reload: () => void, message?: string): void;
}
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and, when a new version is waiting, asks the reader. The new
 * version takes over only on "Muat ulang" (skipWaiting, then one reload), and the reader comes
 * back to the same place on the page. A failed registration (no sw.js, a throwing worker)
 * leaves the page working as a plain website.
 */
export function startUpdates(prompt: ReloadOffer | null): void {
  if (!('serviceWorker' in navigator)) return;
  keepTheRestOfTheApp();
  const wb = new Workbox(serviceWorkerUrl(), { scope: '/' });

  wb.addEventListener('waiting', () => {
    prompt?.show(() => {
      rememberPlace();
      wb.addEventListener('controlling', () => {
        location.reload();
      });
      wb.messageSkipWaiting();
    });
  });

  wb.register().catch(() => undefined);

  const check = (): void => {
    wb.update().catch(() => undefined);
  };
  setInterval(check, CHECK_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/**
 * A first visit keeps only what reading offline needs (src/sw/app-files.ts). A page the worker
 * served means the reader came back: once this page has loaded, the worker may fetch the rest
 * (home, Tersimpan, Glosarium, the other parts). Not with Save-Data: then pages are kept only
 * as far as reading offline needs.
 */
function keepTheRestOfTheApp(): void {
  const worker = navigator.serviceWorker.controller;
  if (worker === null || prefersSavingData()) return;
  const ask = (): void => {
    worker.postMessage({ type: 'KEEP_APP', locale: uiLocale() });
  };
  if (document.readyState === 'complete') ask();
  else window.addEventListener('load', ask, { once: true });
}

function rememberPlace(): void {
  try {
    sessionStorage.setItem(PLACE_KEY, JSON.stringify({ path: location.pathname, y: window.scrollY }));
  } catch {
    // Storage refused (private mode): the reload still happens, at the top.
  }
}

/** After an update reload, returns to where the reader was. */
export function restorePlace(): void {
  let saved: unknown;
  try {
    saved = JSON.parse(sessionStorage.getItem(PLACE_KEY) ?? 'null');
    sessionStorage.removeItem(PLACE_KEY);
  } catch {
    return;
  }
  if (typeof saved !== 'object' || saved === null) return;
  const { path, y } = saved as { path?: unknown; y?: unknown };
  if (path === location.pathname && typeof y === 'number') window.scrollTo(0, y);
}
