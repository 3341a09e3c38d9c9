import { css } from 'lit';

/**
 * Shows the sentence being read without changing the text: a CSS Custom Highlight over its
 * `Range` (nothing is wrapped, so nothing reflows), or, where that API is missing, a mark on its
 * paragraph (a background and a bar beside it, which move no text). Both use the theme's own
 * colours, and the system's in forced colours. The styles are a constructable stylesheet adopted
 * by the document, so pages carry none of them until read-aloud is used.
 */

const NAME = 'warta-listen';
const FALLBACK = 'data-listen-current';

const styles = css`
  ::highlight(warta-listen) {
    background-color: var(--link);
    color: var(--bg);
  }
  [data-listen-current] {
    background-color: var(--notice-bg);
    box-shadow: -0.5rem 0 0 0 var(--link);
  }
  @media (forced-colors: active) {
    ::highlight(warta-listen) {
      background-color: Highlight;
      color: HighlightText;
    }
    [data-listen-current] {
      outline: 2px solid Highlight;
    }
  }
`;

let adopted = false;
let marked: Element | null = null;

function adoptStyles(): void {
  const sheet = styles.styleSheet;
  if (adopted || sheet === undefined) return;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted = true;
}

/** Highlights `range` (in `element`), or nothing when null. */
export function highlight(range: Range | null, element: Element | null): void {
  adoptStyles();
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    if (range === null) CSS.highlights.delete(NAME);
    else CSS.highlights.set(NAME, new Highlight(range));
    return;
  }
  marked?.removeAttribute(FALLBACK);
  marked = range === null ? null : element;
  marked?.setAttribute(FALLBACK, '');
}

/** Whether any of `range` is on screen. */
export function inView(range: Range): boolean {
  const rect = range.getBoundingClientRect();
  return rect.bottom > 0 && rect.top < window.innerHeight;
}

/**
 * Scrolls `range` into the upper middle of the screen unless it is already well in view; smoothly
 * only for readers who have not asked for reduced motion.
 */
export function keepInView(range: Range): void {
  const rect = range.getBoundingClientRect();
  const height = window.innerHeight;
  if (rect.top >= height * 0.1 && rect.bottom <= height * 0.8) return;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollBy({ top: rect.top - height * 0.3, behavior: smooth ? 'smooth' : 'auto' });
}
