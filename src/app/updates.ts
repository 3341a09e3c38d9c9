import { uiLocale } from '../i18n/locale.js';
import { prefersSavingData } from './save-data.js';
import { serviceWorkerUrl } from './trusted-types.js';

const PLACE_KEY = 'warta:place';
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Whatever offers the reader a reload (the `warta-update-prompt` element). Declared here, not
 * imported from the element, because app code sits below the components and never knows them.
 */
export interface ReloadOffer {
  show(reload: () => void, message?: string): void;
}

/**
 * Registers the service worker and, when a new version is waiting, asks the reader. The new
 * version takes over only on "Muat ulang" (skipWaiting, then one reload), and the reader comes
 * back to the same place on the page. A failed registration (no sw.js, a throwing worker)
 * leaves the page working as a plain website. `page` is the page's kind (`<main data-page>`).
 *
 * Plain `navigator.serviceWorker`, not workbox-window: what Warta uses of it (register, notice a
 * waiting worker, ask it to skip waiting, reload once it controls) is these few lines, and the
 * library was 1 KB of a first visit that has 40 KB in all.
 */
export function startUpdates(prompt: ReloadOffer | null, page?: string): void {
  if (!('serviceWorker' in navigator)) return;
  greetTheWorker(page);
  afterLoad(() => {
    navigator.serviceWorker.register(serviceWorkerUrl(), { scope: '/' }).then(
      // Undefined where something stubs the API out (privacy tools, Playwright's `serviceWorkers: 'block'`).
      (registration: ServiceWorkerRegistration | undefined) => {
        if (registration === undefined) return;
        offerWaitingVersions(registration, prompt);
        const check = (): void => {
          registration.update().catch(() => undefined);
        };
        setInterval(check, CHECK_EVERY_MS);
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') check();
        });
      },
      () => undefined,
    );
  });
}

/** Runs `then` once the page has loaded: the worker and what it keeps never compete with the page on 2G. */
function afterLoad(then: () => void): void {
  if (document.readyState === 'complete') then();
  else window.addEventListener('load', then, { once: true });
}

/**
 * Offers every new version that finishes installing while this page is controlled, and one
 * already waiting. A worker installing on a first visit is not an update: the page has no
 * controller, and the worker takes it at once (clients.claim in src/sw/sw.ts).
 */
function offerWaitingVersions(registration: ServiceWorkerRegistration, prompt: ReloadOffer | null): void {
  const offer = (worker: ServiceWorker): void => {
    if (navigator.serviceWorker.controller === null) return;
    prompt?.show(() => {
      rememberPlace();
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        location.reload();
      });
      // Read by src/sw/sw.ts: the only way a new version takes over.
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
  };
  const watch = (worker: ServiceWorker | null): void => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  };
  if (registration.waiting !== null) offer(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => {
    watch(registration.installing);
  });
}

/**
 * Tells the worker that served this page that it has loaded. A first visit keeps only what
 * reading offline needs (src/sw/app-files.ts); a page the worker served means the reader came
 * back, so the worker may fetch the rest (Tersimpan, the other parts, a first copy of home and
 * Glosarium) — not with Save-Data: then pages are kept only as far as reading offline needs.
 * The worker answers whether it served this page from its kept copy because the network did
 * not answer, and of when: a list of articles from yesterday must not pass for today's; and
 * tells it what a sync changed. Whatever it says is read by a part of its own
 * (src/app/worker-notices.ts), loaded only when a message comes, and on every list page, which
 * it marks with what is on this device.
 */
function greetTheWorker(page?: string): void {
  const container = navigator.serviceWorker;
  const worker = container.controller;
  if (worker === null) return;
  // The worker's notices, and the marks of a list page made as the part loads (src/app/worker-notices.ts).
  const listPart = (): Promise<typeof import('./worker-notices.js')> => import('./worker-notices.js');
  container.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Not loadPart(): offline, before the rest of the app was kept, a notice is simply left out
    // rather than replaced by a message about a missing part.
    listPart().then(
      (part) => {
        part.fromWorker(event.data);
      },
      () => undefined,
    );
  });
  // A list of articles marks those on this device: only on a page a worker controls (a first
  // visit has nothing stored), by loading that part; left out, like the notice, when it is missing.
  if (page === 'home' || page === 'glossary') listPart().catch(() => undefined);
  // Messages wait until the page says it listens (the spec's client message queue).
  container.startMessages();
  afterLoad(() => {
    worker.postMessage({ type: 'LOADED', locale: uiLocale(), keep: !prefersSavingData() });
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
