import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { waitForServiceWorker } from './own-server.js';
import { ARTICLE_PATH } from './seed.js';

interface ManifestImage {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
  form_factor?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test.describe('installing Warta', () => {
  test('Chromium finds the app installable, with no manifest errors', async ({ playwright, baseURL }) => {
    const profile = await mkdtemp(join(tmpdir(), 'warta-install-'));
    const context = await playwright.chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL ?? ''}${ARTICLE_PATH}`);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    await context.close();
  });

  test('declares its icons (maskable included) at the sizes the files really have', async ({ request }) => {
    const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
      icons: ManifestImage[];
      screenshots: ManifestImage[];
      shortcuts: { url: string }[];
      lang: string;
      display: string;
    };
    expect(manifest).toMatchObject({ lang: 'id', display: 'standalone' });
    expect(manifest.shortcuts.map((shortcut) => shortcut.url)).toContain('/tersimpan/');
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const size of ['192x192', '512x512']) expect(manifest.icons.map((icon) => icon.sizes)).toContain(size);
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await request.get(image.src);
      expect(response.status(), image.src).toBe(200);
      expect(pngSize(await response.body()), image.src).toBe(image.sizes);
    }
    expect(manifest.screenshots.map((shot) => shot.form_factor).sort()).toEqual(['narrow', 'wide']);
    const touch = await request.get('/icons/apple-touch-icon-180x180.png');
    expect(pngSize(await touch.body())).toBe('180x180');
  });

  test('offers "Pasang aplikasi" when the browser does, and drops it once installed', async ({ page }) => {
    await page.goto('/');
    const button = page.getByRole('button', { name: 'Pasang aplikasi' });
    await expect(button).toBeHidden();
    // Headless Chromium never fires beforeinstallprompt: construct one, as the browser would.
    await page.evaluate(() => {
      const offer = new Event('beforeinstallprompt', { cancelable: true });
      Object.assign(offer, {
        prompt: () => {
          (window as unknown as { __prompted: boolean }).__prompted = true;
          return Promise.resolve();
        },
        userChoice: Promise.resolve({ outcome: 'dismissed' }),
      });
      window.dispatchEvent(offer);
    });
    await expect(button).toBeVisible();
    await expectNoAxeViolations(page, 'install offered');
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted)).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await expect(button).toBeHidden();
    await expect(page.locator('#pengumuman')).toHaveText('Warta terpasang.');
  });

  test('explains how to install where no prompt comes, without script', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByText('Cara memasang Warta di perangkat').click();
    await expect(page.getByText(/iPhone dan iPad \(Safari\): tombol Bagikan/u)).toBeVisible();
    await context.close();
  });
});
