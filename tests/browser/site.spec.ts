import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { MANY_ARTICLES, MANY_BUILD } from './global-setup.js';
import { ownServer } from './own-server.js';

const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';

test.describe('the home page', () => {
  test('lists the article with its headline, date and lead, and links to it', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artikel');
    const card = page.getByRole('article', { name: /Armenia dan Azerbaijan Sepakat/u });
    await expect(card.locator('time')).toHaveAttribute('datetime', '2020-10-31');
    await expect(card).toContainText('Armenia dan Azerbaijan bersepakat untuk menghindari penembakan');
    await card.getByRole('link').click();
    await expect(page).toHaveURL(`/artikel/${SLUG}/`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia dan Azerbaijan Sepakat');
  });

  test('has no axe violations, light or dark', async ({ page }) => {
    await page.goto('/');
    await expectNoAxeViolations(page, 'home, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'home, dark');
  });
});

test.describe('many articles', () => {
  test('the home page lists the 20 newest, and leads through the archive, numbered from the oldest, and back', async ({
    page,
  }) => {
    const site = await ownServer({ copyOf: MANY_BUILD });
    try {
      await page.goto(`${site.origin}/`);
      const cards = page.getByRole('main').getByRole('article');
      await expect(cards).toHaveCount(20);
      await expect(cards.first()).toContainText(`(${String(MANY_ARTICLES)})`);
      const pager = page.getByRole('navigation', { name: 'Halaman daftar artikel' });
      await expect(pager).toMatchAriaSnapshot(`
        - navigation "Halaman daftar artikel":
          - link "Artikel lebih lama"
      `);
      // By keyboard: Tab to the link, Enter to follow it.
      const older = pager.getByRole('link', { name: 'Artikel lebih lama' });
      await older.focus();
      await expect(older).toBeFocused();
      await page.keyboard.press('Enter');
      // 45 articles: /arsip/1/ the first 20, /arsip/2/ the next 20 (the newest not at home, 25, among them).
      await expect(page).toHaveURL(`${site.origin}/arsip/2/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Artikel, halaman 2');
      await expect(cards).toHaveCount(20);
      await expect(cards.first()).toContainText('(40)');
      await expect(pager).toMatchAriaSnapshot(`
        - navigation "Halaman daftar artikel":
          - link "Artikel lebih baru"
          - link "Artikel lebih lama"
      `);
      await expectNoAxeViolations(page, 'archive, page 2');
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectNoAxeViolations(page, 'archive, page 2, dark');
      await pager.getByRole('link', { name: 'Artikel lebih lama' }).click();
      await expect(page).toHaveURL(`${site.origin}/arsip/1/`);
      await expect(cards.last()).toContainText('(01)');
      await expectNoAxeViolations(page, 'archive, page 1 (the oldest)');
      await page.goto(`${site.origin}/arsip/3/`);
      await expect(cards).toHaveCount(5);
      await pager.getByRole('link', { name: 'Artikel lebih baru' }).click();
      await expect(page).toHaveURL(`${site.origin}/`);
    } finally {
      await site.stop();
    }
  });

  test('the glossary page lists five articles per term and links the term’s page, paged from the oldest like the archive', async ({
    page,
  }) => {
    const site = await ownServer({ copyOf: MANY_BUILD });
    try {
      await page.goto(`${site.origin}/glosarium/`);
      // Each term has such a link; its name says which term it is for.
      await page.getByRole('link', { name: `semua ${String(MANY_ARTICLES)} artikel: Grup Minsk` }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grup Minsk');
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Dipakai di ${String(MANY_ARTICLES)} artikel`);
      // The newest 20; the older ones behind its pager, from the oldest.
      await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(20);
      await page.getByRole('link', { name: 'Artikel lebih lama' }).click();
      await expect(page).toHaveURL(`${site.origin}/glosarium/grup-minsk/2/`);
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('Artikel, halaman 2');
      await expectNoAxeViolations(page, 'a page of a term’s older articles');
      await page.goBack();
      await expectNoAxeViolations(page, 'a term’s own page');
    } finally {
      await site.stop();
    }
  });
});

test.describe('addresses', () => {
  test('sends an article address without its trailing slash to the article, query kept', async ({ page }) => {
    const response = await page.goto(`/artikel/${SLUG}?dari=tautan`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toMatch(new RegExp(`/artikel/${SLUG}/\\?dari=tautan$`, 'u'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia dan Azerbaijan Sepakat');
  });

  test('answers an unknown address with a real 404 page that offers a way back', async ({ page }) => {
    const response = await page.goto('/artikel/tidak-ada/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan');
    await expect(page.getByRole('link', { name: 'Kembali ke daftar artikel' })).toHaveAttribute('href', '/');
    await expectNoAxeViolations(page, '404');
  });

  test('serves the article JSON the app reads, with its content hash', async ({ request }) => {
    // The change log names every article with its hash: what a syncing device compares.
    const log = (await (await request.get('/perubahan/index.json')).json()) as {
      recent: { entries: { slug: string; hash: string }[] }[];
    };
    const entries = log.recent.flatMap((page) => page.entries);
    expect(entries.map((entry) => entry.slug)).toEqual([SLUG]);
    const article = (await (await request.get(`/articles/${SLUG}.json`)).json()) as { hash: string; slug: string };
    expect(article.slug).toBe(SLUG);
    expect(article.hash).toBe(entries[0]?.hash);
  });

  test('sends the security headers, the same policy as the page meta plus frame-ancestors', async ({ page }) => {
    const response = await page.goto(`/artikel/${SLUG}/`);
    const header = (await response?.headerValue('content-security-policy')) ?? '';
    const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/u);
    expect(await response?.headerValue('x-content-type-options')).toBe('nosniff');
  });
});

test.describe('the test harness itself', () => {
  test('sees Trusted Types enforced: a raw HTML sink is refused and reported', async ({ page, csp }) => {
    await page.goto('/');
    const outcome = await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned = true">');
        return 'accepted';
      } catch (error) {
        return error instanceof TypeError ? 'refused' : String(error);
      }
    });
    expect(outcome).toBe('refused');
    await expect.poll(() => csp.violations.join('\n')).toMatch(/trusted|require-trusted-types-for/iu);
    csp.violations.length = 0;
  });

  test('notices a Content-Security-Policy violation when one happens', async ({ page, csp }) => {
    await page.goto('/');
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    await expect.poll(() => csp.violations.length).toBeGreaterThan(0);
    expect(csp.violations.join('\n')).toMatch(/style-src/u);
    // Emptied so this test's own fixture check passes: the point was that it would not.
    csp.violations.length = 0;
  });
});
