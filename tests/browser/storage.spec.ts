import type { Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import {
  cutPageBeforeItsData,
  ownServer,
  readStoredArticle,
  waitForServiceWorker,
  type OwnServer,
  openAsNewerVersion,
} from './own-server.js';

const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
const PATH = `/artikel/${SLUG}/`;
const HEADLINE = 'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh';

async function openArticle(page: Page): Promise<void> {
  await page.goto(PATH);
  await expectArticleKept(page);
}

test.describe('the saved list (Tersimpan)', () => {
  test('is reachable from the header and says when nothing is saved yet', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('link', { name: 'Tersimpan' }).click();
    await expect(page).toHaveURL('/tersimpan/');
    await expect(page.locator('warta-library')).toHaveAttribute('data-state', 'empty');
    await expect(
      page.getByText('Belum ada artikel tersimpan. Artikel yang Anda buka akan tersimpan otomatis.'),
    ).toBeVisible();
    await expectNoAxeViolations(page, 'library, empty');
  });

  test('lists an opened article with when it was saved, its size and how it is kept', async ({ page }) => {
    await openArticle(page);
    await page.goto('/tersimpan/');
    await expect(page.locator('warta-library')).toHaveAttribute('data-state', 'listed');
    await expect(page.getByRole('link', { name: HEADLINE })).toHaveAttribute('href', PATH);
    const details = page.locator('warta-library .details');
    await expect(details.first()).toHaveText(
      /^\s*Disimpan \d+ \w+ \d{4} pukul \d{2}\.\d{2} · [\d,]+ kB ·\s+disimpan sementara\s*$/u,
    );
    await expect(details.last()).toHaveText(
      /^\s*Warta memakai .+ dari sekitar .+ yang tersedia untuknya di perangkat ini\.\s*$/u,
    );
    await expectNoAxeViolations(page, 'library, one article');
  });

  test('pins from the article and unpins from the list', async ({ page }) => {
    await openArticle(page);
    const save = page.getByRole('button', { name: /Simpan untuk dibaca offline/u });
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Tersimpan untuk dibaca offline.').first()).toBeVisible();

    await page.goto('/tersimpan/');
    const pin = page.getByRole('button', { name: `Simpan untuk dibaca offline: ${HEADLINE}` });
    await expect(pin).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('warta-library .details').first()).toHaveText(/ ·\s+disimpan untuk dibaca offline\s*$/u);
    await pin.click();
    await expect(pin).toHaveAttribute('aria-pressed', 'false');
  });

  test('deletes in one step, moves focus to "Batalkan", and undoes', async ({ page }) => {
    await openArticle(page);
    await page.goto('/tersimpan/');
    await page.getByRole('button', { name: `Hapus: ${HEADLINE}` }).click();
    await expect(page.getByRole('link', { name: HEADLINE })).toBeHidden();
    const undo = page.getByRole('button', { name: 'Batalkan' });
    await expect(undo).toBeFocused();
    await expect(page.locator('#pengumuman')).toHaveText('Artikel dihapus. Pilih Batalkan untuk mengembalikannya.');
    await expectNoAxeViolations(page, 'library, just deleted');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  });
});

test.describe('the state the article tools expose (data-state)', () => {
  test('is "saving" until IndexedDB holds the article, then "kept", and "pinned" while it is pinned', async ({
    page,
  }) => {
    // The page arrives without its JSON and the article's JSON is held back: the app is saving.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => {
      asked = resolve;
    });
    await cutPageBeforeItsData(page, PATH);
    await page.route(`**/articles/${SLUG}.json`, async (route) => {
      asked();
      await released;
      await route.continue();
    });
    await page.goto(PATH);
    await requested;
    const tools = page.locator('warta-article-tools');
    await expect(tools).toHaveAttribute('data-state', 'saving');
    expect(await readStoredArticle(page, SLUG)).toBeNull();
    await expectNoAxeViolations(page, 'article, saving');

    release();
    await expect(tools).toHaveAttribute('data-state', 'kept');
    expect(await readStoredArticle(page, SLUG)).toMatchObject({ slug: SLUG, pinned: false });

    const save = page.getByRole('button', { name: /Simpan untuk dibaca offline/u });
    await save.click();
    await expect(tools).toHaveAttribute('data-state', 'pinned');
    expect(await readStoredArticle(page, SLUG)).toMatchObject({ slug: SLUG, pinned: true });
    await save.click();
    await expect(tools).toHaveAttribute('data-state', 'kept');
    expect(await readStoredArticle(page, SLUG)).toMatchObject({ slug: SLUG, pinned: false });
  });
});

