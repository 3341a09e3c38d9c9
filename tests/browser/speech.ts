import type { BrowserContext, Page } from '@playwright/test';

/** A voice as the stand-in lists it (the fields of `SpeechSynthesisVoice`). */
export interface StandInVoice {
  readonly name: string;
  readonly lang: string;
  readonly localService: boolean;
  readonly default: boolean;
}

export interface StandInOptions {
  readonly voices: readonly StandInVoice[];
  /**
   * `auto`: each utterance starts at once and ends a moment later. `manual`: it starts, and ends
   * only when the test calls `finishUtterance()`, so the test can look at each sentence.
   */
  readonly mode: 'auto' | 'manual';
  /** List no voices until `voiceschanged`, as Chrome does. */
  readonly late?: boolean;
}

/** What the stand-in heard: every non-empty utterance, in order, with how it was to be spoken. */
export interface Spoken {
  readonly text: string;
  readonly lang: string;
  readonly voice: string | null;
  readonly rate: number;
}

export const INDONESIAN_VOICES: readonly StandInVoice[] = [
  { name: 'Google US English', lang: 'en-US', localService: false, default: false },
  { name: 'Google Bahasa Indonesia', lang: 'id-ID', localService: false, default: false },
  { name: 'Damayanti', lang: 'id-ID', localService: true, default: false },
  { name: 'Samantha', lang: 'en-US', localService: true, default: true },
  { name: 'Indonesian espeak-ng', lang: 'id', localService: true, default: false },
];

export const ENGLISH_ONLY: readonly StandInVoice[] = [
  { name: 'Samantha', lang: 'en-US', localService: true, default: true },
  { name: 'Daniel', lang: 'en-GB', localService: true, default: false },
];

/**
 * Replaces `speechSynthesis` and `SpeechSynthesisUtterance` before any script of a page runs (of
 * one page, or of every page of a context)
 * with a scripted engine that speaks nothing and records everything: what was spoken, in order, in
 * which language, voice and speed, and what was highlighted when each utterance started. It
 * behaves as Chrome does where it matters: one utterance at a time from a queue, `start` and `end`
 * events (no `boundary`), `cancel()` reporting `interrupted` on what it stops, and an error chosen
 * by the test for the next utterance (`failNext`).
 *
 * It also records Media Session metadata and action handlers, so a test can press the
 * notification's buttons. The record survives navigation (sessionStorage), so a test can see that
 * leaving the page cancelled speech.
 */
