import type { SyncOutcome, SyncProgress, SyncSize } from '../content/sync-plan.js';
import { msg, str } from '../i18n/msg.js';
import { html, nothing, type TemplateResult } from 'lit';
import { DAILY_CAPS, type AutoSync, type NetworkHints, type SyncSettings } from '../content/sync-policy.js';
import { SYNC_COUNTS } from '../content/sync-plan.js';
import { looksUnmetered } from '../content/sync-policy.js';
import { formatBytes } from './format.js';

/**
 * "Unduh untuk dibaca offline" (issue 15): the words and the markup of `<warta-sync>`
 * (src/components/warta-sync.ts), which holds the state and calls the sync engine.
 */

/** A withdrawn article's notice, as far as these words need it (src/data/sync.ts has the whole). */
export interface WithdrawnNotice {
  readonly title: string;
  readonly lang: string;
}

/** What the control is doing, as the element holds it. */
export type SyncView =
  | { readonly kind: 'idle' }
  /** Another tab or the service worker is syncing (heard on the sync channel). */
  | { readonly kind: 'elsewhere' }
  | { readonly kind: 'confirming'; readonly size: SyncSize }
  /** `progress` null while the change log is read, before the size is known. */
  | { readonly kind: 'running'; readonly progress: SyncProgress | null; readonly cancelling: boolean }
  | { readonly kind: 'ended'; readonly outcome: SyncOutcome }
  /** Asked for offline, where Background Sync runs it once the device is back online. */
  | { readonly kind: 'queued' };

/** A sync larger than this is shown before it starts, even after the first. */
export const CONFIRM_ABOVE_BYTES = 1_000_000;

/**
 * Whether to show the size and ask before downloading: before the first sync completes (the
 * reader has not seen what one costs), and before any larger than a megabyte.
 */
export function needsConfirm(size: SyncSize, lastSyncAt: number): boolean {
  return size.articles > 0 && (lastSyncAt === 0 || size.bytes > CONFIRM_ABOVE_BYTES);
}

/** The state a test or a tool waits on (`data-state`), never the wording. */
export type SyncState =
  'idle' | 'offline' | 'queued' | 'busy' | 'confirming' | 'running' | 'done' | 'failed' | 'cancelled';

export function syncState(view: SyncView, offline: boolean): SyncState {
  switch (view.kind) {
    case 'elsewhere':
      return 'busy';
    case 'confirming':
    case 'running':
    case 'queued':
      return view.kind;
    case 'ended':
      // Offline, the button waits for the connection whatever the last sync ended with.
      if (offline) return 'offline';
      if (view.outcome.kind === 'declined') return 'idle';
      return view.outcome.kind === 'busy' ? 'busy' : view.outcome.kind;
    default:
      return offline ? 'offline' : 'idle';
  }
}

/** "20 artikel" (English needs the singular apart). */
export function articleCount(count: number): string {
  return count === 1 ? msg('1 artikel') : msg(str`${count} artikel`);
}

/** "7 dari 20 artikel · 48 kB": what a sync has done, shown beside its progress bar. */
export function progressText(progress: SyncProgress): string {
  return msg(str`${progress.done} dari ${articleCount(progress.total)} · ${formatBytes(progress.bytes)}`);
}

/** "Unduh 20 artikel · 95 kB?": asked before a first or a large sync. */
export function confirmText(size: SyncSize): string {
  return msg(str`Unduh ${articleCount(size.articles)} · ${formatBytes(size.bytes)}?`);
}

/** Said once when the download starts. */
export function startText(total: number): string {
  return msg(str`Mengunduh ${articleCount(total)} untuk dibaca offline.`);
}

/**
 * What a sync ended with, in a sentence that says what happened to what was already downloaded
 * and what the reader can do; null when there is nothing to say (the reader declined the size).
 */
