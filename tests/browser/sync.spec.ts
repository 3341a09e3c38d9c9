import type { Page } from '@playwright/test';
import type { Handler } from '../../tools/serve.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { SYNC_BUILD } from './global-setup.js';
import {
  announcements,
  ownServer,
  recordAnnouncements,
  storedArticleSlugs,
  waitForServiceWorker,
  type OwnServer,
} from './own-server.js';

/** Bytes of a pack sent at a time, and the pause before each: about 40 pieces a sync of 20 articles. */
const PIECE = 1_000;
const PAUSE_MS = 100;

/**
 * Sends the packs (the articles' bytes) slowly, a piece at a time, as a slow link does: progress
 * can be watched, a cancel lands mid-way, and stopping the server cuts a sync short.
 */
const slowPacks =
  (handler: Handler): Handler =>
  (req, res) => {
    if (!/^\/perubahan\/\d+\.pack$/u.test(new URL(req.url ?? '/', 'http://localhost').pathname)) {
      handler(req, res);
      return;
    }
    const write = res.write.bind(res) as (chunk: Buffer) => boolean;
    const end = res.end.bind(res) as () => void;
    let queue = Promise.resolve();
    const pause = (): Promise<void> => new Promise((done) => setTimeout(done, PAUSE_MS));
    res.write = ((chunk: Buffer) => {
      for (let start = 0; start < chunk.byteLength; start += PIECE) {
        const piece = chunk.subarray(start, start + PIECE);
        queue = queue.then(pause).then(() => {
          if (!res.destroyed) write(piece);
        });
      }
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      if (chunk instanceof Buffer) res.write(chunk);
      queue = queue.then(() => {
        if (!res.destroyed) end();
      });
      return res;
    }) as typeof res.end;
    handler(req, res);
  };

let site: OwnServer;

test.beforeEach(async () => {
  site = await ownServer({ copyOf: SYNC_BUILD, wrap: slowPacks });
});

test.afterEach(async () => {
  await site.stop().catch(() => undefined);
});

const control = (page: Page) => page.locator('warta-sync');
const startButton = (page: Page) => control(page).getByRole('button', { name: /^Unduh \d+ artikel terbaru$/u });
const statusText = (page: Page) => control(page).locator('.status');

async function openLibrary(page: Page): Promise<void> {
  await recordAnnouncements(page);
  await page.goto(`${site.origin}/tersimpan/`);
  await expect(control(page)).toHaveAttribute('data-state', 'idle');
}

/** Starts a first sync, checks the size it asks about, and agrees. */
async function startAndConfirm(page: Page, articles: number): Promise<void> {
  await startButton(page).click();
  await expect(control(page)).toHaveAttribute('data-state', 'confirming');
  await expect(statusText(page)).toHaveText(new RegExp(`^Unduh ${String(articles)} artikel · [\\d,]+ kB\\?$`, 'u'));
  const agree = control(page).getByRole('button', { name: 'Unduh', exact: true });
  await expect(agree).toBeFocused();
  await agree.click();
  await expect(control(page)).toHaveAttribute('data-state', 'running');
}

/** Waits until at least `count` articles are in, and returns how many the text says. */
async function waitForProgress(page: Page, count: number): Promise<number> {
  let done = 0;
  await expect
    .poll(async () => {
      const match = /^(\d+) dari 20 artikel · [\d,]+ kB$/u.exec((await statusText(page).textContent())?.trim() ?? '');
      done = Number(match?.[1] ?? -1);
      return done;
    })
    .toBeGreaterThanOrEqual(count);
  return done;
}

function storedSlugs(page: Page): Promise<string[]> {
  return page.evaluate(storedArticleSlugs);
}

