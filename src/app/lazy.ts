import { msg } from '../i18n/msg.js';

type PromptHost = HTMLElement & { show(reload: () => void, message?: string): void };

/**
 * Loads a lazily split part of the app. After a deploy, a page loaded from the old version may
 * ask for a chunk that no longer exists: instead of failing silently (a button that does
 * nothing, a blank panel), the reader is offered a reload into the new version.
 */
export async function loadPart<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch {
    offerReload();
    return null;
  }
}

function offerReload(): void {
  const prompt = document.querySelector<PromptHost>('warta-update-prompt');
  prompt?.show(() => {
    location.reload();
  }, msg('Warta sudah diperbarui, dan bagian ini perlu versi baru.'));
}
