import { css } from 'lit';

/**
 * The look of buttons inside Warta's shadow roots. Colours come from the page's custom
 * properties (they inherit into shadow DOM), so every theme applies here too.
 */
export const buttonStyles = css`
  button {
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 0.875rem;
    border: 2px solid var(--link, #0a4f96);
    border-radius: 0.375rem;
    background: var(--bg, #fff);
    color: var(--link, #0a4f96);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    cursor: pointer;
  }
  button[aria-pressed='true'],
  button.primary {
    background: var(--link, #0a4f96);
    color: var(--bg, #fff);
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--focus, #a33a00);
    outline-offset: 2px;
  }
  a {
    color: var(--link, #0a4f96);
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    button[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }
`;

/** The look of a `<select>` (the settings, the sync's settings, the voice), with its focus ring. */
export const selectStyles = css`
  select {
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 2px solid var(--fg, #1c1b19);
    border-radius: 0.375rem;
    background: var(--bg, #fdfcf9);
    color: var(--fg, #1c1b19);
    font: inherit;
  }
  select:focus-visible {
    outline: 3px solid var(--focus, #a33a00);
    outline-offset: 2px;
  }
`;