export function outcomeText(outcome: SyncOutcome): string | null {
  switch (outcome.kind) {
    case 'done':
      return doneText(outcome);
    case 'busy':
      return msg('Sedang mengunduh di tab lain.');
    case 'declined':
      return null;
    case 'cancelled':
      return msg(str`Unduhan dihentikan. ${articleCount(outcome.saved)} yang sudah terunduh tetap tersimpan.`);
    case 'failed':
      switch (outcome.failure) {
        case 'offline':
          return msg(
            str`Unduhan terhenti: sambungan terputus. ${articleCount(outcome.saved)} yang sudah terunduh tetap tersimpan; unduhan berikutnya melanjutkan dari situ.`,
          );
        case 'quota':
          return msg(
            str`Penyimpanan perangkat penuh. ${articleCount(outcome.saved)} yang muat tetap tersimpan. Hapus artikel yang tidak diperlukan untuk memberi ruang.`,
          );
        case 'corrupt':
          return msg('Data dari server tidak bisa dibaca. Yang sudah tersimpan tidak berubah; coba lagi nanti.');
        case 'server':
          return msg('Server tidak memberikan artikel. Yang sudah tersimpan tidak berubah; coba lagi nanti.');
        case 'storage':
          return msg(
            'Penyimpanan perangkat tidak bisa dipakai (misalnya di mode pribadi), jadi tidak ada yang diunduh.',
          );
      }
  }
}

function doneText(outcome: Extract<SyncOutcome, { kind: 'done' }>): string {
  const parts: string[] = [
    outcome.saved === 0
      ? msg('Artikel terbaru sudah ada di perangkat ini.')
      : msg(str`${articleCount(outcome.saved)} tersimpan untuk dibaca offline.`),
  ];
  if (outcome.withdrawn > 0) {
    parts.push(msg(str`${articleCount(outcome.withdrawn)} ditarik oleh penerbit dan dihapus dari perangkat ini.`));
  }
  if (outcome.refused > 0) {
    parts.push(msg(str`${articleCount(outcome.refused)} rusak di server dan dilewati; dicoba lagi lain kali.`));
  }
  if (outcome.capped) parts.push(msg('Batas harian unduhan tercapai; sisanya diunduh besok.'));
  return parts.join(' ');
}

/**
 * What the reader's choice downloads: "20 artikel terbaru yang belum ada di perangkat ini, dari
 * semua kategori."
 */
export function choiceText(settings: SyncSettings): string {
  const count = articleCount(settings.count);
  return settings.categories.length === 0
    ? msg(str`${count} terbaru yang belum ada di perangkat ini, dari semua kategori.`)
    : msg(str`${count} terbaru yang belum ada di perangkat ini, dari ${settings.categories.length} kategori pilihan.`);
}

/**
 * What the browser says of the connection, for the automatic setting. Where it says nothing (the
 * Network Information API is missing, or gives no connection type), the page says so rather than
 * guess: such a connection never looks unmetered.
 */
export function connectionNote(hints: NetworkHints): string {
  if (hints.saveData) return msg('Penghemat Data aktif: Warta tidak mengunduh otomatis.');
  if (hints.type === undefined || hints.effectiveType === undefined) {
    return msg(
      'Browser ini tidak memberi tahu jenis sambungan, jadi Warta menganggapnya berkuota: pilihan "hanya saat tanpa kuota" tidak mengunduh otomatis di sini.',
    );
  }
  return looksUnmetered(hints)
    ? msg('Sambungan sekarang tampak tanpa kuota dan cepat.')
    : msg('Sambungan sekarang tampak berkuota atau lambat.');
}

/** The category list of the change log, loaded when the reader opens the choice. */
export type CategoryList =
  | { readonly kind: 'closed' | 'loading' | 'failed' }
  | { readonly kind: 'loaded'; readonly categories: readonly { readonly id: string; readonly name: string }[] };

export interface SyncPanel {
  readonly view: SyncView;
  readonly offline: boolean;
  /** Whether the browser can finish a download asked for offline (one-off Background Sync). */
  readonly canQueue: boolean;
  readonly settings: SyncSettings;
  readonly hints: NetworkHints;
  readonly bytesToday: number;
  readonly categories: CategoryList;
  /** The notices of withdrawn articles, or null where they are not shown (home). */
  readonly notices: readonly WithdrawnNotice[] | null;
}

