import type { Page } from '@playwright/test';
import { MAX_UTTERANCE, splitSentences } from '../../src/app/listen/sentences.js';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { announcements, ownServer, recordAnnouncements, viewAgainAndKeepTheApp, visitAndKeep } from './own-server.js';
import { ARTICLE_PATH, HEADLINE, SEED_LINES } from './seed.js';
import {
  ENGLISH_ONLY,
  INDONESIAN_VOICES,
  failNextUtterance,
  finishUtterance,
  highlighted,
  installSpeechStandIn,
  mediaSession,
  pressMediaKey,
  speechEvents,
  spoken,
  spokenTexts,
  type StandInOptions,
} from './speech.js';

/** The report as the seed file has it: no promotions, no source line, no editors' code. */
const REPORT = SEED_LINES.filter((line) => !line.startsWith('Baca Juga:') && !line.startsWith('Mi’raj')).map((line) =>
  line.replace(/\s*\(T\/Hju\/P2\)$/u, ''),
);
const LEAD = (REPORT[0] ?? '').replace(/^Jenewa, MINA – /u, '');
const sentencesOf = (text: string): string[] =>
  splitSentences(text, MAX_UTTERANCE).map((span) => text.slice(span.start, span.end));
/** What a reader hears, in order: the headline, the dateline, then every sentence of the report. */
const HEARD = [HEADLINE, 'Jenewa, MINA', ...sentencesOf(LEAD), ...REPORT.slice(1).flatMap(sentencesOf)];

const listen = (page: Page) => page.locator('warta-listen');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function open(page: Page, options: StandInOptions): Promise<void> {
  await installSpeechStandIn(page, options);
  await recordAnnouncements(page);
  await page.goto(ARTICLE_PATH);
  // The elements have upgraded: the button now does something.
  await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', /./u);
}

/** The sentence being spoken: the last one the stand-in heard, once the loop has moved on to it. */
async function expectSpeaking(page: Page, text: string): Promise<void> {
  await expect.poll(async () => (await spokenTexts(page)).at(-1)).toBe(text);
}

