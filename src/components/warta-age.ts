import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { relativeAge } from '../templates/format.js';

/**
 * Says how long ago a date was ("6 tahun yang lalu"), worked out when the page is read rather
 * than when it was built, so an archive notice does not go stale with the build.
 *
 * The prerendered text inside is the build-time answer: what readers see before and without
 * JavaScript. The element renders the same wording from the same function, so the upgrade keeps
 * the line's length and causes no layout shift.
 *
 * @slot - The build-time wording, shown until (or unless) the date can be read.
 */
@customElement('warta-age')
export class WartaAge extends LitElement {
  static override styles = css`
    :host {
      display: inline;
    }
  `;

  /** The date to measure from, YYYY-MM-DD. */
  @property() datetime = '';

  override render() {
    return relativeAge(this.datetime, new Date()) ?? html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-age': WartaAge;
  }
}
