import { msg } from '../i18n/msg.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { storageErrorMessage } from '../app/keep-article.js';
import { StorageError } from '../data/errors.js';
import { getSettings, putSettings } from '../data/settings.js';
import { uiLocale } from '../i18n/locale.js';
import { pathInLocale } from '../routes.js';
import {
  DEFAULT_SETTINGS,
  FONTS,
  LOCALES,
  SPACINGS,
  TEXT_SIZES,
  THEMES,
  applySettings,
  resolveLocale,
  type Settings,
} from '../settings/settings.js';
import { selectStyles } from './shared-styles.js';

/** A select's options: value, label, and the label's language when it is not the UI's. */
type Choice<K extends keyof Settings> = readonly (readonly [Settings[K], string, string?])[];

/**
 * The display settings form: text size, line and paragraph spacing, font and theme, each a
 * native `<select>` with a visible label. A change applies at once and is kept (IndexedDB, plus
 * the synchronous mirror the next page's first paint reads). Loaded on demand by
 * `<warta-settings>`.
 */
@customElement('warta-settings-panel')
export class WartaSettingsPanel extends LitElement {
  static override styles = [
    selectStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.75rem;
        font-size: 1.25rem;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        margin-bottom: 0.875rem;
      }
      label {
        font-weight: 600;
      }
      .problem {
        margin: 0;
        font-size: 1rem;
      }
    `,
  ];

  @state() private settings: Settings = DEFAULT_SETTINGS;
  @state() private problem: string | null = null;

  /** Set by the reader's first change: the stored settings, if they arrive later, must not undo it. */
  private changed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void getSettings().then((settings) => {
      if (!this.changed) this.settings = settings;
    });
  }

  override render() {
    const sizes: Choice<'textSize'> = TEXT_SIZES.map((size) => [size, `${size} %`] as const);
    const spacing = (): Choice<'lineSpacing'> =>
      SPACINGS.map((value) => [
        value,
        { normal: msg('Biasa'), relaxed: msg('Lega'), loose: msg('Sangat lega') }[value],
      ]);
    const fonts: Choice<'font'> = FONTS.map((value) => [
      value,
      {
        sans: msg('Sans (huruf tanpa kait)'),
        serif: msg('Serif (huruf berkait)'),
        readable: msg('Mudah dibaca (untuk disleksia)'),
      }[value],
    ]);
    const themes: Choice<'theme'> = THEMES.map((value) => [
      value,
      {
        system: msg('Ikuti sistem'),
        light: msg('Terang'),
        dark: msg('Gelap'),
        sepia: msg('Sepia'),
        contrast: msg('Kontras tinggi'),
      }[value],
    ]);
    // Each language is named in itself, and marked so, so a screen reader says it in that language.
    const languages: Choice<'locale'> = LOCALES.map((value) =>
      value === 'auto'
        ? [value, msg('Ikuti bahasa peramban')]
        : value === 'id'
          ? [value, 'Bahasa Indonesia', 'id']
          : [value, 'English', 'en'],
    );
    return html`<h2>${msg('Pengaturan tampilan')}</h2>
      ${this.renderSelect('textSize', msg('Ukuran teks'), sizes)}
      ${this.renderSelect('lineSpacing', msg('Jarak baris'), spacing())}
      ${this.renderSelect('paragraphSpacing', msg('Jarak paragraf'), spacing())}
      ${this.renderSelect('font', msg('Huruf'), fonts)} ${this.renderSelect('theme', msg('Tema'), themes)}
      ${this.renderSelect('locale', msg('Bahasa tampilan'), languages)}
      ${this.problem === null ? '' : html`<p class="problem">${this.problem}</p>`}`;
  }

  private renderSelect<K extends keyof Settings>(key: K, label: string, choices: Choice<K>) {
    const id = `pilihan-${key}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(event: Event) => this.handleChange(key, (event.target as HTMLSelectElement).value)}>
        ${choices.map(
          ([value, text, lang]) =>
            html`<option value=${value} lang=${lang ?? nothing} ?selected=${this.settings[key] === value}>
              ${text}
            </option>`,
        )}
      </select>
    </div>`;
  }

  private async handleChange(key: keyof Settings, value: string): Promise<void> {
    this.changed = true;
    const settings = { ...this.settings, [key]: value };
    this.settings = settings;
    applySettings(document.documentElement, settings);
    try {
      await putSettings(settings);
      this.problem = null;
      // The UI language is a page of its own: go to this page in the chosen language.
      const wanted = resolveLocale(settings.locale, navigator.languages);
      if (key === 'locale' && wanted !== uiLocale()) {
        location.assign(`${pathInLocale(location.pathname, wanted)}${location.search}${location.hash}`);
      }
    } catch (error) {
      // The choice still applies here and is mirrored for the next page; say it may not last.
      this.problem =
        error instanceof StorageError
          ? storageErrorMessage(error)
          : msg('Pengaturan berlaku di halaman ini, tetapi belum tersimpan.');
      announce(this.problem);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-settings-panel': WartaSettingsPanel;
  }
}
