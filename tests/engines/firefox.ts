import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import type { Driver } from './driver.js';

/** Debian's Firefox ESR, or the binary FIREFOX_PATH names. */
export function findFirefox(): string {
  const path = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(`no Firefox at ${path}: install Debian's firefox-esr (.ci/run does), or set FIREFOX_PATH`);
  }
  return path;
}

/**
 * Gecko: Firefox ESR driven by puppeteer-core over WebDriver BiDi, headless, with an Indonesian
 * reader's language. (Playwright drives only its own Firefox build, which cannot be downloaded
 * here.)
 */
export async function firefox(): Promise<Driver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: { 'intl.accept_languages': 'id-ID, id' },
    timeout: 30_000,
  });
  // Puppeteer starts Firefox in a process group of its own: killing the group ends its children too.
  const pid = browser.process()?.pid;
  const kill = (): void => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  try {
    const page = await browser.newPage();
    return {
      name: `Firefox ${(await browser.version()).replace(/^firefox\//u, '')}`,
      async goto(url) {
        await page.goto(url);
      },
      async reload() {
        await page.reload();
      },
      run: (script) => page.evaluate(script),
      press: (key) => page.keyboard.press(key),
      click: (x, y) => page.mouse.click(x, y),
      close: () => browser.close(),
      kill,
    };
  } catch (error) {
    kill();
    throw error;
  }
}
