import { Workbox } from 'workbox-window';
import type { WartaUpdatePrompt } from '../components/warta-update-prompt.js';
import { serviceWorkerUrl } from './trusted-types.js';

const PLACE_KEY = 'warta:place';
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and, when a new version is waiting, asks the reader. The new
 * version takes over only on "Muat ulang" (skipWaiting, then one reload), and the reader comes
 * back to the same place on the page. A failed registration (no sw.js, a throwing worker)
 * leaves the page working as a plain website.
 */
export function startUpdates(prompt: WartaUpdatePrompt | null): void {
  if (!('serviceWorker' in navigator)) return;
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