test.describe('downloading for reading offline (Tersimpan)', () => {
  test('asks with the size first, shows progress, says the start and the end once, and the articles read offline', async ({
    page,
    context,
  }) => {
    await openLibrary(page);
    await expectNoAxeViolations(page, 'sync idle');
    await startAndConfirm(page, 20);
    await expectNoAxeViolations(page, 'sync confirming');

    // Progress as a bar and as words, step by step; the cancel button is reachable meanwhile.
    const done = await waitForProgress(page, 1);
    expect(done).toBeLessThan(20);
    const bar = control(page).locator('progress');
    await expect(bar).toHaveAttribute('max', '20');
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThanOrEqual(done);
    await expect(control(page).getByRole('button', { name: 'Hentikan unduhan' })).toBeFocused();

    // Another tab sees the sync running and waits for it.
    const other = await context.newPage();
    await other.goto(`${site.origin}/tersimpan/`);
    await expect(control(other)).toHaveAttribute('data-state', 'busy');
    await expect(startButton(other)).toBeDisabled();
    await expect(control(other).locator('.status')).toHaveText('Sedang mengunduh di tab lain.');
    await expectNoAxeViolations(other, 'sync running in another tab');
    await expectNoAxeViolations(page, 'sync running');

    await expect(control(page)).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    await expect(statusText(page)).toHaveText('20 artikel tersimpan untuk dibaca offline.');
    await expect(startButton(page)).toBeFocused();
    await expectNoAxeViolations(page, 'sync done');
    // The announcer holds each message a moment before the next.
    await expect
      .poll(async () => (await announcements(page)).filter((text) => text.includes('artikel')))
      .toEqual(['Mengunduh 20 artikel untuk dibaca offline.', '20 artikel tersimpan untuk dibaca offline.']);
    // The list shows them, here and in the other tab, which heard the sync end.
    await expect(page.locator('warta-library li')).toHaveCount(20);
    await expect(control(other)).toHaveAttribute('data-state', 'idle');
    await expect(other.locator('warta-library li')).toHaveCount(20);
    const slugs = await storedSlugs(page);
    expect(slugs).toContain('sinkron-25');
    expect(slugs).toContain('sinkron-06');
    expect(slugs).not.toContain('sinkron-05');

    // A synced article, never opened, reads with the server gone.
    await waitForServiceWorker(page);
    await site.stop();
    await page.goto(`${site.origin}/artikel/sinkron-10/`);
    await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\(10\)$/u);
  });

  test('sends its requests past the worker, straight to the network, where the browser allows it (static routes)', async ({
    page,
  }) => {
    await openLibrary(page);
    await waitForServiceWorker(page);
    await startAndConfirm(page, 20);
    await expect(control(page)).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    // Chromium says, for each request a page makes under a worker, which source answered it: a
    // sync's three kinds of request never wait for the worker to start.
    const sources = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/(perubahan|articles)\//u.test(entry.name))
        .map((entry) => [
          new URL(entry.name).pathname,
          (entry as PerformanceResourceTiming & { workerMatchedSourceType?: string }).workerMatchedSourceType,
        ]),
    );
    expect(sources.map(([path]) => path).sort()).toEqual([
      '/articles/glossary-id.json',
      '/perubahan/1.pack',
      '/perubahan/index.json',
    ]);
    expect(sources.every(([, source]) => source === 'network')).toBe(true);
  });

  test('stops when the reader cancels, keeping what came, and explains that it needs a connection offline', async ({
    page,
    context,
  }) => {
    await openLibrary(page);
    await startAndConfirm(page, 20);
    await waitForProgress(page, 2);
    await control(page).getByRole('button', { name: 'Hentikan unduhan' }).click();
    await expect(control(page)).toHaveAttribute('data-state', 'cancelled');
    await expect(statusText(page)).toHaveText(
      /^Unduhan dihentikan\. \d+ artikel yang sudah terunduh tetap tersimpan\.$/u,
    );
    const saved = Number(/(\d+) artikel/u.exec((await statusText(page).textContent()) ?? '')?.[1]);
    expect(saved).toBeGreaterThanOrEqual(2);
    expect(saved).toBeLessThan(20);
    expect(await storedSlugs(page)).toHaveLength(saved);
    await expect(startButton(page)).toBeFocused();
    await expect
      .poll(() => announcements(page))
      .toContain(`Unduhan dihentikan. ${String(saved)} artikel yang sudah terunduh tetap tersimpan.`);
    await expectNoAxeViolations(page, 'sync cancelled');

    // Offline, Chromium's Background Sync takes the download: the worker finishes it once online,
    // whether or not this page is still open.
    await context.setOffline(true);
    await expect(control(page)).toHaveAttribute('data-state', 'offline');
    await expect(control(page)).toContainText('Perangkat sedang offline: Warta mengunduh begitu tersambung lagi.');
    await expectNoAxeViolations(page, 'sync offline');
    await control(page).getByRole('button', { name: 'Unduh 20 artikel terbaru saat tersambung' }).click();
    await expect
      .poll(() => announcements(page))
      .toContain('Akan diunduh saat perangkat tersambung lagi, juga bila halaman ini sudah ditutup.');
    await expectNoAxeViolations(page, 'sync queued');
    await context.setOffline(false);
    await expect.poll(async () => (await storedSlugs(page)).length, { timeout: 20_000 }).toBe(20);
  });

  test('sits at the end of home once a worker keeps the app, never on a first visit, and downloads from there', async ({
    page,
  }) => {
    await page.goto(`${site.origin}/`);
    await waitForServiceWorker(page);
    // The first visit: no worker controlled the page as it loaded.
    await expect(control(page)).toBeEmpty();
    await page.reload();
    await expect(control(page)).toHaveAttribute('data-state', 'idle');
    // Last in the page's main: its arrival moves none of the articles above it.
    expect(await page.evaluate(() => document.querySelector('main > :last-child')?.localName)).toBe('warta-sync');
    await expectNoAxeViolations(page, 'sync on home');
    await startAndConfirm(page, 20);
    await expect(control(page)).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    expect(await storedSlugs(page)).toHaveLength(20);
  });

  test('fails clearly when the server goes away mid-sync, and the next sync continues from there', async ({ page }) => {
    await openLibrary(page);
    await startAndConfirm(page, 20);
    await waitForProgress(page, 3);
    await site.stop();
    await expect(control(page)).toHaveAttribute('data-state', 'failed');
    const failure =
      /^Unduhan terhenti: sambungan terputus\. (\d+) artikel yang sudah terunduh tetap tersimpan; unduhan berikutnya melanjutkan dari situ\.$/u;
    await expect(statusText(page)).toHaveText(failure);
    const saved = Number(failure.exec((await statusText(page).textContent()) ?? '')?.[1]);
    expect(saved).toBeGreaterThanOrEqual(3);
    await expect(startButton(page)).toBeFocused();
    await expect.poll(async () => (await announcements(page)).some((text) => failure.test(text))).toBe(true);
    await expectNoAxeViolations(page, 'sync failed');

    await site.start();
    // No sync has completed yet: the size of what is left is asked about again.
    await startAndConfirm(page, 20 - saved);
    await expect(control(page)).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    await expect(statusText(page)).toHaveText(`${String(20 - saved)} artikel tersimpan untuk dibaca offline.`);
    expect(await storedSlugs(page)).toHaveLength(20);
  });

  test('keeps its settings in a disclosure, with categories loaded when asked for and the connection said as it is', async ({
    page,
  }) => {
    let indexRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/perubahan/index.json')) indexRequests += 1;
    });
    await openLibrary(page);
    await control(page).getByText('Pengaturan unduhan').click();
    await control(page).getByLabel('Jumlah artikel terbaru').selectOption('10');
    await expect(startButton(page)).toHaveText('Unduh 10 artikel terbaru');
    // Chromium on a desktop gives no connection type: said so, never guessed.
    await expect(control(page)).toContainText('Browser ini tidak memberi tahu jenis sambungan');
    await control(page).getByRole('radio', { name: 'Selalu' }).check();
    expect(indexRequests).toBe(0);
    await control(page).getByText('Kategori: semua').click();
    await control(page).getByRole('checkbox', { name: 'Ekonomi' }).check();
    expect(indexRequests).toBe(1);
    await expect(control(page)).toContainText(
      '10 artikel terbaru yang belum ada di perangkat ini, dari 1 kategori pilihan.',
    );
    await expectNoAxeViolations(page, 'sync settings open');

    // Kept, and automatic ("Selalu"): opening the app again, the worker downloads the newest 10 of
    // Ekonomi (odd days: 25 down to 7) without the reader pressing anything.
    await page.reload();
    await expect(startButton(page)).toHaveText('Unduh 10 artikel terbaru');
    await expect.poll(async () => (await storedSlugs(page)).length, { timeout: 15_000 }).toBe(10);
    await expect(control(page)).toHaveAttribute('data-state', 'idle');
    const slugs = await storedSlugs(page);
    expect(slugs.sort()).toEqual(
      [25, 23, 21, 19, 17, 15, 13, 11, 9, 7].map((n) => `sinkron-${String(n).padStart(2, '0')}`).sort(),
    );
  });

  test('shows the articles the publisher withdrew until the reader dismisses them', async ({ page }) => {
    await page.goto(`${site.origin}/tersimpan/`);
    // The list read: the app made its database.
    await expect(page.locator('warta-library')).toHaveAttribute('data-state', 'empty');
    // What a sync leaves when it removes a withdrawn article (src/data/sync.ts, `withdraw`).
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const open = indexedDB.open('warta');
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put({
              key: 'withdrawn',
              value: [{ slug: 'sinkron-03', title: 'Artikel yang ditarik', lang: 'id', at: Date.now() }],
            });
            tx.oncomplete = () => {
              open.result.close();
              done();
            };
          };
        }),
    );
    await page.reload();
    const notice = control(page).locator('.withdrawn');
    await expect(notice.getByRole('heading', { name: 'Ditarik oleh penerbit' })).toBeVisible();
    await expect(notice.getByRole('listitem')).toHaveText('Artikel yang ditarik');
    await expectNoAxeViolations(page, 'withdrawn notice');
    await notice.getByRole('button', { name: 'Tutup pemberitahuan' }).click();
    await expect(notice).toHaveCount(0);
    await expect(startButton(page)).toBeFocused();
    await page.reload();
    await expect(control(page)).toHaveAttribute('data-state', 'idle');
    await expect(control(page).locator('.withdrawn')).toHaveCount(0);
  });
});

