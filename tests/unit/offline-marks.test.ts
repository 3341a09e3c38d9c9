import { describe, expect, it } from 'vitest';
import { linkedArticle, offlineMark, offlineMarkText } from '../../src/app/offline-marks.js';

const ORIGIN = 'https://warta.example';
/** Two articles on the device: one opened, one a sync stored and the reader has not opened. */
const STORED = new Map([
  ['dibuka', false],
  ['sinkron', true],
]);

describe('the marks on a list of articles', () => {
  it('marks an article on the device as available offline, online and offline alike', () => {
    expect(offlineMark('dibuka', STORED, 'online')).toBe('kept');
    expect(offlineMark('dibuka', STORED, 'offline')).toBe('kept');
  });

  it('marks an article a sync stored and the reader has not opened as unread too', () => {
    expect(offlineMark('sinkron', STORED, 'online')).toBe('unread');
    expect(offlineMark('sinkron', STORED, 'offline')).toBe('unread');
    expect(offlineMarkText('unread')).toBe('tersedia offline · belum dibaca');
  });

  it('leaves an article not on the device unmarked online, and unavailable offline', () => {
    expect(offlineMark('lain', STORED, 'online')).toBe('none');
    expect(offlineMarkText('none')).toBeNull();
    expect(offlineMark('lain', STORED, 'offline')).toBe('unavailable');
    expect(offlineMarkText('unavailable')).toBe('tidak tersedia offline');
  });

  it('knows an article link, in either language and with a fragment, from every other link', () => {
    expect(linkedArticle('/artikel/2020-10-31-armenia/', ORIGIN)).toBe('2020-10-31-armenia');
    expect(linkedArticle(`${ORIGIN}/en/artikel/banjir/#rujukan-osce`, ORIGIN)).toBe('banjir');
    expect(linkedArticle('/kategori/nasional/', ORIGIN)).toBeNull();
    expect(linkedArticle('/arsip/2/', ORIGIN)).toBeNull();
    expect(linkedArticle('https://minanews.net/artikel/banjir/', ORIGIN)).toBeNull();
  });
});
