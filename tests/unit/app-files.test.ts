import type { Manifest } from 'vite';
import { describe, expect, it } from 'vitest';
import { cacheKey, fileForPath, filesFor, firstVisitFiles, inKeepOrder } from '../../src/sw/app-files.js';
import { appManifest, scriptFiles } from '../../tools/app-files.js';

/** Vite's manifest of one language's script, as the build writes it (`prefix` is `en-` for English). */
function manifest(prefix: string, hashes: readonly string[]): Manifest {
  const [main = '', offline = '', settings = '', library = '', listen = '', notice = '', search = '', sync = ''] =
    hashes;
  const part = (src: string, name: string, hash: string): Manifest[string] => ({
    file: `assets/${prefix}${name}-${hash}.js`,
    name,
    src,
    isDynamicEntry: true,
    imports: ['src/main.ts'],
  });
  return {
    'src/main.ts': { file: `assets/${prefix}index-${main}.js`, name: 'index', src: 'src/main.ts', isEntry: true },
    'src/app/offline-page.ts': part('src/app/offline-page.ts', 'offline-page', offline),
    'src/components/warta-settings-panel.ts': part(
      'src/components/warta-settings-panel.ts',
      'warta-settings-panel',
      settings,
    ),
    'src/components/warta-library.ts': part('src/components/warta-library.ts', 'warta-library', library),
    'src/components/warta-sync.ts': part('src/components/warta-sync.ts', 'warta-sync', sync),
    'src/components/warta-listen.ts': part('src/components/warta-listen.ts', 'warta-listen', listen),
    'src/app/worker-notices.ts': part('src/app/worker-notices.ts', 'worker-notices', notice),
    'src/components/warta-search.ts': part('src/components/warta-search.ts', 'warta-search', search),
  };
}

const INDONESIAN = manifest('', [
  'Dmtqv444',
  'C-uBIlUe',
  'CltobYIR',
  '3KFz1ftT',
  'Lst9aQ1x',
  'Kn0t1ce1',
  'Srch0001',
  'Sync0001',
]);
const ENGLISH = manifest('en-', [
  'D_tWmfTM',
  'Bq9Pd0xE',
  'CmT1aK3r',
  'B2kLm0pZ',
  'Ls7bR2yc',
  'Kn0t1ce2',
  'Srch0002',
  'Sync0002',
]);
const revision = (url: string): string => `rev-of-${url}`;
const app = appManifest({ id: scriptFiles(INDONESIAN), en: scriptFiles(ENGLISH) }, revision);
const files = app.files;
const urls = (list: readonly { url: string }[]): string[] => list.map((file) => file.url);

