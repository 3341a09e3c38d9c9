/**
 * The read-aloud loop as a state machine. Pure: it never touches `speechSynthesis`, so node tests
 * drive it with a scripted engine. It speaks one sentence per utterance and moves on only when the
 * engine reports that utterance's `end` (or an `error`), never on a timer: a hidden page's timers
 * are throttled, and no voice's speed can be guessed.
 *
 * Every utterance gets a token; an event carrying an older token (a cancelled sentence reporting
 * `interrupted` or `end` late, as engines do) is ignored. Pausing cancels the sentence and resuming
 * says it again from its start: `speechSynthesis.pause()` does nothing or stops for good on some
 * Android versions, and a sentence is short.
 */

export type PlayerState = 'idle' | 'playing' | 'paused' | 'ended' | 'no-voice' | 'failed';

/** What the loop needs to know of a sentence: which block (heading or paragraph) it is in. */
export interface PlayerSentence {
  readonly block: number;
}

/** What the loop asks of the page: speaking, and showing where it is. */
export interface PlayerOutput {
  /** Speak sentence `index`; report its events with `token`. */
  speak(index: number, token: number): void;
  /** Stop whatever is being spoken. */
  cancel(): void;
  /** The sentence being read, or where reading will go on when paused; null when none. */
  show(index: number | null): void;
  /** The state changed; `error` is the engine's error code when it is `failed`. */
  changed(state: PlayerState, error: string | null): void;
}

/** Errors that mean something else took the speech (another tab, a call): the reader may resume. */
const INTERRUPTIONS = new Set(['interrupted', 'canceled']);
/** Errors that mean the device cannot speak this language. */
const NO_VOICE = new Set(['language-unavailable', 'voice-unavailable']);

export class Player {
  private index = 0;
  private token = 0;
  private current: PlayerState = 'idle';

  constructor(
    private readonly sentences: readonly PlayerSentence[],
    private readonly out: PlayerOutput,
  ) {}

  get state(): PlayerState {
    return this.current;
  }

  /** The sentence being read, or where reading goes on. */
  get position(): number {
    return this.index;
  }

  /** Starts reading at sentence `from` (by default where it stopped). */
  play(from = this.index): void {
    if (this.sentences.length === 0) return;
    if (this.current === 'playing') this.silence();
    this.index = Math.min(Math.max(0, from), this.sentences.length - 1);
    this.set('playing');
    this.speakCurrent();
  }

  pause(): void {
    if (this.current !== 'playing') return;
    this.silence();
    this.set('paused');
    this.out.show(this.index);
  }

  /** Goes on from the start of the sentence it stopped in. */
  resume(): void {
    if (this.current === 'paused' || this.current === 'failed') this.play();
  }

  stop(): void {
    this.silence();
    this.out.show(null);
    this.set('idle');
  }

  /** The first sentence of the next block; past the last one, reading is finished. */
  next(): void {
    const block = this.blockOf(this.index) + 1;
    const to = this.sentences.findIndex((sentence) => sentence.block >= block);
    if (to === -1) {
      if (this.current === 'playing' || this.current === 'paused') this.finish();
      return;
    }
    this.jump(to);
  }

  /** The first sentence of the block before this one (or of the first block). */
  previous(): void {
    const block = Math.max(0, this.blockOf(this.index) - 1);
    this.jump(
      Math.max(
        0,
        this.sentences.findIndex((sentence) => sentence.block >= block),
      ),
    );
  }

  /** Says the current sentence again from its start (a new speed or voice takes effect now). */
  restart(): void {
    if (this.current !== 'playing') return;
    this.silence();
    this.speakCurrent();
  }

  /** The engine's `start` for an utterance. */
  started(token: number): void {
    if (token === this.token && this.current === 'playing') this.out.show(this.index);
  }

  /** The engine's `end` for an utterance: on to the next sentence. */
  ended(token: number): void {
    if (token !== this.token || this.current !== 'playing') return;
    if (this.index + 1 >= this.sentences.length) {
      this.finish();
      return;
    }
    this.index += 1;
    this.speakCurrent();
  }

  /** The engine's `error` for an utterance (`SpeechSynthesisErrorEvent.error`). */
  failed(token: number, error: string): void {
    if (token !== this.token || this.current !== 'playing') return;
    if (error === 'text-too-long') {
      this.ended(token);
    } else if (INTERRUPTIONS.has(error)) {
      this.token += 1;
      this.set('paused');
      this.out.show(this.index);
    } else {
      this.token += 1;
      this.out.show(null);
      this.set(NO_VOICE.has(error) ? 'no-voice' : 'failed', error);
    }
  }

  private jump(to: number): void {
    this.index = to;
    if (this.current === 'playing') {
      this.silence();
      this.speakCurrent();
    } else if (this.current === 'paused') {
      this.out.show(to);
    }
  }

  private finish(): void {
    this.silence();
    this.index = 0;
    this.out.show(null);
    this.set('ended');
  }

  private blockOf(index: number): number {
    return this.sentences[index]?.block ?? 0;
  }

  private speakCurrent(): void {
    this.token += 1;
    this.out.speak(this.index, this.token);
  }

  /** Cancels what is spoken; its late events carry an old token and are ignored. */
  private silence(): void {
    this.token += 1;
    this.out.cancel();
  }

  private set(state: PlayerState, error: string | null = null): void {
    this.current = state;
    this.out.changed(state, error);
  }
}
