import { describe, expect, it } from 'vitest';
import {
  appFilesOf,
  cacheKey,
  fileForPath,
  filesFor,
  firstVisitFiles,
  inKeepOrder,
  localeOfFile,
} from '../../src/sw/app-files.js';

// The shape of the manifest the build injects into the worker.
const files = appFilesOf([
  { url: 'index.html', revision: 'a1' },
  { url: 'offline/index.html', revision: 'b2' },
  { url: 'tersimpan/index.html', revision: 'c3' },
  { url: 'glosarium/index.html', revision: 'd4' },
  { url: 'en/offline/index.html', revision: 'e5' },
  { url: 'assets/index-Dmtqv444.js', revision: null },
  { url: 'assets/offline-page-C-uBIlUe.js', revision: null },
  { url: 'assets/warta-settings-panel-CltobYIR.js', revision: null },
  { url: 'assets/warta-library-3KFz1ftT.js', revision: null },
  { url: 'assets/en-index-D_tWmfTM.js', revision: null },
  { url: 'assets/en-offline-page-Bq9Pd0xE.js', revision: null },
  { url: 'assets/en-warta-settings-panel-CmT1aK3r.js', revision: null },
  { url: 'assets/en-warta-library-B2kLm0pZ.js', revision: null },
  { url: 'manifest.webmanifest', revision: 'f6' },
]);
const urls = (list: readonly { url: string }[]): string[] => list.map((file) => file.url);

describe('the app files the service worker keeps', () => {
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
    expect(indonesian).toContain('/index.html');
    expect(indonesian).toContain('/assets/warta-library-3KFz1ftT.js');
    expect(indonesian).toContain('/manifest.webmanifest');
    expect(indonesian.filter((url) => /\/en[-/]/u.test(url))).toEqual([]);
    const english = urls(filesFor(files, ['en']));
    expect(english).toContain('/assets/en-warta-library-B2kLm0pZ.js');
    expect(english).toContain('/manifest.webmanifest');
    expect(english.filter((url) => !/\/en[-/]|manifest/u.test(url))).toEqual([]);
    expect(urls(filesFor(files, ['id', 'en']))).toEqual(urls(files));
  });

  it('tells each language’s files by name, not by a prefix that merely starts alike', () => {
    expect(localeOfFile({ url: '/assets/en-index-D_tWmfTM.js', revision: null })).toBe('en');
    expect(localeOfFile({ url: '/assets/entry-D_tWmfTM.js', revision: null })).toBe('id');
    expect(localeOfFile({ url: '/assets/index-Dmtqv444.js', revision: null })).toBe('id');
    expect(localeOfFile({ url: '/manifest.webmanifest', revision: 'f6' })).toBeNull();
    expect(localeOfFile({ url: '/en/glosarium/index.html', revision: 'x' })).toBe('en');
    expect(localeOfFile({ url: '/glosarium/index.html', revision: 'x' })).toBe('id');
  });

  it('fetches scripts before pages, keeping each group in the build’s order', () => {
    const order = urls(inKeepOrder(filesFor(files, ['id'])));
    expect(order.slice(0, 4)).toEqual([
      '/assets/index-Dmtqv444.js',
      '/assets/offline-page-C-uBIlUe.js',
      '/assets/warta-settings-panel-CltobYIR.js',
      '/assets/warta-library-3KFz1ftT.js',
    ]);
    expect(order.slice(4)).toEqual([
      '/index.html',
      '/offline/index.html',
      '/tersimpan/index.html',
      '/glosarium/index.html',
      '/manifest.webmanifest',
    ]);
  });

  it('keys a file without a hash by its revision, so versions never answer for each other', () => {
    expect(cacheKey({ url: '/index.html', revision: 'a1' })).toBe('/index.html?__WB_REVISION__=a1');
    expect(cacheKey({ url: '/assets/index-Dmtqv444.js', revision: null })).toBe('/assets/index-Dmtqv444.js');
  });

  it('finds the file for a page address with or without its trailing slash, and nothing else', () => {
    expect(fileForPath(files, '/')?.url).toBe('/index.html');
    expect(fileForPath(files, '/tersimpan/')?.url).toBe('/tersimpan/index.html');
    expect(fileForPath(files, '/tersimpan')?.url).toBe('/tersimpan/index.html');
    expect(fileForPath(files, '/assets/index-Dmtqv444.js')?.url).toBe('/assets/index-Dmtqv444.js');
    expect(fileForPath(files, '/artikel/x/')).toBeUndefined();
    expect(fileForPath(files, '/articles/x.json')).toBeUndefined();
  });
});
