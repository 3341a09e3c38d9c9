import { msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { glossaryEntryId } from '../routes.js';

/** What the bubble shows, read from the glossary section on the page. */
interface EntryText {
  readonly definition: string;
  readonly lang: string;
  readonly sourceUrl: string | null;
  readonly sourceLabel: string;
}

const GAP = 6;
const EDGE = 8;

/**
 * A glossary term as a toggletip (A11Y.md; Inclusive Components "Toggletips"; APG "Disclosure").
 * The prerendered `<a role="doc-glossref">` becomes a real button, followed in DOM order by a
 * non-modal bubble with the definition, a link to the glossary entry and the source.
 *
 * The term's words stay inline text in light DOM (find-in-page, reader modes), slotted into the
 * button's `<label>`: they wrap as the words around them do, which the button's own box (always
 * an inline-block) could not. The label names the button (and is hidden from assistive technology,
 * so the words are read once, as that name) and passes clicks to it; the button is out of the flow
 * and unseen, and its focus and state are drawn on the label.
 *
 * With `popover` support the bubble is `popover="auto"` toggled by `popovertarget`: Enter, Space,
 * click and tap toggle it, Escape and a click outside close it, and opening one closes any other.
 * Without it, the same behaviour as an inline disclosure. Focus stays on the button; the
 * definition is also sent to the one live region. The bubble never leaves the viewport.
 *
 * The text comes from the glossary section of the page, so it works wherever the article is
 * rendered (offline too) and follows the UI language.
 *
 * @slot - The term, as it stands in the article.
 */
@customElement('warta-term')
export class WartaTerm extends LitElement {
  static override styles = css`
    :host {
      display: inline;
    }
    /* The term's words, in the flow of the sentence: they break across lines as the words around
       them do, and closing punctuation after them stays on their line. A button cannot do that (it
       is laid out as an inline-block whatever its display), so the words are the button's label. */
    .face {
      padding-block: 0.15em;
      text-decoration: underline dotted;
      text-decoration-thickness: 0.1em;
      text-underline-offset: 0.2em;
      cursor: pointer;
    }
    /* The button itself, a real one (name, state, keys, focus, popover invoker): out of the flow,
       where the term starts, so it moves nothing; its label shows its focus and state, and takes
       the pointer (24 px high with the padding above). */
    button {
      position: absolute;
      width: 1px;
      height: 1em;
      margin: 0;
      padding: 0;
      border: 0;
      opacity: 0;
      font: inherit;
    }
    button:focus-visible + .face {
      outline: 3px solid var(--focus, #a33a00);
      outline-offset: 2px;
    }
    button[aria-expanded='true'] + .face {
      text-decoration-style: solid;
    }
    a:focus-visible {
      outline: 3px solid var(--focus, #a33a00);
      outline-offset: 2px;
    }
    .bubble {
      box-sizing: border-box;
      max-width: min(22rem, calc(100vw - ${EDGE * 2}px));
      max-height: calc(100vh - ${EDGE * 2}px);
      overflow: auto;
      margin: 0;
      padding: 0.75rem 1rem;
      border: 2px solid var(--fg, #1c1b19);
      border-radius: 0.5rem;
      background: var(--bg, #fdfcf9);
      color: var(--fg, #1c1b19);
      font-size: 1rem;
      font-weight: normal;
      line-height: 1.5;
      text-align: start;
      box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.25);
    }
    .bubble[popover] {
      position: fixed;
      inset: auto;
    }
    .bubble.inline {
      display: block;
      max-width: none;
      max-height: none;
      margin: 0.5rem 0;
    }
    .bubble.inline[hidden] {
      display: none;
    }
    .definition,
    .links {
      display: block;
    }
    .definition {
      margin-bottom: 0.5rem;
    }
    a {
      color: var(--link, #0a4f96);
    }
  `;

  /** The glossary entry's id (`grup-minsk`). */
  @property() entry = '';

  @state() private open = false;

  @query('button') private button!: HTMLButtonElement;
  @query('.bubble') private bubble!: HTMLElement;
  @query('.face') private face!: HTMLElement;

  private readonly supportsPopover = typeof HTMLElement.prototype.showPopover === 'function';

  override connectedCallback(): void {
    super.connectedCallback();
    // The link's text becomes the button's (slotted) text: a link inside a button is not allowed.
    const link = this.querySelector('a');
    if (link !== null) link.replaceWith(document.createTextNode(link.textContent));
    if (!this.supportsPopover) {
      document.addEventListener('pointerdown', this.handleOutsidePointer);
      document.addEventListener('warta-term-open', this.handleOtherOpened);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.handleOutsidePointer);
    document.removeEventListener('warta-term-open', this.handleOtherOpened);
    window.removeEventListener('scroll', this.place);
    window.removeEventListener('resize', this.place);
  }

  override render() {
    const text = this.readEntry();
    const bubble = html`<a href=${`#${glossaryEntryId(this.entry)}`}>${msg('Lihat di glosarium')}</a>${
        text?.sourceUrl ? html` · <a href=${text.sourceUrl} rel="external noopener">${text.sourceLabel}</a>` : nothing
      }`;
    const content = html`<span class="definition" lang=${text?.lang ?? nothing}>${text?.definition ?? ''}</span
      ><span class="links">${bubble}</span>`;
    // No white space between the parts: in an inline host it would be laid out as spaces.
    const face = html`<label
      for="pemicu"
      id="istilah"
      class="face"
      aria-hidden="true"
      @pointerdown=${this.handleFacePointerdown}
      @click=${this.handleFaceClick}
      ><slot></slot
    ></label>`;
    if (this.supportsPopover) {
      return html`<button
          id="pemicu"
          type="button"
          popovertarget="gelembung"
          aria-labelledby="istilah"
          aria-expanded=${String(this.open)}
        ></button
        >${face}<span id="gelembung" class="bubble" popover="auto" @beforetoggle=${this.handleToggle}
          >${content}</span
        >`;
    }
    return html`<button
        id="pemicu"
        type="button"
        aria-labelledby="istilah"
        aria-expanded=${String(this.open)}
        @click=${this.handleClick}
        @keydown=${this.handleKeydown}
      ></button
      >${face}<span class="bubble inline" ?hidden=${!this.open} @keydown=${this.handleKeydown}>${content}</span>`;
  }

  /** The definition in the UI language and the source link, from the page's glossary section. */
  private readEntry(): EntryText | null {
    const term = document.getElementById(glossaryEntryId(this.entry));
    const details = term?.nextElementSibling;
    if (details?.tagName !== 'DD') return null;
    const lang = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'id';
    const definition = details.querySelector(`.definition[lang="${lang}"]`) ?? details.querySelector('.definition');
    const source = details.querySelector<HTMLAnchorElement>('a.source');
    return {
      definition: definition?.textContent.trim() ?? '',
      lang: definition?.getAttribute('lang') ?? lang,
      sourceUrl: source?.href ?? null,
      sourceLabel: source?.textContent.trim() ?? '',
    };
  }

  /** Whether the bubble was open when a press on the term's words began. */
  private openAtPress = false;

  private readonly handleFacePointerdown = (): void => {
    this.openAtPress = this.open;
  };

  /**
   * A click on the words is a click on the button (the label's own behaviour), except on an open
   * bubble: a press outside its invoker may already have closed it (light dismiss), and clicking
   * the button then would open it again. That click closes it, and only closes it.
   */
  private readonly handleFaceClick = (event: MouseEvent): void => {
    const wasOpen = this.openAtPress;
    this.openAtPress = false;
    if (!this.supportsPopover || !wasOpen) return;
    event.preventDefault();
    if (this.open) this.bubble.hidePopover();
  };

  private handleToggle(event: ToggleEvent): void {
    this.setOpen(event.newState === 'open');
  }

  private handleClick(): void {
    this.setOpen(!this.open);
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.setOpen(false);
    }
  }

  private setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) {
      const text = this.readEntry();
      announce(`${this.textContent.trim()}: ${text?.definition ?? ''}`);
      if (this.supportsPopover) {
        // `beforetoggle` comes before the bubble is shown, when it has no size yet; the next
        // frame's callbacks run after it is shown and before it is painted, so the first frame
        // already has the bubble in place. (`toggle` comes later, often after that frame.)
        requestAnimationFrame(this.place);
        window.addEventListener('scroll', this.place, { passive: true });
        window.addEventListener('resize', this.place);
      } else {
        document.dispatchEvent(new CustomEvent('warta-term-open', { detail: this }));
      }
      return;
    }
    window.removeEventListener('scroll', this.place);
    window.removeEventListener('resize', this.place);
    // Closing with focus inside the bubble would drop focus on the page: keep it on the term.
    const focused = this.shadowRoot?.activeElement;
    if (focused !== null && focused !== undefined && this.bubble.contains(focused)) this.button.focus();
  }

  /**
   * Puts the bubble below the term's words (above when there is no room), always inside the
   * viewport. The words, not the button: they may run over two lines, and the bubble must not
   * cover the second.
   */
  private readonly place = (): void => {
    const anchor = this.face.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const bubble = this.bubble.getBoundingClientRect();
    const left = Math.min(Math.max(anchor.left, EDGE), Math.max(EDGE, width - bubble.width - EDGE));
    let top = anchor.bottom + GAP;
    if (top + bubble.height > height - EDGE && anchor.top - GAP - bubble.height >= EDGE) {
      top = anchor.top - GAP - bubble.height;
    }
    top = Math.max(EDGE, Math.min(top, height - bubble.height - EDGE));
    this.bubble.style.left = `${left}px`;
    this.bubble.style.top = `${top}px`;
  };

  private readonly handleOutsidePointer = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.setOpen(false);
  };

  private readonly handleOtherOpened = (event: Event): void => {
    if ((event as CustomEvent<WartaTerm>).detail !== this) this.setOpen(false);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-term': WartaTerm;
  }
  interface DocumentEventMap {
    'warta-term-open': CustomEvent<WartaTerm>;
  }
}
