import { msg, str } from '../i18n/msg.js';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { highlight, inView, keepInView } from '../app/listen/highlight.js';
import { endMediaSession, mediaPlaybackState, startMediaSession } from '../app/listen/media-session.js';
import { pageSentences, type PageSentence } from '../app/listen/page-text.js';
import { Player, type PlayerState } from '../app/listen/player.js';
import { DEFAULT_PREFS, RATES, readListenPrefs, writeListenPrefs, type ListenPrefs } from '../app/listen/prefs.js';
import { Speech, deviceVoices } from '../app/listen/speech.js';
import { pickVoice, primaryLanguage, voicesFor } from '../app/listen/voices.js';
import { getPosition } from '../data/positions.js';
import { uiLocale } from '../i18n/locale.js';
import { buttonStyles, selectStyles } from './shared-styles.js';
import type { ReadingAt } from './warta-reader.js';

/**
 * Where listening stands, as the host's `data-state`: `idle` (the "Dengarkan" button), `loading`
 * (finding the voices), `playing`, `paused`, `ended`, `no-voice` (the device has no voice for the
 * article's language) or `failed` (the engine reported an error).
 */
export type ListenState = 'idle' | 'loading' | PlayerState;

/**
 * Read aloud ("Dengarkan"): the device's own voices read the article through the Web Speech API,
 * with no server. Never starts by itself. Reads the headline, dateline, sub-headings and the
 * report's paragraphs (src/app/listen/page-text.ts), one sentence per utterance, in each text's
 * language; highlights the sentence being read and keeps it in view while the reader follows
 * along; and moves the reading position with the voice (a `warta-reading-at` event that
 * `warta-reader` keeps), so stopping and coming back resumes at that paragraph.
 *
 * This element is a lazily loaded chunk. The page carries it with a plain "Dengarkan" button in
 * its light DOM, shown only where the browser has speech synthesis (the before-first-paint script
 * marks `<html class="can-speak">`); src/main.ts loads this chunk on that button's first press and
 * calls `start()`. Upgraded, the element renders the same button, then the player.
 *
 * The controls are ordinary buttons and selects; state changes are announced once through the
 * one announcer, never per sentence, so a screen reader is not talked over. Headphones and the
 * notification area control it through Media Session where the platform allows.
 *
 * @fires warta-reading-at - on `document`, when the voice reaches another paragraph or stops.
 */
@customElement('warta-listen')
export class WartaListen extends LitElement {
  static override styles = [
    buttonStyles,
    selectStyles,
    css`
      :host {
        display: block;
      }
      .controls,
      .choices {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      .choices {
        margin-top: 0.5rem;
      }
      label {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.375rem;
        max-width: 100%;
        font-size: 1rem;
      }
      /* Quieter than a form's: the voice choice sits beside the reading controls. */
      select {
        max-width: 100%;
        border-color: var(--muted, #4d4a44);
      }
      button[aria-disabled='true'] {
        border-style: dashed;
        cursor: default;
      }
      .help {
        margin: 0;
        padding: 0.75rem 1rem;
        border-left: 4px solid var(--link, #0a4f96);
        background: var(--notice-bg, #f4efe2);
        font-size: 1rem;
      }
      .help p,
      .help ul {
        margin: 0 0 0.5rem;
      }
      .error {
        margin: 0.5rem 0 0;
        font-size: 1rem;
      }
      @media (forced-colors: active) {
        select {
          border-color: ButtonText;
        }
        button.primary {
          background: Highlight;
          color: HighlightText;
        }
        .help {
          border: 1px solid CanvasText;
        }
      }
    `,
  ];

  /** The article's slug: where its reading position is kept. */
  @property() slug = '';
  /** The publisher's name, for the lock screen and notification (Media Session). */
  @property() publisher = '';

  @state() private status: ListenState = 'idle';
  @state() private error: string | null = null;
  /** The article language's voices, the device's own first. */
  @state() private voices: readonly SpeechSynthesisVoice[] = [];
  @state() private voice: SpeechSynthesisVoice | null = null;
  @state() private rate = DEFAULT_PREFS.rate;