export interface SyncHandlers {
  readonly start: () => void;
  readonly cancel: () => void;
  readonly answer: (yes: boolean) => void;
  readonly settings: (change: Partial<SyncSettings>) => void;
  readonly openCategories: (event: Event) => void;
  readonly category: (id: string, chosen: boolean) => void;
  readonly dismiss: () => void;
}

/** The control, its state, its settings (a disclosure) and, in Tersimpan, the withdrawn articles. */
export function syncTemplate(panel: SyncPanel, on: SyncHandlers): TemplateResult {
  return html`<section aria-labelledby="judul-unduh">
    <h2 id="judul-unduh">${msg('Unduh untuk dibaca offline')}</h2>
    <p>${choiceText(panel.settings)}</p>
    ${bodyTemplate(panel, on)} ${settingsTemplate(panel, on)} ${noticesTemplate(panel.notices, on)}
  </section>`;
}

function bodyTemplate(panel: SyncPanel, on: SyncHandlers): TemplateResult {
  const { view } = panel;
  if (view.kind === 'confirming') {
    return html`<div class="row">
      <p class="status">${confirmText(view.size)}</p>
      <button
        type="button"
        class="primary"
        data-focus="confirm"
        @click=${() => {
          on.answer(true);
        }}
      >
        ${msg('Unduh')}
      </button>
      <button
        type="button"
        @click=${() => {
          on.answer(false);
        }}
      >
        ${msg('Batal')}
      </button>
    </div>`;
  }
  if (view.kind === 'running') {
    const { progress } = view;
    return html`<div class="running">
      ${
        progress === null
          ? html`<progress aria-label=${msg('Kemajuan unduhan')}></progress>
              <p class="status">${msg('Memeriksa artikel baru…')}</p>`
          : html`<progress
                aria-label=${msg('Kemajuan unduhan')}
                max=${Math.max(progress.total, 1)}
                value=${progress.done}
              ></progress>
              <p class="status">${progressText(progress)}</p>`
      }
      <button type="button" data-focus="cancel" ?disabled=${view.cancelling} @click=${on.cancel}>
        ${msg('Hentikan unduhan')}
      </button>
    </div>`;
  }
  const said =
    view.kind === 'ended'
      ? outcomeText(view.outcome)
      : view.kind === 'queued'
        ? msg('Akan diunduh saat perangkat tersambung lagi, juga bila halaman ini sudah ditutup.')
        : null;
  // Offline, a browser with Background Sync takes the download for later; others wait for the connection.
  const blocked = (panel.offline && !panel.canQueue) || view.kind === 'elsewhere' || view.kind === 'queued';
  const why =
    view.kind === 'elsewhere'
      ? msg('Sedang mengunduh di tab lain.')
      : panel.offline
        ? offlineText(panel.canQueue)
        : null;
  return html`${said === null ? nothing : html`<p class="status" id="hasil-unduh">${said}</p>`}
    ${why === null || why === said ? nothing : html`<p class="status" id="alasan-unduh">${why}</p>`}
    <button
      type="button"
      class="primary"
      data-focus="start"
      ?disabled=${blocked}
      aria-describedby=${why === null ? nothing : why === said ? 'hasil-unduh' : 'alasan-unduh'}
      @click=${on.start}
    >
      ${
        panel.offline && panel.canQueue
          ? msg(str`Unduh ${articleCount(panel.settings.count)} terbaru saat tersambung`)
          : msg(str`Unduh ${articleCount(panel.settings.count)} terbaru`)
      }
    </button>`;
}

function offlineText(canQueue: boolean): string {
  return canQueue
    ? msg('Perangkat sedang offline: Warta mengunduh begitu tersambung lagi.')
    : msg('Mengunduh memerlukan sambungan internet. Tombolnya aktif lagi saat Warta tersambung.');
}

const AUTO_CHOICES: readonly (readonly [AutoSync, () => string])[] = [
  ['off', () => msg('Mati: hanya saat saya menekan Unduh')],
  ['unmetered', () => msg('Hanya saat sambungan tampak tanpa kuota dan cepat')],
  ['always', () => msg('Selalu')],
];

