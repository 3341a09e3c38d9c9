/**
 * Read aloud in the benchmark: from pressing "Dengarkan" to the first utterance's `start`, with
 * the app's code already kept by the service worker (a later visit), at 4x CPU slowdown. Once
 * with a scripted engine (tests/browser/speech.ts: it starts an utterance at once, so this is
 * Warta's own time: the chunk from the worker's cache, the page's sentences, the voices, the
 * reading position) and once with a real one, espeak-ng through speech-dispatcher.
 *
 * On a machine without an audio device, speech-dispatcher starts an utterance and never ends it,
 * and then speaks no more: each espeak-ng run gets a browser with a speech-dispatcher of its own
 * (its socket and pid file under a new XDG_RUNTIME_DIR), ended by its pid afterwards.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { INDONESIAN_VOICES, installSpeechStandIn } from '../tests/browser/speech.js';
import { CHROMIUM_ARGS, findChromium } from '../tools/chromium.js';

const SANDBOX = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/**
 * tsx (esbuild, `keepNames`) wraps named inner functions in `__name(…)` calls, which then fail in
 * the page the function is sent to: give pages a `__name` that does nothing.
 */
const ESBUILD_NAME_HELPER = { content: 'window.__name = (target) => target;' };

/** Resolves `window.__firstStart` with the time the first non-empty utterance starts. */
const RECORD_START = (): void => {
  const record = window as unknown as { __firstStart: Promise<number> };
  let started: (at: number) => void = () => undefined;
  record.__firstStart = new Promise((resolve) => {
    started = resolve;
  });
  const synth = window.speechSynthesis;
  const speak = synth.speak.bind(synth);
  synth.speak = (utterance: SpeechSynthesisUtterance) => {
    if (utterance.text !== '') {
      utterance.addEventListener('start', () => {
        started(performance.now());
      });
    }
    speak(utterance);
  };
};

/** Opens the article twice, so the worker keeps the whole app, the read-aloud chunk included. */
async function keepTheApp(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await page.locator('warta-article-tools[data-state="kept"]').waitFor({ timeout: 20_000 });
  await page.reload();
  await page.waitForFunction(
    async () => {
      for (const name of await caches.keys()) {
        const keys = await (await caches.open(name)).keys();
        if (keys.some((request) => request.url.includes('warta-listen'))) return true;
      }
      return false;
    },
    undefined,
    { timeout: 20_000, polling: 250 },
  );
  await page.close();
}

/** Presses "Dengarkan" at 4x CPU and returns the milliseconds to the first `start`. */
async function playToStart(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('warta-article-tools[data-state]').waitFor();
  // Speech needs the page to have had the reader's activation: a real click, before timing.
  await page.locator('h1').click();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const ms = await page.evaluate(async () => {
    const button = document.querySelector<HTMLElement>('warta-listen > button');
    if (button === null) throw new Error('no "Dengarkan" button');
    const pressed = performance.now();
    button.click();
    const started = await (window as unknown as { __firstStart: Promise<number> }).__firstStart;
    return started - pressed;
  });
  await page.close();
  return ms;
}

export async function listenScripted(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
  try {
    await context.addInitScript(ESBUILD_NAME_HELPER);
    // The stand-in first, so the recorder wraps its `speak`.
    await installSpeechStandIn(context, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await context.addInitScript(RECORD_START);
    await keepTheApp(context, url);
    return await playToStart(context, url);
  } finally {
    await context.close();
  }
}

/** The same, with a Chromium that speaks through a speech-dispatcher of its own. */
export async function listenEspeak(url: string, run: number): Promise<number> {
  const home = join(tmpdir(), `warta-bench-speechd-${process.pid}-${run}`);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, '--enable-speech-dispatcher', ...SANDBOX],
    env: { ...process.env, XDG_RUNTIME_DIR: home, XDG_CACHE_HOME: home },
  });
  try {
    const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
    await context.addInitScript(ESBUILD_NAME_HELPER);
    await context.addInitScript(RECORD_START);
    await keepTheApp(context, url);
    // The daemon starts on first use and lists its voices seconds later: wait, untimed.
    const warm = await context.newPage();
    await warm.goto(url);
    await warm.waitForFunction(
      () => speechSynthesis.getVoices().some((voice) => voice.lang.startsWith('id')),
      undefined,
      {
        timeout: 30_000,
        polling: 250,
      },
    );
    await warm.close();
    return await playToStart(context, url);
  } finally {
    await browser.close();
    endDaemon(home);
  }
}

function endDaemon(home: string): void {
  try {
    const pid = Number(readFileSync(join(home, 'speech-dispatcher/pid/speech-dispatcher.pid'), 'utf8'));
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // No daemon was started, or it has gone.
  }
  rmSync(home, { recursive: true, force: true });
}
