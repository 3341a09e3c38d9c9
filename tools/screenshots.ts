/**
 * Takes the manifest's install-sheet screenshots from the built app, once, into
 * public/screenshots/ (committed; kept out of the precache). Run after a build:
 *
 *   npm run build && npm run screenshots
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';
import { serve } from './serve.js';

const SHOTS = [
  { file: 'public/screenshots/narrow.png', width: 390, height: 844 },
  { file: 'public/screenshots/wide.png', width: 1280, height: 800 },
] as const;

const server = await serve({ dir: 'dist', port: 0 });
const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
await mkdir('public/screenshots', { recursive: true });
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, locale: 'id-ID' });
    await page.goto(`${origin}/artikel/2020-10-31-armenia-azerbaijan-jenewa/`);
    // Kept on the device: the state line is final (data-state follows IndexedDB, not the wording).
    await page.locator('warta-article-tools[data-state="kept"]').waitFor();
    await page.screenshot({ path: shot.file });
    await page.close();
    process.stdout.write(`wrote ${shot.file}\n`);
  }
} finally {
  await browser.close();
  server.close();
}
