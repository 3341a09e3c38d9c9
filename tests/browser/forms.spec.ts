import type { Page } from '@playwright/test';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { FORMS_BUILD } from './global-setup.js';
import { ownServer, waitForServiceWorker } from './own-server.js';

/**
 * The articles of tests/content/forms, built by global-setup.ts: a marked import with every
 * block kind, a plain text with every form of a real MINA page, and an English article.
 */
const MARKED = '/artikel/2019-04-15-buka-puasa-gaza/';
const PLAIN = '/artikel/2019-04-14-petani-bekasi/';
const ENGLISH = '/artikel/2019-04-16-flood-aid/';

/** What the marked article's body is made of, read from the page as it stands. */
async function expectEveryBlockKind(page: Page): Promise<void> {
  const article = page.locator('main article');
  await expect(article.locator(':scope > h2[lang="id"]')).toHaveText(['Hidangan dari Dapur Umum']);
  await expect(article.locator(':scope > ul[lang="id"] > li')).toHaveText([
    'Kurma dan air',
    'Nasi dengan daging',
    'Sup lentil',
  ]);
  await expect(article.locator(':scope > ol[lang="id"] > li')).toHaveText([
    'Azan magrib dikumandangkan.',
    'Warga berdoa bersama.',
  ]);
  await expect(article.locator(':scope > blockquote[lang="id"] > p')).toHaveCount(2);
  await expect(article.locator(':scope > p.caption')).toHaveText([
    'Warga Gaza berbuka puasa bersama. (Foto: MINA)',
    'Anak-anak membantu membagikan kurma.',
  ]);
  // The reading position counts `article > p[lang]`: the lead, three paragraphs and the two
  // captions; never the sub-heading, the list items or the quotations.
  await expect(article.locator(':scope > p[lang]')).toHaveCount(6);
  await expect(article.locator(':scope > p[lang]').nth(4)).toHaveText(
    '## Tanda pagar di awal paragraf ini bukan judul.',
  );
  const promotions = page.getByRole('region', { name: 'Dari situs penerbit' });
  await expect(promotions.getByRole('link', { name: 'Bantuan Pangan Tiba di Gaza' })).toHaveAttribute(
    'href',
    'https://minanews.net/bantuan-pangan-gaza/',
  );
  await expect(promotions.getByRole('listitem')).toHaveText([
    'Bantuan Pangan Tiba di Gaza',
    'Baca Juga: Masjid Al-Aqsa Dipadati Jamaah',
  ]);
  await expect(article.locator(':scope > footer .editor-code')).toContainText('(T/RS2/P1)');
}

test.describe('articles in every form', () => {
  test('renders every block kind of a marked article, online and from the offline shell', async ({ page }) => {
    const site = await ownServer({ copyOf: FORMS_BUILD });
    try {
      await page.goto(`${site.origin}${MARKED}`);
      await expectEveryBlockKind(page);
      const footer = page.getByRole('contentinfo');
      await expect(footer).toContainText('Judul dari naskah asli.');
      await expect(footer.getByRole('link', { name: 'Naskah asli di situs penerbit' })).toHaveAttribute(
        'href',
        'https://minanews.net/warga-gaza-berbuka-puasa-bersama/',
      );
      await expectNoAxeViolations(page, 'a marked article with every block kind');

      await waitForServiceWorker(page);
      await expectArticleKept(page);
      await site.stop();
      await page.reload();
      await expect(page.locator('.stored-notice')).toBeVisible();
      await expectEveryBlockKind(page);
      await expectNoAxeViolations(page, 'a marked article with every block kind, offline');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });

  test('shows a plain article’s headline, byline, sub-headings and sign-off where they belong', async ({ page }) => {
    const site = await ownServer({ copyOf: FORMS_BUILD });
    try {
      await page.goto(`${site.origin}/`);
      await expect(page.getByRole('main').getByRole('article').getByRole('heading')).toHaveText([
        'Indonesian Muslims Urged to Help Flood Victims',
        'Warga Gaza Berbuka Puasa Bersama di Antara Reruntuhan',
        'Petani Bekasi Mulai Menanam Padi Musim Hujan',
      ]);
      await page.goto(`${site.origin}${PLAIN}`);
      const article = page.locator('main article');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Petani Bekasi Mulai Menanam Padi Musim Hujan');
      // The headline line above the dateline is the h1, not repeated.
      await expect(article.getByText('Petani Bekasi Mulai Menanam Padi Musim Hujan')).toHaveCount(1);
      await expect(article.locator('.lead .dateline')).toHaveText('Cikarang, Kab. Bekasi, MINA –');
      await expect(article.locator(':scope > h2[lang="id"]')).toHaveText([
        'Persiapan Lahan',
        '14 April 2019:',
        'PENYULUHAN PETANI',
      ]);
      const signOff = article.locator(':scope > footer');
      await expect(signOff.locator('p')).toHaveText([
        'Oleh: Nama Penulis*',
        'Mi’raj News Agency (MINA)',
        /^\s*Kode redaksi \(T\/AB2\/CD-1\):\s+singkatan nama penulis dan penyunting/u,
        'Wartawan: Nama Wartawan',
        'Editor: Nama Editor',
        '[Nama]',
        'Ikuti saluran WhatsApp Kantor Berita MINA untuk kabar terbaru.',
      ]);
      await expect(page.getByRole('contentinfo')).toContainText('Judul dari naskah asli.');
      await expectNoAxeViolations(page, 'a plain article with a byline, sub-headings and a long sign-off');
    } finally {
      await site.stop();
    }
  });
});

test.describe('an English article', () => {
  for (const [ui, prefix, labels] of [
    ['Indonesian', '', { promotions: 'Dari situs penerbit', code: 'Kode redaksi', note: 'singkatan nama penulis' }],
    ['English', '/en', { promotions: 'From the publisher', code: "Editors' code", note: 'the initials of' }],
  ] as const) {
    test(`carries lang="en" on its text, with Warta’s labels in the ${ui} interface`, async ({ browser }) => {
      const site = await ownServer({ copyOf: FORMS_BUILD });
      const context = await browser.newContext({ locale: prefix === '' ? 'id-ID' : 'en-US' });
      const page = await context.newPage();
      try {
        await page.goto(`${site.origin}${prefix}${ENGLISH}`);
        await expect(page.locator('html')).toHaveAttribute('lang', prefix === '' ? 'id' : 'en');
        const article = page.locator('main article');
        for (const selector of [
          'h1',
          '.lead',
          ':scope > h2',
          ':scope > ul',
          ':scope > blockquote',
          ':scope > footer .byline',
        ]) {
          await expect(article.locator(selector)).toHaveAttribute('lang', 'en');
        }
        await expect(article.locator(':scope > footer .byline')).toHaveText(
          'By Ali Farkhan Tsani, Senior Editor of MINA',
        );
        await expect(article.locator('.lead .dateline')).toHaveText('JAKARTA, April 16, 2019 (MINA) –');
        await expect(page.getByRole('region', { name: new RegExp(labels.promotions, 'u') })).toBeVisible();
        await expect(page.locator('.read-also ul')).toHaveAttribute('lang', 'en');
        const code = article.locator(':scope > footer .editor-code');
        await expect(code).toContainText(labels.code);
        await expect(code).toContainText(labels.note);
        await expectNoAxeViolations(page, `an English article, ${ui} interface`);
      } finally {
        await context.close();
        await site.stop();
      }
    });
  }
});
