/**
 * The device's speech engine (`speechSynthesis`), as the read-aloud loop uses it: one utterance at
 * a time, its `start`, `end` and `error` events passed on. No `boundary` events are used: Chrome
 * on Android fires none.
 */

export interface UtteranceEvents {
  start(): void;
  end(): void;
  error(code: string): void;
}

export interface Speaking {
  readonly text: string;
  /** The text's language: set on every utterance, since some Android versions ignore `voice`. */
  readonly lang: string;
  readonly voice: SpeechSynthesisVoice | null;
  readonly rate: number;
}

export class Speech {
  /**
   * The utterances not yet done. Held here because Chrome may garbage-collect an utterance that
   * nothing references while it speaks, and then never fires its `end`.
   */
  private readonly live = new Set<SpeechSynthesisUtterance>();
  /**
   * Whether something else may still be queued (src/main.ts's empty utterance for WebKit, another
   * page's speech): the engine's queue is serial, so the first utterance clears it.
   */
  private fresh = true;

  constructor(private readonly synth: SpeechSynthesis) {}

  speak(speaking: Speaking, events: UtteranceEvents): void {
    if (this.fresh) {
      this.fresh = false;
      this.synth.cancel();
    }
    const utterance = new SpeechSynthesisUtterance(speaking.text);
    utterance.lang = speaking.lang;
    if (speaking.voice !== null) utterance.voice = speaking.voice;
    utterance.rate = speaking.rate;
    utterance.addEventListener('start', () => {
      events.start();
    });
    utterance.addEventListener('end', () => {
      this.live.delete(utterance);
      events.end();
    });
    utterance.addEventListener('error', (event) => {
      this.live.delete(utterance);
      events.error(event.error);
    });
    this.live.add(utterance);
    // A paused engine (another page's pause()) would queue this utterance and never start it.
    if (this.synth.paused) this.synth.resume();
    try {
      this.synth.speak(utterance);
    } catch {
      events.error('synthesis-failed');
    }
  }

  cancel(): void {
    this.synth.cancel();
    this.live.clear();
  }
}

/** How long to wait for a device that lists its voices late (Chrome fills the list asynchronously). */
const VOICES_WAIT_MS = 1_500;

/**
 * The device's voices. Chrome lists them only after `voiceschanged`; a device that never fires it
 * and lists none is answered with an empty list after a short wait (the reader just pressed
 * "Dengarkan", so the page is in the foreground).
 */
export function deviceVoices(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (): void => {
      synth.removeEventListener('voiceschanged', done);
      clearTimeout(timer);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, VOICES_WAIT_MS);
    synth.addEventListener('voiceschanged', done);
  });
}
