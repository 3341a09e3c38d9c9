import { msg } from '../i18n/msg.js';
import { LitElement, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announce } from '../app/announcer.js';
import { onConnectionChange, type Connection } from '../app/connection.js';
import { CHANGES_INDEX_URL, readChangeIndex } from '../content/change-log.js';
import { DEFAULT_SYNC_SETTINGS, networkHints, type SyncSettings } from '../content/sync-policy.js';
import {
  dismissWithdrawnNotices,
  getSyncSettings,
  getSyncState,
  getWithdrawnNotices,
  putSyncSettings,
  sync,
  SYNC_CHANNEL,
  SYNC_LOCK,
  type SyncMessage,
  type SyncSize,
  type WithdrawnNotice,
} from '../data/sync.js';
import { uiLocale } from '../i18n/locale.js';
import {
  needsConfirm,
  outcomeText,
  startText,
  syncState,
  syncTemplate,
  type CategoryList,
  type SyncView,
} from '../templates/sync.js';
import { applyAutoSync, requestBackgroundSync } from '../app/background-sync.js';
import { buttonStyles, selectStyles } from './shared-styles.js';

/** Which button takes focus after the next render. */
type FocusTarget = 'start' | 'confirm' | 'cancel';

/**
 * "Unduh untuk dibaca offline": downloads the newest articles the device lacks (the sync engine,
 * src/data/sync.ts), with a progress bar, a cancel, the size asked before a first or large
 * sync, and its settings in a disclosure. The start, the end and any failure are announced
 * once (src/app/announcer.ts); the steps are not. A sync in another tab or the service worker
 * (heard on the sync channel) disables the button until it ends. `data-state` says the state
 * (`idle`, `offline`, `busy`, `confirming`, `running`, `done`, `failed`, `cancelled`).
 *
 * @fires warta-sync-ended - a sync (here or elsewhere) ended: the device's articles may have changed.
 */
@customElement('warta-sync')
export class WartaSync extends LitElement {
  static override styles = [
    buttonStyles,
    selectStyles,
    css`
      :host {
        display: block;
        margin: 1rem 0;
        padding: 1rem;
        border: 1px solid var(--rule, #d8d4cb);
        border-radius: 0.375rem;
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
      }
      p {
        margin: 0 0 0.75rem;
      }
      .row,
      .running {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .row p,
      .running p {
        margin: 0;
      }
      progress {
        width: 100%;
        height: 1rem;
        accent-color: var(--link, #0a4f96);
      }
      button:disabled {
        border-color: var(--muted, #4d4a44);
        background: var(--bg, #fff);
        color: var(--muted, #4d4a44);
        cursor: not-allowed;
      }
      details {
        margin-top: 1rem;
      }
      summary {
        min-height: 1.5rem;
        font-weight: 600;
        cursor: pointer;
      }
      summary:focus-visible,
      input:focus-visible {
        outline: 3px solid var(--focus, #a33a00);
        outline-offset: 2px;
      }
      .field,
      fieldset {
        margin: 0.75rem 0 0;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
      }
      label {
        font-weight: 600;
      }
      fieldset {
        border: 1px solid var(--rule, #d8d4cb);
        border-radius: 0.375rem;
      }
      legend {
        font-weight: 600;
      }
      .choice {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 2.75rem;
        font-weight: 400;
      }
      input {
        width: 1.5rem;
        height: 1.5rem;
        margin: 0;
      }
      select {
        align-self: flex-start;
      }
      .hint {
        margin: 0.25rem 0 0;
        color: var(--muted, #4d4a44);
        font-size: 1rem;
      }
      .withdrawn {
        margin-top: 1rem;
        padding: 0.75rem 1rem;
        background: var(--notice-bg, #f4efe2);
      }
      .withdrawn ul {
        margin: 0 0 0.75rem;
      }
    `,
  ];

  /** Shows the notices of articles the publisher withdrew (in Tersimpan). */
  @property({ type: Boolean }) notices = false;

