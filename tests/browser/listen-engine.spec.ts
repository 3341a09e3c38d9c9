import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.js';
import { expect, test } from './fixtures.js';
import { ARTICLE_PATH, HEADLINE } from './seed.js';

/**
 * Read aloud against a real engine: Chromium on Debian speaks through speech-dispatcher with
 * espeak-ng when started with `--enable-speech-dispatcher` (packages `speech-dispatcher` and
 * `speech-dispatcher-espeak-ng`, which .ci/run installs). The daemon is spawned by Chromium on
 * first use and takes a few seconds to list its voices. On a machine without an audio device an
 * utterance starts but may never end, so only `start` is awaited; and an engine left with such an
 * utterance speaks no more. So the browser gets a speech-dispatcher of its own, on a new socket
 * (XDG_RUNTIME_DIR and XDG_CACHE_HOME hold its socket and pid file), never one left from an
 * earlier run, nor the user's.
 */
const SPEECHD_HOME = join(tmpdir(), `warta-speechd-${process.pid}`);

test.use({
  launchOptions: {
    executablePath: findChromium(),
    env: { ...process.env, XDG_RUNTIME_DIR: SPEECHD_HOME, XDG_CACHE_HOME: SPEECHD_HOME },
    args: [...CHROMIUM_ARGS, '--enable-speech-dispatcher', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  },
});

interface Started {
  readonly text: string;
  readonly lang: string;
  readonly voice: string | null;
}

test.describe('read aloud with a real speech engine', () => {
  test.setTimeout(60_000);

  // Made here, in the worker that launches the browser, not when the runner reads this file.
  test.beforeAll(() => {
    mkdirSync(SPEECHD_HOME, { recursive: true, mode: 0o700 });
  });

  // Its daemon, left with an utterance that never ends, would not exit: end it by its pid (its
  // espeak-ng module then exits too), and remove its files.
  test.afterAll(() => {
    try {
      const pid = Number(readFileSync(join(SPEECHD_HOME, 'speech-dispatcher/pid/speech-dispatcher.pid'), 'utf8'));
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // No daemon was started (the test failed before), or it has gone.
    }
    rmSync(SPEECHD_HOME, { recursive: true, force: true });
  });

  test('lists real Indonesian espeak-ng voices and starts reading the headline with one', async ({ page }) => {
    expect(
      existsSync('/usr/bin/speech-dispatcher'),
      'speech-dispatcher is not installed: apt-get install speech-dispatcher speech-dispatcher-espeak-ng',
    ).toBe(true);
    // Record each utterance's `start`, without standing in for the engine.
    await page.addInitScript(() => {
      const started: Started[] = [];
      Object.assign(window, { __started: started });
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        utterance.addEventListener('start', () => {
          started.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name ?? null });
        });
        speak(utterance);
      };
    });
    await page.goto(ARTICLE_PATH);
    await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', /./u);
    // The daemon lists its voices some seconds after Chromium first asks for them.
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            speechSynthesis
              .getVoices()
              .filter((voice) => /^(id|in)\b/iu.test(voice.lang))
              .map((voice) => voice.name),
          ),
        { timeout: 30_000 },
      )
      .toContain('Indonesian espeak-ng');

    await page.getByRole('button', { name: 'Dengarkan', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __started: Started[] }).__started), { timeout: 15_000 })
      .toEqual([{ text: HEADLINE, lang: 'id', voice: expect.stringMatching(/^Indonesian.*espeak-ng$/u) }]);
    await expect(page.locator('warta-listen')).toHaveAttribute('data-state', 'playing');
    await page.getByRole('button', { name: 'Berhenti', exact: true }).click();
    await expect(page.locator('warta-listen')).toHaveAttribute('data-state', 'idle');
  });
});