function settingsTemplate(panel: SyncPanel, on: SyncHandlers): TemplateResult {
  const { settings } = panel;
  return html`<details class="settings">
    <summary>${msg('Pengaturan unduhan')}</summary>
    <div class="field">
      <label for="jumlah-unduh">${msg('Jumlah artikel terbaru')}</label>
      <select
        id="jumlah-unduh"
        @change=${(event: Event) => {
          on.settings({ count: Number((event.target as HTMLSelectElement).value) });
        }}
      >
        ${SYNC_COUNTS.map(
          (count) => html`<option value=${count} ?selected=${count === settings.count}>${count}</option>`,
        )}
      </select>
    </div>
    ${categoriesTemplate(panel, on)}
    <fieldset>
      <legend>${msg('Unduh otomatis')}</legend>
      ${AUTO_CHOICES.map(
        ([value, label]) =>
          html`<label class="choice">
            <input
              type="radio"
              name="otomatis"
              value=${value}
              .checked=${settings.auto === value}
              @change=${() => {
                on.settings({ auto: value });
              }}
            />
            ${label()}
          </label>`,
      )}
      <p class="hint">${connectionNote(panel.hints)}</p>
    </fieldset>
    <div class="field">
      <label for="batas-unduh">${msg('Batas harian unduhan otomatis')}</label>
      <select
        id="batas-unduh"
        aria-describedby="hari-ini"
        @change=${(event: Event) => {
          on.settings({ dailyCap: Number((event.target as HTMLSelectElement).value) });
        }}
      >
        ${capChoices(settings.dailyCap).map(
          (cap) => html`<option value=${cap} ?selected=${cap === settings.dailyCap}>${formatBytes(cap)}</option>`,
        )}
      </select>
      <p class="hint" id="hari-ini">${msg(str`Hari ini sudah terunduh ${formatBytes(panel.bytesToday)}.`)}</p>
    </div>
  </details>`;
}

/** The caps offered, with the stored one among them (a cap set elsewhere is not silently changed). */
function capChoices(current: number): number[] {
  return [...new Set([...DAILY_CAPS, current])].sort((a, b) => a - b);
}

function categoriesTemplate(panel: SyncPanel, on: SyncHandlers): TemplateResult {
  const chosen = panel.settings.categories;
  const { categories } = panel;
  return html`<details class="categories" @toggle=${on.openCategories}>
    <summary>${chosen.length === 0 ? msg('Kategori: semua') : msg(str`Kategori: ${chosen.length} dipilih`)}</summary>
    ${
      categories.kind === 'loading'
        ? html`<p>${msg('Memuat daftar kategori…')}</p>`
        : categories.kind === 'failed'
          ? html`<p>${msg('Daftar kategori tidak bisa dimuat. Coba lagi saat tersambung.')}</p>`
          : categories.kind === 'loaded'
            ? html`<fieldset>
                <legend>${msg('Kategori yang diunduh (tanpa pilihan: semua)')}</legend>
                ${categories.categories.map(
                  (category) =>
                    html`<label class="choice">
                      <input
                        type="checkbox"
                        value=${category.id}
                        .checked=${chosen.includes(category.id)}
                        @change=${(event: Event) => {
                          on.category(category.id, (event.target as HTMLInputElement).checked);
                        }}
                      />
                      ${category.name}
                    </label>`,
                )}
              </fieldset>`
            : nothing
    }
  </details>`;
}

/** "Ditarik oleh penerbit": articles sync removed from the device, until the reader dismisses them. */
function noticesTemplate(
  notices: readonly WithdrawnNotice[] | null,
  on: SyncHandlers,
): TemplateResult | typeof nothing {
  if (notices === null || notices.length === 0) return nothing;
  return html`<div class="withdrawn">
    <h3>${msg('Ditarik oleh penerbit')}</h3>
    <p>${msg('Artikel ini ditarik oleh penerbitnya dan sudah dihapus dari perangkat ini:')}</p>
    <ul>
      ${notices.map((notice) => html`<li lang=${notice.lang}>${notice.title}</li>`)}
    </ul>
    <button type="button" @click=${on.dismiss}>${msg('Tutup pemberitahuan')}</button>
  </div>`;
}