  @state() private view: SyncView = { kind: 'idle' };
  @state() private connection: Connection = 'online';
  @state() private settings: SyncSettings = DEFAULT_SYNC_SETTINGS;
  @state() private bytesToday = 0;
  @state() private categories: CategoryList = { kind: 'closed' };
  @state() private withdrawn: readonly WithdrawnNotice[] = [];

  private abort: AbortController | null = null;
  private answer: ((yes: boolean) => void) | null = null;
  private channel: BroadcastChannel | null = null;
  private unwatch: (() => void) | null = null;
  private focusTarget: FocusTarget | null = null;
  /** Set by the reader's first change: stored settings arriving later must not undo it. */
  private changed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatch = onConnectionChange((connection) => {
      this.connection = connection;
    });
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(SYNC_CHANNEL);
      this.channel.addEventListener('message', (event: MessageEvent<SyncMessage>) => {
        this.handleMessage(event.data);
      });
    }
    void getSyncSettings().then((settings) => {
      if (!this.changed) this.settings = settings;
    });
    void this.refresh();
    void this.checkRunningElsewhere();
  }

  /** A page opened while a sync runs heard no "started": the sync's lock says it. */
  private async checkRunningElsewhere(): Promise<void> {
    const locks = (navigator as Partial<Navigator>).locks;
    const held = await locks?.query().then(
      (snapshot) => snapshot.held?.some((lock) => lock.name === SYNC_LOCK) === true,
      () => false,
    );
    if (held === true && this.view.kind === 'idle') this.view = { kind: 'elsewhere' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.channel?.close();
    this.abort?.abort();
  }

  override willUpdate(): void {
    this.dataset['state'] = syncState(this.view, this.connection === 'offline');
  }

  override render() {
    return syncTemplate(
      {
        view: this.view,
        offline: this.connection === 'offline',
        canQueue: 'SyncManager' in window,
        settings: this.settings,
        hints: networkHints(navigator),
        bytesToday: this.bytesToday,
        categories: this.categories,
        notices: this.notices ? this.withdrawn : null,
      },
      {
        start: () => void this.handleStart(),
        cancel: () => {
          this.handleCancel();
        },
        answer: (yes) => {
          this.answer?.(yes);
        },
        settings: (change) => void this.handleSettings(change),
        openCategories: (event) => void this.handleOpenCategories(event),
        category: (id, chosen) => void this.handleCategory(id, chosen),
        dismiss: () => void this.handleDismiss(),
      },
    );
  }

  override updated(): void {
    const target = this.focusTarget;
    if (target === null) return;
    this.focusTarget = null;
    this.renderRoot.querySelector<HTMLElement>(`[data-focus="${target}"]`)?.focus();
  }

  private async handleStart(): Promise<void> {
    if (this.view.kind === 'running' || this.view.kind === 'confirming') return;
    if (this.connection === 'offline') {
      if (await requestBackgroundSync()) {
        this.show({ kind: 'queued' }, 'start');
        announce(msg('Akan diunduh saat perangkat tersambung lagi, juga bila halaman ini sudah ditutup.'));
      }
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.show({ kind: 'running', progress: null, cancelling: false }, 'cancel');
    // Read while the sync asks the network: it is needed only once the size is known.
    const state = getSyncState().catch(() => ({ lastSyncAt: 0 }));
    let announced = false;
    const outcome = await sync({
      choice: { count: this.settings.count, categories: this.settings.categories },
      lang: uiLocale(),
      signal: abort.signal,
      confirm: async (size) => this.confirm(size, (await state).lastSyncAt),
      progress: (progress) => {
        if (!announced && progress.total > 0) announce(startText(progress.total));
        announced = true;
        const cancelling = this.view.kind === 'running' && this.view.cancelling;
        this.view = { kind: 'running', progress, cancelling };
      },
    });
    this.abort = null;
    // Back to the start button (it replaces "Hentikan"), unless the reader went elsewhere meanwhile.
    this.show({ kind: 'ended', outcome }, 'start');
    const said = outcomeText(outcome);
    if (said !== null) announce(said);
    // Cut off because the device lost its connection: where the browser can, the worker finishes
    // it once back online. (A server that went away while the device stays online is not asked
    // again at once: the reader's next "Unduh", or the next automatic sync, continues it.)
    if (outcome.kind === 'failed' && outcome.failure === 'offline' && !navigator.onLine) {
      void requestBackgroundSync();
    }
    await this.refresh();
    this.dispatchEvent(new Event('warta-sync-ended', { bubbles: true, composed: true }));
  }

  /** Shows the size and waits for the reader's answer, when a first or large sync asks for it. */
  private confirm(size: SyncSize, lastSyncAt: number): Promise<boolean> | boolean {
    if (!needsConfirm(size, lastSyncAt)) return true;
    this.show({ kind: 'confirming', size }, 'confirm');
    return new Promise<boolean>((resolve) => {
      this.answer = (yes) => {
        this.answer = null;
        this.show({ kind: 'running', progress: null, cancelling: false }, 'cancel');
        resolve(yes);
      };
    });
  }

  private handleCancel(): void {
    if (this.view.kind !== 'running') return;
    this.view = { ...this.view, cancelling: true };
    this.abort?.abort();
  }

  /** Changes the view; focus follows to `target` when it was in the control or lost with a removed button. */
  private show(view: SyncView, target: FocusTarget): void {
    const active = document.activeElement;
    if (this.shadowRoot?.activeElement != null || active === null || active === document.body) {
      this.focusTarget = target;
    }
    this.view = view;
  }

  private handleMessage(message: SyncMessage): void {
    const mine = this.view.kind === 'running' || this.view.kind === 'confirming';
    if (message.type === 'started' && !mine) {
      this.view = { kind: 'elsewhere' };
    } else if (message.type === 'ended' && this.view.kind === 'elsewhere') {
      // Another's sync that failed (the worker's automatic one, say) is said here too.
      this.view = message.outcome.kind === 'failed' ? { kind: 'ended', outcome: message.outcome } : { kind: 'idle' };
      void this.refresh();
      this.dispatchEvent(new Event('warta-sync-ended', { bubbles: true, composed: true }));
    } else if (message.type === 'withdrawn') {
      void this.refresh();
    }
  }

  /** Today's bytes and the notices, as stored now. */
  private async refresh(): Promise<void> {
    this.bytesToday = (await getSyncState().catch(() => null))?.bytesToday ?? 0;
    if (this.notices) this.withdrawn = await getWithdrawnNotices().catch(() => []);
  }

  private async handleSettings(change: Partial<SyncSettings>): Promise<void> {
    this.changed = true;
    this.settings = { ...this.settings, ...change };
    await putSyncSettings(this.settings).catch(() => {
      announce(msg('Pengaturan tidak bisa disimpan di perangkat ini; berlaku sampai halaman ditutup.'));
    });
    // An installed Chromium app may also be woken now and then (Periodic Background Sync).
    if (change.auto !== undefined) void applyAutoSync(change.auto);
  }

  private async handleCategory(id: string, chosen: boolean): Promise<void> {
    const others = this.settings.categories.filter((other) => other !== id);
    await this.handleSettings({ categories: chosen ? [...others, id] : others });
  }

  /** The categories come from the change log's index, fetched only when the reader opens the choice. */
  private async handleOpenCategories(event: Event): Promise<void> {
    const details = event.target as HTMLDetailsElement;
    if (!details.open || this.categories.kind === 'loaded' || this.categories.kind === 'loading') return;
    this.categories = { kind: 'loading' };
    try {
      const response = await fetch(CHANGES_INDEX_URL);
      const index = readChangeIndex(response.ok ? ((await response.json()) as unknown) : null);
      this.categories = index.ok ? { kind: 'loaded', categories: index.value.categories } : { kind: 'failed' };
    } catch {
      this.categories = { kind: 'failed' };
    }
  }

  private async handleDismiss(): Promise<void> {
    this.focusTarget = 'start';
    await dismissWithdrawnNotices().catch(() => undefined);
    await this.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'warta-sync': WartaSync;
  }
  interface HTMLElementEventMap {
    'warta-sync-ended': Event;
  }
}
