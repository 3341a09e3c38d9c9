import { msg } from '../i18n/msg.js';
import { observe } from './connection.js';

type PromptHost = HTMLElement & { show(reload: () => void, message?: string): void };

/** How long the check after a failed load waits for the server: a 2G link may stall, not fail. */
const CHECK_TIMEOUT_MS = 8_000;

/**
 * Loads a lazily split part of the app. A part fails to load for one of two reasons, and the
 * reader is told which, instead of being left with a button that does nothing: after a deploy,
 * a page from the old version may ask for a chunk that no longer exists (a reload brings the new
 * version); or the connection dropped before the part was ever kept on the device.
 */
export async function loadPart<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch {
    offerReload(await serverAnswers());
    return null;
  }
}

/** Whether the server answers at all (any status); a failure also tells the connection monitor. */
async function serverAnswers(): Promise<boolean> {
  try {
    await fetch(location.href, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    return true;
  } catch {
    observe('offline');
    return false;
  }
}

function offerReload(online: boolean): void {
  const prompt = document.querySelector<PromptHost>('warta-update-prompt');
  prompt?.show(
    () => {
      location.reload();
    },
    online
      ? msg('Warta sudah diperbarui, dan bagian ini perlu versi baru.')
      : msg('Bagian ini belum tersimpan di perangkat ini. Muat ulang setelah tersambung.'),
  );
}
