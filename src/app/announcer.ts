/**
 * The one polite live region (A11Y.md, "One announcer"). Status messages (offline, saved, update
 * waiting, a glossary definition) go through `announce()`. It queues rather than overwrites,
 * clears the region before new text (screen readers skip an unchanged text), drops a message
 * identical to the one just spoken, and never moves focus.
 */

const REGION_ID = 'pengumuman';
/** Time for a screen reader to notice the cleared region before the new text arrives. */
const CLEAR_MS = 100;
/** Time each message stays before the next may replace it. */
const HOLD_MS = 1_500;
/** An identical message within this window is dropped. */
const REPEAT_MS = 10_000;

const queue: string[] = [];
let speaking = false;
let lastMessage = '';
let lastAt = -Infinity;

/** The live region: the prerendered one, or one created now (pages always prerender it). */
export function announcerRegion(): HTMLElement {
  const existing = document.getElementById(REGION_ID);
  if (existing !== null) return existing;
  const region = document.createElement('div');
  region.id = REGION_ID;
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  document.body.append(region);
  return region;
}

export function announce(message: string): void {
  const text = message.trim();
  if (text === '') return;
  const lastQueued = queue.at(-1) ?? (speaking || performance.now() - lastAt < REPEAT_MS ? lastMessage : '');
  if (text === lastQueued) return;
  queue.push(text);
  if (!speaking) void speakNext();
}

async function speakNext(): Promise<void> {
  speaking = true;
  const region = announcerRegion();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    region.textContent = '';
    await delay(CLEAR_MS);
    region.textContent = next;
    lastMessage = next;
    lastAt = performance.now();
    await delay(HOLD_MS);
  }
  speaking = false;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