test.describe('storage faults', () => {
  test('without IndexedDB the article still reads and the reader is told saving is unavailable', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    });
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', 'failed');
    await expect(
      page.getByText(/Penyimpanan offline tidak tersedia di peramban ini \(mungkin mode privat\)/u),
    ).toBeVisible();
    await expectNoAxeViolations(page, 'article, no IndexedDB');
    await page.goto('/tersimpan/');
    await expect(page.locator('warta-library')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByRole('alert')).toContainText('Penyimpanan offline tidak tersedia');
    await expectNoAxeViolations(page, 'library, no IndexedDB');
  });

  test('a full disk gives a clear message and loses nothing already saved', async ({ page }) => {
    await openArticle(page);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function put(): IDBRequest<IDBValidKey> {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.getByRole('button', { name: /Simpan untuk dibaca offline/u }).click();
    await expect(page.getByText(/Ruang penyimpanan perangkat penuh/u).first()).toBeVisible();
    await expect(page.locator('#pengumuman')).toContainText('Artikel yang sudah tersimpan tetap aman');
    await expectNoAxeViolations(page, 'article, storage full');
    await page.goto('/tersimpan/');
    await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  });

  test('a corrupt record is dropped, never shown or crashed on, and fetched again', async ({ page }) => {
    await openArticle(page);
    await page.evaluate(async (slug) => {
      await new Promise<void>((done, fail) => {
        const open = indexedDB.open('warta');
        open.onsuccess = () => {
          const tx = open.result.transaction('articles', 'readwrite');
          tx.objectStore('articles').put({ slug, article: { title: null }, pinned: 'ya' });
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => {
            fail(new Error('could not write the corrupt record'));
          };
        };
      });
    }, SLUG);
    // Listing finds the record corrupt, drops it and fetches the article again, unasked.
    const refetched = page.waitForResponse(`**/articles/${SLUG}.json`);
    await page.goto('/tersimpan/');
    await expect(page.locator('warta-library')).toHaveAttribute('data-state', 'empty');
    await refetched;
    const readStored = () => readStoredArticle(page, SLUG);
    await expect.poll(readStored, { timeout: 10_000 }).toMatchObject({ slug: SLUG, article: { slug: SLUG } });
    const stored = await readStored();
    await page.reload();
    await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
    expect(stored).toMatchObject({ slug: SLUG, pinned: false, article: { slug: SLUG } });
  });

  test('a tab running an older schema closes its connection for a newer tab and is told to reload', async ({
    page,
    context,
  }) => {
    await openArticle(page);
    const newer = await context.newPage();
    await newer.goto('/robots.txt');
    const upgraded = await openAsNewerVersion(newer, 1_000);
    expect(upgraded).toBe('upgraded');
    const bar = page.getByRole('region', { name: 'Pembaruan Warta' });
    await expect(bar).toContainText('Warta diperbarui di tab lain.');
    await expectNoAxeViolations(page, 'article, database upgraded elsewhere');
  });
});

test.describe('a fresh site', () => {
  let site: OwnServer;

  test.beforeEach(async () => {
    site = await ownServer();
  });

  test.afterEach(async () => {
    await site.stop();
  });

  test('is controlled by the service worker from the first visit', async ({ page }) => {
    await page.goto(`${site.origin}/`);
    await waitForServiceWorker(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.origin}/sw.js`);
  });
});
