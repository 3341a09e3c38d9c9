import { describe, expect, it } from 'vitest';
import {
  confirmText,
  connectionNote,
  needsConfirm,
  outcomeText,
  progressText,
  syncState,
} from '../../src/templates/sync.js';

describe('the words and states of "Unduh untuk dibaca offline"', () => {
  it('asks before the first sync and before any over a megabyte, never for nothing', () => {
    expect(needsConfirm({ articles: 20, bytes: 95_000 }, 0)).toBe(true);
    expect(needsConfirm({ articles: 20, bytes: 95_000 }, 1_700_000_000_000)).toBe(false);
    expect(needsConfirm({ articles: 100, bytes: 1_200_000 }, 1_700_000_000_000)).toBe(true);
    expect(needsConfirm({ articles: 0, bytes: 0 }, 0)).toBe(false);
  });

  it('says progress and the size asked about as the issue writes them', () => {
    expect(progressText({ done: 7, total: 20, bytes: 48_000, totalBytes: 95_000 })).toBe('7 dari 20 artikel · 48 kB');
    expect(confirmText({ articles: 20, bytes: 95_000 })).toBe('Unduh 20 artikel · 95 kB?');
  });

  it('says what each ending means for what was already downloaded', () => {
    expect(outcomeText({ kind: 'done', saved: 20, withdrawn: 0, bytes: 95_000, capped: false, refused: 0 })).toBe(
      '20 artikel tersimpan untuk dibaca offline.',
    );
    expect(outcomeText({ kind: 'done', saved: 3, withdrawn: 0, bytes: 14_000, capped: true, refused: 0 })).toMatch(
      /Batas harian unduhan tercapai/u,
    );
    expect(outcomeText({ kind: 'failed', failure: 'offline', saved: 4, bytes: 19_000 })).toMatch(
      /^Unduhan terhenti: sambungan terputus\. 4 artikel .* melanjutkan dari situ\.$/u,
    );
    expect(outcomeText({ kind: 'failed', failure: 'quota', saved: 2, bytes: 9_000 })).toMatch(
      /^Penyimpanan perangkat penuh\. 2 artikel yang muat/u,
    );
    expect(outcomeText({ kind: 'busy' })).toBe('Sedang mengunduh di tab lain.');
    expect(outcomeText({ kind: 'declined' })).toBeNull();
  });

  it('shows offline over how the last sync ended, and never while one runs', () => {
    const failed = { kind: 'ended', outcome: { kind: 'failed', failure: 'server', saved: 0, bytes: 0 } } as const;
    expect(syncState(failed, false)).toBe('failed');
    expect(syncState(failed, true)).toBe('offline');
    expect(syncState({ kind: 'running', progress: null, cancelling: false }, true)).toBe('running');
    expect(syncState({ kind: 'elsewhere' }, false)).toBe('busy');
  });

  it('says the connection is unknown where the browser does not tell, and never guesses', () => {
    expect(connectionNote({ saveData: false })).toMatch(/tidak memberi tahu jenis sambungan/u);
    expect(connectionNote({ saveData: false, type: 'wifi', effectiveType: '4g' })).toMatch(/tampak tanpa kuota/u);
    expect(connectionNote({ saveData: false, type: 'cellular', effectiveType: '4g' })).toMatch(/berkuota atau lambat/u);
    expect(connectionNote({ saveData: true, type: 'wifi', effectiveType: '4g' })).toMatch(/Penghemat Data aktif/u);
  });
});
