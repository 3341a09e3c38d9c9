import { describe, expect, it } from 'vitest';
import { primaryIcons } from '../../tools/budgets.js';

describe('the icons a first visit counts', () => {
  it('are the smallest icon of at least 144 px for each purpose, as Chrome picks its primary icon', () => {
    const manifest = JSON.stringify({
      icons: [
        { src: '/64.png', sizes: '64x64' },
        { src: '/512.png', sizes: '512x512' },
        { src: '/192.png', sizes: '192x192', purpose: 'any' },
        { src: '/m512.png', sizes: '512x512', purpose: 'maskable' },
        { src: '/m192.png', sizes: '192x192', purpose: 'maskable' },
      ],
    });
    expect(primaryIcons(manifest)).toEqual(['/192.png', '/m192.png']);
  });

  it('are none when no icon is large enough to install with', () => {
    expect(primaryIcons(JSON.stringify({ icons: [{ src: '/64.png', sizes: '64x64' }] }))).toEqual([]);
    expect(primaryIcons('{}')).toEqual([]);
  });
});
