import { msg } from '../i18n/msg.js';
import { PROBE_URL } from '../routes.js';
import { announce } from './announcer.js';

export type Connection = 'online' | 'offline';

/** A change must hold this long before it is shown and announced: a flapping link is not news. */
const SETTLE_MS = 2_000;
/** While offline, check again this often (doubling up to the maximum). */
const PROBE_START_MS = 10_000;
const PROBE_MAX_MS = 60_000;
const PROBE_TIMEOUT_MS = 8_000;

type Listener = (connection: Connection) => void;
const listeners = new Set<Listener>();

let settled: Connection = 'online';
let pending: { connection: Connection; timer: ReturnType<typeof setTimeout> } | null = null;
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let probeDelay = PROBE_START_MS;

/** Subscribes to settled changes; the listener is called at once with the current state. */
export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  listener(settled);
  return () => listeners.delete(listener);
}

/**
 * What a request just showed: any HTTP answer means online; a network failure or timeout means
 * offline. This, not `navigator.onLine` (which stays true behind a captive portal or a dead
 * link), is what the status shows.
 */
export function observe(connection: Connection): void {
  if (pending !== null) {
    if (pending.connection === connection) return;
    clearTimeout(pending.timer);
    pending = null;
  }
  if (connection === settled) return;
  pending = {
    connection,
    timer: setTimeout(() => {
      pending = null;
      settle(connection);
    }, SETTLE_MS),
  };
}

/**
 * Starts watching. `initial` is what the page already knows (the offline shell knows the network
 * just failed); it is shown at once, and announced when it is bad news.
 */
export function startConnectionMonitor(initial: Connection = 'online'): void {
  settled = initial;
  for (const listener of listeners) listener(initial);
  if (initial === 'offline') {
    // Confirm before announcing: the shell is also served when the network is merely slow.
    void probe().then(() => {
      if (settled === 'offline' && pending === null) {
        announce(msg('Sedang offline. Artikel yang tersimpan tetap bisa dibaca.'));
        scheduleProbe();
      }
    });
  }
  window.addEventListener('offline', () => {
    observe('offline');
  });
  window.addEventListener('online', () => {
    void probe();
  });
  if (!navigator.onLine) observe('offline');
}

function settle(connection: Connection): void {
  if (connection === settled) return;
  settled = connection;
  announce(
    connection === 'offline'
      ? msg('Sedang offline. Artikel yang tersimpan tetap bisa dibaca.')
      : msg('Kembali online.'),
  );
  for (const listener of listeners) listener(connection);
  if (connection === 'offline') {
    probeDelay = PROBE_START_MS;
    scheduleProbe();
  } else {
    clearTimeout(probeTimer);
  }
}

function scheduleProbe(): void {
  clearTimeout(probeTimer);
  probeTimer = setTimeout(() => {
    void probe().then(() => {
      if (settled === 'offline') {
        probeDelay = Math.min(probeDelay * 2, PROBE_MAX_MS);
        scheduleProbe();
      }
    });
  }, probeDelay);
}

/** Asks the server for a few bytes, past every cache. */
async function probe(): Promise<void> {
  try {
    await fetch(PROBE_URL, {
      method: 'HEAD',
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    observe('online');
  } catch {
    observe('offline');
  }
}