export async function installSpeechStandIn(target: Page | BrowserContext, options: StandInOptions): Promise<void> {
  await target.addInitScript((config: StandInOptions) => {
    const spoken: Spoken[] = [];
    const highlighted: string[] = [];
    const queue: FakeUtterance[] = [];
    let current: FakeUtterance | null = null;
    let failNext: string | null = null;
    let voicesListed = config.late !== true;
    const record = (line: string): void => {
      const log = JSON.parse(sessionStorage.getItem('speech-events') ?? '[]') as string[];
      log.push(line);
      sessionStorage.setItem('speech-events', JSON.stringify(log));
    };

    class FakeUtterance extends EventTarget {
      lang = '';
      voice: StandInVoice | null = null;
      rate = 1;
      pitch = 1;
      volume = 1;
      constructor(public text = '') {
        super();
      }
    }

    const fire = (utterance: FakeUtterance, type: string, error?: string): void => {
      const event = new Event(type);
      if (error !== undefined) Object.assign(event, { error });
      utterance.dispatchEvent(event);
    };

    const voices = config.voices.map((voice) => ({ ...voice, voiceURI: `${voice.name} (${voice.lang})` }));
    const engine = new EventTarget() as EventTarget & Record<string, unknown>;

    const next = (): void => {
      if (current !== null) return;
      const utterance = queue.shift();
      if (utterance === undefined) return;
      current = utterance;
      setTimeout(() => {
        if (current !== utterance) return;
        if (failNext !== null && utterance.text !== '') {
          const error = failNext;
          failNext = null;
          current = null;
          fire(utterance, 'error', error);
          next();
          return;
        }
        if (utterance.text !== '') {
          spoken.push({
            text: utterance.text,
            lang: utterance.lang,
            voice: utterance.voice?.name ?? null,
            rate: utterance.rate,
          });
        }
        fire(utterance, 'start');
        // What the page highlighted for this sentence: its start listener has run by now.
        const highlight = (CSS as unknown as { highlights?: Map<string, { values(): Iterable<Range> }> }).highlights;
        const ranges = [...(highlight?.get('warta-listen')?.values() ?? [])];
        if (utterance.text !== '') highlighted.push(ranges.map((range) => range.toString()).join(' '));
        if (config.mode === 'auto' || utterance.text === '') {
          setTimeout(() => {
            // Unless it was cancelled meanwhile: then another utterance may be current.
            if (current === utterance) finish();
          }, 5);
        }
      }, 0);
    };

    const finish = (): void => {
      const utterance = current;
      if (utterance === null) return;
      current = null;
      fire(utterance, 'end');
      next();
    };

    Object.assign(engine, {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => (voicesListed ? voices : []),
      speak: (utterance: FakeUtterance) => {
        queue.push(utterance);
        next();
      },
      cancel: () => {
        record('cancel');
        const stopped = [...(current === null ? [] : [current]), ...queue.splice(0)];
        current = null;
        for (const utterance of stopped) {
          setTimeout(() => {
            fire(utterance, 'error', 'interrupted');
          }, 0);
        }
      },
      pause: () => undefined,
      resume: () => undefined,
    });
    if (!voicesListed) {
      setTimeout(() => {
        voicesListed = true;
        engine.dispatchEvent(new Event('voiceschanged'));
      }, 200);
    }

    const handlers: Record<string, ((details: object) => void) | null> = {};
    const media = { metadata: null as unknown, playbackState: 'none' };
    Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    Object.defineProperty(navigator, 'mediaSession', {
      value: Object.assign(media, {
        setActionHandler: (action: string, handler: ((details: object) => void) | null) => {
          handlers[action] = handler;
        },
      }),
      configurable: true,
    });
    Object.assign(window, {
      __speech: {
        spoken,
        highlighted,
        media,
        handlers,
        finishUtterance: finish,
        failNext: (error: string) => {
          failNext = error;
        },
        current: () => current?.text ?? null,
      },
    });
    window.addEventListener('pagehide', () => {
      record('pagehide');
    });
  }, options);
}

interface SpeechRecord {
  spoken: Spoken[];
  highlighted: string[];
  media: { metadata: { title: string; artist: string } | null; playbackState: string };
  handlers: Record<string, ((details: object) => void) | null>;
  finishUtterance(): void;
  failNext(error: string): void;
  current(): string | null;
}

export async function spoken(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.spoken);
}

export async function spokenTexts(page: Page): Promise<string[]> {
  return (await spoken(page)).map((utterance) => utterance.text);
}

export async function highlighted(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.highlighted);
}

/** Ends the utterance being spoken (manual mode), as an engine does when it has said it. */
export async function finishUtterance(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __speech: SpeechRecord }).__speech.finishUtterance();
  });
}

export async function failNextUtterance(page: Page, error: string): Promise<void> {
  await page.evaluate((code) => {
    (window as unknown as { __speech: SpeechRecord }).__speech.failNext(code);
  }, error);
}

/** Presses a Media Session button (headphones, the notification) as the platform would. */
export async function pressMediaKey(page: Page, action: string): Promise<void> {
  await page.evaluate((name) => {
    (window as unknown as { __speech: SpeechRecord }).__speech.handlers[name]?.({ action: name });
  }, action);
}

export async function mediaSession(page: Page): Promise<SpeechRecord['media']> {
  return page.evaluate(() => {
    const media = (window as unknown as { __speech: SpeechRecord }).__speech.media;
    const metadata = media.metadata === null ? null : { title: media.metadata.title, artist: media.metadata.artist };
    return { metadata, playbackState: media.playbackState };
  });
}

/** What the stand-in saw across page loads: `cancel` and `pagehide`, in order. */
export async function speechEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('speech-events') ?? '[]') as string[]);
}