test.describe('downloading for reading offline in English', () => {
  test.use({ locale: 'en-US' });

  test('says it all in English on the English Tersimpan', async ({ page }) => {
    await page.goto(`${site.origin}/en/tersimpan/`);
    await expect(control(page)).toHaveAttribute('data-state', 'idle');
    await expect(control(page).getByRole('heading', { name: 'Download for reading offline' })).toBeVisible();
    await control(page).getByRole('button', { name: 'Download the newest 20 articles' }).click();
    await expect(control(page).locator('.status')).toHaveText(/^Download 20 articles · [\d.]+ kB\?$/u);
    await control(page).getByText('Download settings').click();
    await expectNoAxeViolations(page, 'sync confirming, in English');
    await control(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(control(page)).toHaveAttribute('data-state', 'idle');
  });
});

test.describe('an article a sync changed while it is read', () => {
  test('offers the new version without swapping the text, and says a withdrawal', async ({ page, context }) => {
    await recordAnnouncements(page);
    await page.goto(`${site.origin}/artikel/sinkron-10/`);
    await waitForServiceWorker(page);
    // Controlled from the start, the page listens to the worker.
    await page.reload();
    await waitForServiceWorker(page);
    // The article as shown: a swap or a reload would replace it.
    await page
      .locator('article')
      .first()
      .evaluate((article) => {
        article.setAttribute('data-dibaca', '');
      });
    // What a sync in another tab tells the worker (src/data/sync.ts), which tells every window.
    const other = await context.newPage();
    await other.goto(`${site.origin}/tersimpan/`);
    await waitForServiceWorker(other);
    const post = (data: unknown) =>
      other.evaluate((message) => {
        navigator.serviceWorker.controller?.postMessage(message);
      }, data);
    await post({ type: 'REFRESHED', slugs: ['sinkron-11'] });
    await post({ type: 'REFRESHED', slugs: ['sinkron-10', 'sinkron-12'] });
    const notice = page.locator('[data-sync-notice]');
    await expect(notice).toHaveAttribute('data-sync-notice', 'refreshed');
    await expect(notice).toContainText('Versi baru artikel ini tersedia.');
    await expect(page.getByRole('heading', { level: 1 }).locator('+ div [data-sync-notice]')).toHaveCount(1);
    await expect(page.locator('article[data-dibaca]')).toHaveCount(1);
    await expectNoAxeViolations(page, 'new version offered');
    await expect.poll(() => announcements(page)).toContain('Versi baru artikel ini tersedia.');

    await post({ type: 'WITHDRAWN', slugs: ['sinkron-10'] });
    await expect(notice).toHaveAttribute('data-sync-notice', 'withdrawn');
    await expect(notice).toHaveText('Artikel ini ditarik oleh penerbit.');
    await expect(page.locator('[data-sync-notice]')).toHaveCount(1);
    await expect.poll(() => announcements(page)).toContain('Artikel ini ditarik oleh penerbit.');

    await post({ type: 'REFRESHED', slugs: ['sinkron-10'] });
    const reloaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: 'Muat versi baru' }).click();
    await reloaded;
    await expect(page.locator('[data-sync-notice]')).toHaveCount(0);
  });
});