test.describe('read aloud', () => {
  test('reads the headline, the dateline and the report in order, in Indonesian, highlighting each sentence, and nothing else', async ({
    page,
  }) => {
    // Voices listed late, as Chrome lists them.
    await open(page, { voices: INDONESIAN_VOICES, mode: 'auto', late: true });
    await button(page, 'Dengarkan').click();
    await expect(listen(page)).toHaveAttribute('data-state', 'ended', { timeout: 15_000 });
    const heard = await spoken(page);
    expect(heard.map((utterance) => utterance.text)).toEqual(HEARD);
    expect(new Set(heard.map((utterance) => `${utterance.lang} ${utterance.voice ?? ''} ${utterance.rate}`))).toEqual(
      new Set(['id Damayanti 1']),
    );
    // The dateline's dash is highlighted but not said.
    expect(await highlighted(page)).toEqual(HEARD.map((text) => (text === 'Jenewa, MINA' ? 'Jenewa, MINA –' : text)));
    await expect.poll(async () => (await announcements(page)).at(-1)).toBe('Selesai dibacakan.');
    expect(await announcements(page)).toEqual(['Membacakan artikel dari awal.', 'Selesai dibacakan.']);
    await expect(button(page, 'Putar lagi')).toBeFocused();
    await expect.poll(() => page.evaluate(() => CSS.highlights.has('warta-listen'))).toBe(false);
  });

  test('reads sub-headings where they stand, and each text in its own language', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'auto' });
    await page.evaluate(() => {
      const paragraphs = document.querySelectorAll('article > p[lang]');
      const heading = Object.assign(document.createElement('h2'), { lang: 'id', textContent: 'Korban perang' });
      const english = Object.assign(document.createElement('p'), {
        lang: 'en',
        textContent: 'Talks went on. Mr. Smith left.',
      });
      paragraphs[1]?.before(heading);
      paragraphs[2]?.after(english);
    });
    await button(page, 'Dengarkan').click();
    await expect(listen(page)).toHaveAttribute('data-state', 'ended', { timeout: 15_000 });
    const heard = await spoken(page);
    const at = heard.findIndex((utterance) => utterance.text === 'Korban perang');
    expect(heard[at - 1]?.text).toBe(sentencesOf(LEAD).at(-1));
    expect(heard[at + 1]?.text).toBe(sentencesOf(REPORT[1] ?? '')[0]);
    const english = heard.filter((utterance) => utterance.lang === 'en');
    expect(english).toEqual([
      { text: 'Talks went on.', lang: 'en', voice: 'Samantha', rate: 1 },
      { text: 'Mr. Smith left.', lang: 'en', voice: 'Samantha', rate: 1 },
    ]);
  });

  test('gives an English article an English voice', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await page.evaluate(() => {
      for (const element of document.querySelectorAll<HTMLElement>('article [lang="id"]')) element.lang = 'en';
    });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    expect((await spoken(page))[0]).toEqual({ text: HEADLINE, lang: 'en', voice: 'Samantha', rate: 1 });
  });

  test('pauses, resumes the sentence from its start, moves by paragraph and stops, from the keyboard alone', async ({
    page,
  }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await expectNoAxeViolations(page, 'listen: idle');
    await button(page, 'Dengarkan').focus();
    await page.keyboard.press('Enter');
    await expect(listen(page)).toHaveAttribute('data-state', 'playing');
    await expectSpeaking(page, HEADLINE);
    // The pressed button is replaced by the player: focus goes to its first control.
    await expect(button(page, 'Jeda')).toBeFocused();
    await expect(page.getByRole('group', { name: 'Dengarkan artikel' })).toBeVisible();
    await expectNoAxeViolations(page, 'listen: playing');

    await finishUtterance(page);
    await expectSpeaking(page, 'Jenewa, MINA');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(button(page, 'Paragraf berikutnya')).toBeFocused();
    await page.keyboard.press('Enter');
    await expectSpeaking(page, sentencesOf(REPORT[1] ?? '')[0] ?? '');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expectSpeaking(page, 'Jenewa, MINA');

    await page.keyboard.press('Shift+Tab');
    await expect(button(page, 'Jeda')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(listen(page)).toHaveAttribute('data-state', 'paused');
    await expect(button(page, 'Lanjutkan')).toBeFocused();
    await expect.poll(async () => (await announcements(page)).at(-1)).toBe('Dijeda.');
    // The place stays shown while paused.
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...(CSS.highlights.get('warta-listen')?.values() ?? [])]
            .map((range) => (range as Range).toString())
            .join(''),
        ),
      )
      .toBe('Jenewa, MINA –');
    await expectNoAxeViolations(page, 'listen: paused');
    const before = (await spokenTexts(page)).length;
    await page.keyboard.press('Enter');
    await expect(listen(page)).toHaveAttribute('data-state', 'playing');
    await expect.poll(async () => (await spokenTexts(page)).length).toBe(before + 1);
    expect((await spokenTexts(page)).at(-1)).toBe('Jenewa, MINA');

    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    await expect(button(page, 'Berhenti')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(listen(page)).toHaveAttribute('data-state', 'idle');
    await expect(button(page, 'Dengarkan')).toBeFocused();
    expect(await page.evaluate(() => CSS.highlights.has('warta-listen'))).toBe(false);
    await expect.poll(async () => (await announcements(page)).at(-1)).toBe('Berhenti membacakan.');
  });

  test('applies a new speed at once and remembers it', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    await page.getByLabel('Kecepatan').selectOption('1.5');
    await expect.poll(async () => (await spoken(page)).at(-1)?.rate).toBe(1.5);
    expect((await spokenTexts(page)).at(-1)).toBe(HEADLINE);
    await page.reload();
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    expect((await spoken(page))[0]?.rate).toBe(1.5);
    await expect(page.getByLabel('Kecepatan')).toHaveValue('1.5');
  });

  test("offers the article language's voices, the device's own first, and remembers the choice", async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    const voice = page.getByLabel('Suara');
    const groups = await voice.evaluate((select) =>
      [...select.querySelectorAll('optgroup')].map((group) => ({
        label: group.label,
        voices: [...group.querySelectorAll('option')].map((option) => option.textContent),
      })),
    );
    expect(groups).toEqual([
      { label: 'Di perangkat ini', voices: ['Damayanti', 'Indonesian espeak-ng'] },
      { label: 'Perlu internet', voices: ['Google Bahasa Indonesia'] },
    ]);
    await voice.selectOption({ label: 'Indonesian espeak-ng' });
    await expect.poll(async () => (await spoken(page)).at(-1)?.voice).toBe('Indonesian espeak-ng');
    expect((await spokenTexts(page)).at(-1)).toBe(HEADLINE);
    await page.reload();
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    expect((await spoken(page))[0]?.voice).toBe('Indonesian espeak-ng');
  });

  test('without an Indonesian voice, says so, explains how to add one, and reads nothing', async ({ page }) => {
    await open(page, { voices: ENGLISH_ONLY, mode: 'auto' });
    await button(page, 'Dengarkan').click();
    await expect(listen(page)).toHaveAttribute('data-state', 'no-voice');
    const help = page.getByRole('group', { name: 'Dengarkan artikel' });
    await expect(help).toContainText('belum punya suara untuk bahasa Indonesia');
    await expect(help).toContainText('tidak membacakannya dengan suara bahasa lain');
    await expect(help).toContainText('Android: Setelan');
    await expect(help).toContainText('iPhone dan iPad: Pengaturan → Aksesibilitas → Konten Lisan');
    await expect(button(page, 'Coba lagi')).toBeFocused();
    await expect.poll(async () => (await announcements(page)).at(-1)).toContain('belum punya suara');
    await expectNoAxeViolations(page, 'listen: no voice');
    expect(await spoken(page)).toEqual([]);
    await button(page, 'Tutup').click();
    await expect(listen(page)).toHaveAttribute('data-state', 'idle');
    await expect(button(page, 'Dengarkan')).toBeFocused();
  });

  test('says there is no voice when a device that lists none cannot speak the language', async ({ page }) => {
    await open(page, { voices: [], mode: 'manual' });
    await failNextUtterance(page, 'language-unavailable');
    await button(page, 'Dengarkan').click();
    await expect(listen(page)).toHaveAttribute('data-state', 'no-voice', { timeout: 5_000 });
    await expect(page.getByRole('group', { name: 'Dengarkan artikel' })).toContainText('belum punya suara');
  });

  test('stops with a message on an engine error, and tries the same sentence again', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    await failNextUtterance(page, 'synthesis-failed');
    await finishUtterance(page);
    await expect(listen(page)).toHaveAttribute('data-state', 'failed');
    await expect(listen(page)).toContainText('Suara berhenti karena kesalahan di perangkat.');
    await expectNoAxeViolations(page, 'listen: failed');
    await button(page, 'Lanjutkan').click();
    await expectSpeaking(page, 'Jenewa, MINA');
    await expect(listen(page)).toHaveAttribute('data-state', 'playing');
  });

  test('moves the reading position with the voice: stopped and opened again, it goes on at that paragraph', async ({
    page,
  }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    // Headline → lead → paragraph 2 → 3 → 4 (article > p[lang] index 3).
    for (let i = 0; i < 4; i += 1) await button(page, 'Paragraf berikutnya').click();
    const fourth = sentencesOf(REPORT[3] ?? '')[0] ?? '';
    await expectSpeaking(page, fourth);
    await button(page, 'Berhenti').click();
    await page.reload();
    await expect.poll(async () => (await announcements(page)).at(-1)).toBe('Melanjutkan dari paragraf 4.');
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, fourth);
    expect(await spokenTexts(page)).toEqual([fourth]);
    await expect.poll(async () => (await announcements(page)).at(-1)).toBe('Membacakan artikel dari paragraf 4.');
  });

  test('gives Media Session the title and publisher, and obeys its buttons', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    expect(await mediaSession(page)).toEqual({
      metadata: { title: HEADLINE, artist: 'Kantor Berita MINA' },
      playbackState: 'playing',
    });
    await pressMediaKey(page, 'pause');
    await expect(listen(page)).toHaveAttribute('data-state', 'paused');
    expect((await mediaSession(page)).playbackState).toBe('paused');
    await pressMediaKey(page, 'nexttrack');
    await pressMediaKey(page, 'play');
    await expectSpeaking(page, 'Jenewa, MINA');
    await pressMediaKey(page, 'previoustrack');
    await expectSpeaking(page, HEADLINE);
    await pressMediaKey(page, 'stop');
    await expect(listen(page)).toHaveAttribute('data-state', 'idle');
    expect(await mediaSession(page)).toEqual({ metadata: null, playbackState: 'none' });
  });

  test('stops speaking when the reader leaves the article', async ({ page }) => {
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    await page.getByRole('link', { name: 'Warta', exact: true }).click();
    await expect(page.locator('main[data-page="home"]')).toBeVisible();
    const events = await speechEvents(page);
    expect(events.slice(events.indexOf('pagehide'))).toEqual(['pagehide', 'cancel']);
  });

  test('loads its code only when pressed, and shows no button where the browser cannot speak', async ({ page }) => {
    const chunks: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('warta-listen')) chunks.push(request.url());
    });
    await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
    await expect(button(page, 'Dengarkan')).toBeVisible();
    expect(chunks).toEqual([]);
    await button(page, 'Dengarkan').click();
    await expectSpeaking(page, HEADLINE);
    expect(chunks).toHaveLength(1);

    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    });
    await page.reload();
    await expect(page.locator('warta-listen')).toBeHidden();
  });

  for (const [theme, forcedColors] of [
    ['contrast', 'none'],
    ['dark', 'none'],
    ['light', 'active'],
  ] as const) {
    test(`highlights the sentence in the "${theme}" theme${forcedColors === 'active' ? ', forced colours' : ''}, with no axe violations`, async ({
      page,
    }) => {
      await page.emulateMedia({ forcedColors });
      await page.addInitScript((chosen) => {
        localStorage.setItem('warta:tampilan', JSON.stringify({ settings: { theme: chosen }, savedAt: Date.now() }));
      }, theme);
      await open(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
      await button(page, 'Dengarkan').click();
      await expectSpeaking(page, HEADLINE);
      const colours = await page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('h1') as Element, '::highlight(warta-listen)');
        return { background: style.backgroundColor, colour: style.color };
      });
      expect(colours.background).not.toBe(colours.colour);
      expect(colours.background).not.toBe('rgba(0, 0, 0, 0)');
      await expectNoAxeViolations(page, `listen: playing, theme ${theme}, forced colours ${forcedColors}`);
    });
  }

  test('reads offline once the app is kept', async ({ page }) => {
    const site = await ownServer();
    try {
      await installSpeechStandIn(page, { voices: INDONESIAN_VOICES, mode: 'manual' });
      await visitAndKeep(page, `${site.origin}${ARTICLE_PATH}`);
      await viewAgainAndKeepTheApp(page);
      await site.stop();
      await page.reload();
      await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
      await button(page, 'Dengarkan').click();
      await expectSpeaking(page, HEADLINE);
      await expect(listen(page)).toHaveAttribute('data-state', 'playing');
    } finally {
      await site.stop().catch(() => undefined);
    }
  });
});
