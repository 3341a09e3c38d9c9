import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveSize, articlesThatFit, primaryIcons } from '../../tools/budgets.js';

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

describe('what an archive costs a static host', () => {
  it("counts each article's own files (its page in each language, its JSON, their .gz copies) apart from the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warta-archive-'));
    const files: Record<string, number> = {
      'index.html': 1000,
      'index.html.gz': 300,
      'assets/index-abc.js': 500,
      'artikel/satu/index.html': 40,
      'artikel/satu/index.html.gz': 10,
      'en/artikel/satu/index.html': 40,
      'articles/satu.json': 20,
      'articles/satu.json.gz': 6,
      'artikel/dua/index.html': 60,
      'en/artikel/dua/index.html': 60,
      'articles/dua.json': 30,
      // Not dua's: only the slug's own folder and JSON count.
      'artikel/dua-lagi.txt': 7,
    };
    for (const [path, size] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), 'x'.repeat(size));
    }
    const size = archiveSize(dir);
    expect(size.articles).toBe(2);
    expect(size.perArticle).toEqual({ plain: { files: 3, bytes: 125 }, gzip: { files: 4, bytes: 133 } });
    expect(size.rest).toEqual({ plain: { files: 3, bytes: 1507 }, gzip: { files: 4, bytes: 1807 } });
  });

  it('fits as many articles as the tighter of the caps leaves room for, after the rest of the site', () => {
    const perArticle = { files: 6, bytes: 124_000 };
    const rest = { files: 57, bytes: 564_000 };
    expect(articlesThatFit(perArticle, rest, { files: 20_000 })).toBe(3323);
    expect(articlesThatFit(perArticle, rest, { bytes: 1_000_000_000 })).toBe(8059);
    expect(articlesThatFit(perArticle, rest, { files: 20_000, bytes: 100_000_000 })).toBe(801);
    expect(articlesThatFit(perArticle, rest, { files: 50 })).toBe(0);
  });
});
