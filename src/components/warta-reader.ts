import { msg, str } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { getPosition, putPosition } from '../data/positions.js';
import { buttonStyles } from './shared-styles.js';

const SAVE_AFTER_MS = 800;

/** Where the read-aloud voice is (`warta-listen`): a paragraph index, and whether it is still reading. */
export interface ReadingAt {
  readonly paragraph: number;
  readonly listening: boolean;
}

/**
 * Remembers where the reader is in an article (the paragraph at the top of the screen) and
 * brings them back there next time, also after a restart and offline: announced politely
 * ("Melanjutkan dari paragraf 6"), never by moving focus, with a button back to the start.
 * A thin progress bar shows sighted readers how far they are; it is hidden from screen readers,
 * for whom it would only be noise.
 *
 * Reads the paragraphs of the article it sits in (`article > p[lang]`). While the article is read
 * aloud, the position follows the voice (`warta-reading-at` on `document`), not the scrolling;
 * once the voice stops, it stays at the voice's paragraph until the reader scrolls.
 */
@customElement('warta-reader')
export class WartaReader extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .progress {
        position: fixed;
        inset: 0 0 auto 0;
        z-index: 15;
        height: 4px;
        background: var(--link, #0a4f96);
        transform-origin: left;
      }
      /* Fixed in the corner while the reader is mid-article; it never covers the text column's
         focus targets because the page keeps a bottom scroll padding meanwhile. */
      .back {
        position: fixed;
        right: 1rem;
        bottom: 1rem;
        z-index: 16;
        box-shadow: 0 0.125rem 0.5rem rgb(0 0 0 / 0.3);
      }
    `,
  ];

  @property() slug = '';

  @state() private progress = 0;
  @state() private resumedFrom: number | null = null;

  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private voice: ReadingAt | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('scroll', this.handleScroll, { passive: true });
    window.addEventListener('pagehide', this.save);
    document.addEventListener('warta-reading-at', this.handleReadingAt);
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.handleScroll);
    window.removeEventListener('pagehide', this.save);
    document.removeEventListener('warta-reading-at', this.handleReadingAt);
    clearTimeout(this.saveTimer);
  }

  override render() {
    return html`<div class="progress" aria-hidden="true" data-progress=${Math.round(this.progress * 100)}></div>
      ${
        this.resumedFrom === null
          ? nothing
          : html`<button type="button" class="back" @click=${this.handleBackToStart}>
              ${msg('Kembali ke awal artikel')}
            </button>`
      }`;
  }

  override updated(): void {
    // A CSSOM write, which the CSP allows (a style attribute would not be).
    const bar = this.renderRoot.querySelector<HTMLElement>('.progress');
    if (bar !== null) bar.style.transform = `scaleX(${this.progress})`;
  }

  private paragraphs(): HTMLElement[] {
    const article = this.closest('article');
    return article === null ? [] : [...article.querySelectorAll<HTMLElement>(':scope > p[lang]')];
  }

  /**
   * The index of the first paragraph whose bottom is below the top of the viewport. When every
   * paragraph is above it, the reader has gone past the report's end (into the promotions or the
   * glossary): the last paragraph is where they got to, never the start.
   */
  private currentParagraph(): number {
    const paragraphs = this.paragraphs();
    const index = paragraphs.findIndex((paragraph) => paragraph.getBoundingClientRect().bottom > 0);
    return index === -1 ? Math.max(0, paragraphs.length - 1) : index;
  }

  private async restore(): Promise<void> {
    // A link to a place in the page (a glossary entry, say) wins over the remembered place.
    if (this.slug === '' || location.hash !== '') return;
    const position = await getPosition(this.slug).catch(() => null);
    const target = position === null ? undefined : this.paragraphs()[position.paragraph];
    if (position === null || position.paragraph === 0 || target === undefined) return;
    target.scrollIntoView({ block: 'start' });
    this.resumedFrom = position.paragraph;
    document.documentElement.classList.add('resumed');
    announce(msg(str`Melanjutkan dari paragraf ${position.paragraph + 1}.`));
  }

  private readonly handleScroll = (): void => {
    const scrollable = document.documentElement.scrollHeight - window.innerHeight;
    this.progress = scrollable <= 0 ? 1 : Math.min(1, Math.max(0, window.scrollY / scrollable));
    if (this.voice?.listening === false) this.voice = null;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(this.save, SAVE_AFTER_MS);
  };

  private readonly save = (): void => {
    clearTimeout(this.saveTimer);
    const paragraph = this.voice?.paragraph ?? this.currentParagraph();
    if (this.slug !== '') void putPosition(this.slug, paragraph).catch(() => undefined);
  };

  private readonly handleReadingAt = (event: CustomEvent<ReadingAt>): void => {
    this.voice = event.detail;
    this.save();
  };

  private handleBackToStart(): void {
    // Focus goes to the start of the content (the button is about to disappear), the view to the
    // very top, header included.
    document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    this.resumedFrom = null;
    this.voice = null;
    document.documentElement.classList.remove('resumed');
    void putPosition(this.slug, 0).catch(() => undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-reader': WartaReader;
  }
  interface DocumentEventMap {
    'warta-reading-at': CustomEvent<ReadingAt>;
  }
}