describe('the app files the service worker keeps, resolved from the registry', () => {
  it('keeps on a first visit only what reading offline needs, in the reader’s language', () => {
    expect(urls(firstVisitFiles(files, ['id']))).toEqual([
      '/offline/index.html',
      '/assets/index-Dmtqv444.js',
      '/assets/offline-page-C-uBIlUe.js',
      '/assets/warta-settings-panel-CltobYIR.js',
    ]);
    expect(urls(firstVisitFiles(files, ['en']))).toEqual([
      '/en/offline/index.html',
      '/assets/en-index-D_tWmfTM.js',
      '/assets/en-offline-page-Bq9Pd0xE.js',
      '/assets/en-warta-settings-panel-CmT1aK3r.js',
    ]);
  });

  it('keeps the whole app in a language without the other language’s files', () => {
    const indonesian = urls(filesFor(files, ['id']));
    expect(indonesian).toEqual([
      '/offline/index.html',
      '/tersimpan/index.html',
      '/cari/index.html',
      '/assets/index-Dmtqv444.js',
      '/assets/offline-page-C-uBIlUe.js',
      '/assets/warta-settings-panel-CltobYIR.js',
      '/assets/warta-library-3KFz1ftT.js',
      '/assets/worker-notices-Kn0t1ce1.js',
      '/assets/warta-listen-Lst9aQ1x.js',
      '/assets/warta-search-Srch0001.js',
      '/manifest.webmanifest',
    ]);
    const english = urls(filesFor(files, ['en']));
    expect(english).toContain('/assets/en-warta-library-B2kLm0pZ.js');
    expect(english).toContain('/manifest.webmanifest');
    expect(english.filter((url) => !/\/en[-/]|manifest/u.test(url))).toEqual([]);
    expect(urls(filesFor(files, ['id', 'en']))).toEqual(urls(files.filter((file) => file.onUse !== true)));
  });

  it('keeps the sync part only once used: listed, so the worker answers and keeps it, but never fetched ahead', () => {
    const sync = files.filter((file) => file.url.includes('warta-sync'));
    expect(sync.map((file) => [file.url, file.onUse, file.firstVisit])).toEqual([
      ['/assets/warta-sync-Sync0001.js', true, false],
      ['/assets/en-warta-sync-Sync0002.js', true, false],
    ]);
    expect(fileForPath(files, '/assets/warta-sync-Sync0001.js')).toBe(sync[0]);
  });

  it('lists home and Glosarium as listings, by address only, so publishing an article never changes the worker', () => {
    expect(app.listings).toEqual([
      { path: '/', locale: 'id' },
      { path: '/glosarium/', locale: 'id' },
      { path: '/en/', locale: 'en' },
      { path: '/en/glosarium/', locale: 'en' },
    ]);
    expect(urls(files).filter((url) => /^(?:\/en)?\/(?:glosarium\/)?index\.html$/u.test(url))).toEqual([]);
    // English Tersimpan is kept once visited: no app file either.
    expect(urls(files)).not.toContain('/en/tersimpan/index.html');
  });

  it('tells each language’s files by the build that made them, not by their names', () => {
    const renamed = manifest('', ['Aaaaaaaa', 'Bbbbbbbb', 'Cccccccc', 'Dddddddd', 'Eeeeeeee', 'Ffffffff']);
    const both = appManifest({ id: scriptFiles(INDONESIAN), en: scriptFiles(renamed) }, revision);
    expect(both.files.find((file) => file.url === '/assets/index-Aaaaaaaa.js')?.locale).toBe('en');
    expect(both.files.find((file) => file.url === '/assets/index-Dmtqv444.js')?.locale).toBe('id');
    expect(both.files.find((file) => file.url === '/manifest.webmanifest')?.locale).toBeNull();
  });

  it('gives pages and the manifest a revision, and scripts, whose names carry a hash, none', () => {
    expect(files.find((file) => file.url === '/offline/index.html')?.revision).toBe('rev-of-/offline/index.html');
    expect(files.find((file) => file.url === '/manifest.webmanifest')?.revision).toBe('rev-of-/manifest.webmanifest');
    expect(files.filter((file) => file.url.endsWith('.js')).map((file) => file.revision)).toEqual(
      Array.from({ length: 16 }, () => null),
    );
  });

  it('keeps what the entry imports statically on a first visit, as the entry itself', () => {
    const split: Manifest = {
      ...INDONESIAN,
      'src/main.ts': { ...INDONESIAN['src/main.ts'], file: 'assets/index-Dmtqv444.js', imports: ['_shared-X1.js'] },
      '_shared-X1.js': { file: 'assets/shared-X1.js', name: 'shared' },
    };
    expect(scriptFiles(split).loaded).toEqual(['/assets/index-Dmtqv444.js', '/assets/shared-X1.js']);
  });

  it('refuses a script with a part the registry does not list, or without one it lists', () => {
    const extra: Manifest = {
      ...INDONESIAN,
      'src/components/warta-new.ts': { file: 'assets/warta-new-X1.js', src: 'src/components/warta-new.ts' },
    };
    expect(() => scriptFiles(extra)).toThrow(/src\/components\/warta-new\.ts/u);
    const missing = Object.fromEntries(
      Object.entries(INDONESIAN).filter(([key]) => key !== 'src/components/warta-library.ts'),
    );
    expect(() => scriptFiles(missing)).toThrow(/no chunk for src\/components\/warta-library\.ts/u);
  });

  it('fetches scripts before pages, keeping each group in the build’s order', () => {
    const order = urls(inKeepOrder(filesFor(files, ['id'])));
    expect(order.slice(0, 7)).toEqual([
      '/assets/index-Dmtqv444.js',
      '/assets/offline-page-C-uBIlUe.js',
      '/assets/warta-settings-panel-CltobYIR.js',
      '/assets/warta-library-3KFz1ftT.js',
      '/assets/worker-notices-Kn0t1ce1.js',
      '/assets/warta-listen-Lst9aQ1x.js',
      '/assets/warta-search-Srch0001.js',
    ]);
    expect(order.slice(7)).toEqual([
      '/offline/index.html',
      '/tersimpan/index.html',
      '/cari/index.html',
      '/manifest.webmanifest',
    ]);
  });

  it('keys a file without a hash by its revision, so versions never answer for each other', () => {
    const page = { url: '/index.html', revision: 'a1', locale: 'id', firstVisit: false } as const;
    expect(cacheKey(page)).toBe('/index.html?__WB_REVISION__=a1');
    expect(cacheKey({ ...page, url: '/assets/index-Dmtqv444.js', revision: null })).toBe('/assets/index-Dmtqv444.js');
  });

  it('finds the file for a page address with or without its trailing slash, and nothing else', () => {
    // Home is a listing, no app file.
    expect(fileForPath(files, '/')).toBeUndefined();
    expect(fileForPath(files, '/tersimpan/')?.url).toBe('/tersimpan/index.html');
    expect(fileForPath(files, '/tersimpan')?.url).toBe('/tersimpan/index.html');
    expect(fileForPath(files, '/assets/index-Dmtqv444.js')?.url).toBe('/assets/index-Dmtqv444.js');
    expect(fileForPath(files, '/artikel/x/')).toBeUndefined();
    expect(fileForPath(files, '/articles/x.json')).toBeUndefined();
  });
});