  private player: Player | null = null;
  private speech: Speech | null = null;
  private sentences: PageSentence[] = [];
  private allVoices: SpeechSynthesisVoice[] = [];
  private prefs: ListenPrefs = DEFAULT_PREFS;
  private shown: PageSentence | null = null;
  private paragraph = -1;
  /** Bring the next sentence into view whatever the reader is looking at (after a command). */
  private follow = true;
  private focusAfterUpdate = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.handlePageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.handlePageHide);
    this.player?.stop();
  }

  override willUpdate(): void {
    // Set in the same update as the controls it stands for.
    this.dataset['state'] = this.status;
  }

  override render() {
    switch (this.status) {
      case 'idle':
      case 'loading':
        return html`<button type="button" @click=${this.handleStart}>${msg('Dengarkan')}</button>`;
      case 'no-voice':
        return this.renderNoVoice();
      default:
        return this.renderPlayer();
    }
  }

  override updated(): void {
    // Not while loading: the button shown then is about to be replaced by the player.
    if (!this.focusAfterUpdate || this.status === 'loading') return;
    this.focusAfterUpdate = false;
    this.renderRoot.querySelector<HTMLElement>('button')?.focus();
  }

  /**
   * Starts reading at the article's reading position (its headline when there is none). `focus`
   * moves focus into the controls: the button that was pressed is replaced by them.
   */
  async start(focus = false): Promise<void> {
    if (this.status !== 'idle' && this.status !== 'no-voice') return;
    const synth = window.speechSynthesis;
    this.focusAfterUpdate = focus || this.matches(':focus-within');
    this.status = 'loading';
    const article = this.closest('article');
    this.sentences = article === null ? [] : pageSentences(article);
    this.prefs = readListenPrefs();
    this.rate = this.prefs.rate;
    const [voices, position] = await Promise.all([deviceVoices(synth), getPosition(this.slug).catch(() => null)]);
    this.allVoices = voices;
    const lang = this.articleLang();
    const { local, online } = voicesFor(voices, lang);
    this.voices = [...local, ...online];
    this.voice = pickVoice(voices, lang, this.prefs.voices[primaryLanguage(lang)] ?? null);
    // A device that lists voices but none for this language: say so, never read it in another
    // language's voice. One that lists none at all may still speak (some Android versions list
    // nothing): try, with the language set; an error then says there is no voice.
    if (this.voice === null && voices.length > 0) {
      this.focusAfterUpdate ||= this.matches(':focus-within');
      this.status = 'no-voice';
      announce(this.noVoiceMessage());
      return;
    }
    const paragraph = position?.paragraph ?? 0;
    const from = paragraph === 0 ? 0 : this.sentences.findIndex((sentence) => sentence.paragraph >= paragraph);
    this.speech = new Speech(synth);
    synth.addEventListener('voiceschanged', this.handleVoicesChanged);
    this.player = new Player(this.sentences, {
      speak: this.speakSentence,
      cancel: () => this.speech?.cancel(),
      show: this.showSentence,
      changed: this.handleChanged,
    });
    startMediaSession(this.headline(), this.publisher, {
      play: () => {
        this.player?.resume();
      },
      pause: () => this.player?.pause(),
      previous: () => {
        this.command(() => this.player?.previous());
      },
      next: () => {
        this.command(() => this.player?.next());
      },
      stop: () => {
        this.handleStop();
      },
    });
    announce(
      from > 0 ? msg(str`Membacakan artikel dari paragraf ${paragraph + 1}.`) : msg('Membacakan artikel dari awal.'),
    );
    this.follow = true;
    this.player.play(Math.max(0, from));
  }

  private renderPlayer(): TemplateResult {
    const status = this.status;
    const ended = status === 'ended';
    const toggle = status === 'playing' ? msg('Jeda') : ended ? msg('Putar lagi') : msg('Lanjutkan');
    return html`<div role="group" aria-label=${msg('Dengarkan artikel')}>
      <div class="controls">
        <button type="button" class="primary" @click=${this.handleToggle}>${toggle}</button>
        <button type="button" aria-disabled=${String(ended)} @click=${this.handlePrevious}>
          ${msg('Paragraf sebelumnya')}
        </button>
        <button type="button" aria-disabled=${String(ended)} @click=${this.handleNext}>
          ${msg('Paragraf berikutnya')}
        </button>
        <button type="button" @click=${this.handleStop}>${msg('Berhenti')}</button>
      </div>
      <div class="choices">
        <label
          >${msg('Kecepatan')}
          <select @change=${this.handleRate}>
            ${RATES.map(
              (rate) => html`<option value=${rate} ?selected=${rate === this.rate}>${this.formatRate(rate)}</option>`,
            )}
          </select></label
        >
        ${this.voices.length === 0 ? nothing : this.renderVoices()}
      </div>
      ${status === 'failed' ? html`<p class="error">${this.failureMessage()}</p>` : nothing}
    </div>`;
  }

  /** The article language's voices: the device's own, then those that need the network. */
  private renderVoices(): TemplateResult {
    const option = (voice: SpeechSynthesisVoice) =>
      html`<option value=${voice.voiceURI} ?selected=${voice === this.voice}>${voice.name}</option>`;
    const local = this.voices.filter((voice) => voice.localService);
    const online = this.voices.filter((voice) => !voice.localService);
    return html`<label
      >${msg('Suara')}
      <select @change=${this.handleVoice}>
        ${local.length === 0 ? nothing : html`<optgroup label=${msg('Di perangkat ini')}>${local.map(option)}</optgroup>`}
        ${online.length === 0 ? nothing : html`<optgroup label=${msg('Perlu internet')}>${online.map(option)}</optgroup>`}
      </select></label
    >`;
  }

  private renderNoVoice(): TemplateResult {
    const language = this.languageName();
    return html`<div class="help" role="group" aria-label=${msg('Dengarkan artikel')}>
      <p><strong>${this.noVoiceMessage()}</strong></p>
      <p>${msg('Cara menambah suara:')}</p>
      <ul>
        <li>
          ${msg(
            str`Android: Setelan → Sistem → Bahasa → Output text-to-speech (atau Setelan → Aksesibilitas → Output text-to-speech) → ikon setelan di samping mesin Google → Instal data suara → ${language}.`,
          )}
        </li>
        <li>
          ${msg(
            str`iPhone dan iPad: Pengaturan → Aksesibilitas → Konten Lisan → Suara → ${language} → unduh sebuah suara (untuk bahasa Indonesia: Damayanti).`,
          )}
        </li>
      </ul>
      <div class="controls">
        <button type="button" @click=${this.handleRetry}>${msg('Coba lagi')}</button>
        <button type="button" @click=${this.handleClose}>${msg('Tutup')}</button>
      </div>
    </div>`;
  }

  private readonly speakSentence = (index: number, token: number): void => {
    const sentence = this.sentences[index];
    const player = this.player;
    if (sentence === undefined || player === null) return;
    const sameLanguage = primaryLanguage(sentence.lang) === primaryLanguage(this.articleLang());
    const voice = sameLanguage
      ? this.voice
      : pickVoice(this.allVoices, sentence.lang, this.prefs.voices[primaryLanguage(sentence.lang)] ?? null);
    this.speech?.speak(
      { text: sentence.text, lang: sentence.lang, voice, rate: this.rate },
      {
        start: () => {
          player.started(token);
        },
        end: () => {
          player.ended(token);
        },
        error: (code) => {
          player.failed(token, code);
        },
      },
    );
  };

  /** Highlights the sentence, keeps it in view, and moves the reading position with it. */
  private readonly showSentence = (index: number | null): void => {
    const sentence = index === null ? null : (this.sentences[index] ?? null);
    const previous = this.shown;
    this.shown = sentence;
    highlight(sentence?.range ?? null, sentence?.element ?? null);
    if (sentence === null) return;
    // Follow the voice while the reader does; one who scrolled away to read elsewhere is left there.
    if (this.follow || previous === null || inView(previous.range)) keepInView(sentence.range);
    this.follow = false;
    if (sentence.paragraph !== this.paragraph) {
      this.paragraph = sentence.paragraph;
      this.tellPosition(true);
    }
  };

  private readonly handleChanged = (next: PlayerState, error: string | null): void => {
    const before = this.status;
    this.status = next;
    this.error = error;
    mediaPlaybackState(next === 'playing' ? 'playing' : next === 'paused' ? 'paused' : 'none');
    if (next === 'playing') {
      if (before === 'paused' || before === 'failed') announce(msg('Dilanjutkan.'));
      else if (before === 'ended') announce(msg('Membacakan artikel dari awal.'));
    } else if (next === 'paused') {
      announce(msg('Dijeda.'));
    } else if (next === 'ended') {
      announce(msg('Selesai dibacakan.'));
      this.tellPosition(false);
    } else if (next === 'failed') {
      announce(this.failureMessage());
      this.tellPosition(false);
    } else {
      // Stopped, or no voice after all: listening is over on this page until it is started again.
      this.focusAfterUpdate = this.matches(':focus-within');
      this.player = null;
      this.speech = null;
      window.speechSynthesis.removeEventListener('voiceschanged', this.handleVoicesChanged);
      endMediaSession();
      this.tellPosition(false);
      announce(next === 'no-voice' ? this.noVoiceMessage() : msg('Berhenti membacakan.'));
    }
  };

  /** Tells `warta-reader` where the voice is; `listening` false once it stopped there. */
  private tellPosition(listening: boolean): void {
    if (this.paragraph < 0) return;
    const detail: ReadingAt = { paragraph: this.paragraph, listening };
    document.dispatchEvent(new CustomEvent('warta-reading-at', { detail }));
  }

  /** A command from the reader: the next sentence is brought into view, wherever they were. */
  private command(run: () => void): void {
    this.follow = true;
    run();
  }

  private handleStart(): void {
    void this.start();
  }

  private handleToggle(): void {
    const player = this.player;
    if (player === null) return;
    if (player.state === 'playing') player.pause();
    else {
      this.command(() => {
        if (player.state === 'ended') player.play(0);
        else player.resume();
      });
    }
  }

  private handlePrevious(): void {
    if (this.status !== 'ended') this.command(() => this.player?.previous());
  }

  private handleNext(): void {
    if (this.status !== 'ended') this.command(() => this.player?.next());
  }

  private handleStop(): void {
    this.player?.stop();
  }

  private handleRate(event: Event): void {
    const rate = Number((event.target as HTMLSelectElement).value);
    this.rate = rate;
    this.prefs = { ...this.prefs, rate };
    writeListenPrefs(this.prefs);
    this.player?.restart();
  }

  private handleVoice(event: Event): void {
    const uri = (event.target as HTMLSelectElement).value;
    this.voice = this.voices.find((voice) => voice.voiceURI === uri) ?? this.voice;
    this.prefs = { ...this.prefs, voices: { ...this.prefs.voices, [primaryLanguage(this.articleLang())]: uri } };
    writeListenPrefs(this.prefs);
    this.player?.restart();
  }

  private handleRetry(): void {
    void this.start(true);
  }

  private handleClose(): void {
    this.focusAfterUpdate = true;
    this.status = 'idle';
  }

  /**
   * A device that listed its voices late (speech-dispatcher takes seconds to start): offer them
   * now, and read on with the best one when none was chosen yet.
   */
  private readonly handleVoicesChanged = (): void => {
    const voices = window.speechSynthesis.getVoices();
    const lang = this.articleLang();
    const { local, online } = voicesFor(voices, lang);
    this.allVoices = voices;
    this.voices = [...local, ...online];
    this.voice ??= pickVoice(voices, lang, this.prefs.voices[primaryLanguage(lang)] ?? null);
  };

  /** Leaving the article ends listening: nothing reads on over the next page. */
  private readonly handlePageHide = (): void => {
    this.player?.stop();
  };

  private articleLang(): string {
    return this.closest('article')?.querySelector<HTMLElement>('[lang]')?.lang ?? document.documentElement.lang;
  }

  private headline(): string {
    return this.closest('article')?.querySelector('h1')?.textContent.trim() ?? document.title;
  }

  private languageName(): string {
    const lang = primaryLanguage(this.articleLang());
    try {
      return new Intl.DisplayNames([uiLocale()], { type: 'language' }).of(lang) ?? lang;
    } catch {
      return lang;
    }
  }

  private noVoiceMessage(): string {
    return msg(
      str`Perangkat ini belum punya suara untuk bahasa ${this.languageName()}, dan Warta tidak membacakannya dengan suara bahasa lain.`,
    );
  }

  private failureMessage(): string {
    return this.error === 'not-allowed'
      ? msg('Browser belum mengizinkan suara. Tekan Lanjutkan untuk mencoba lagi.')
      : msg('Suara berhenti karena kesalahan di perangkat. Tekan Lanjutkan untuk mencoba lagi.');
  }

  private formatRate(rate: number): string {
    return `${new Intl.NumberFormat(uiLocale()).format(rate)}×`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-listen': WartaListen;
  }
}
