import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packRanges, readChangeIndex, readChangePage, type ChangedArticle } from '../../src/content/change-log.js';
import { build } from '../../tools/build.js';
import { readBuildRecord } from '../../tools/build-record.js';
import { withdrawalText } from '../../tools/import/store.js';

/**
 * A small site built twice, on different days, with the site's address given once as `--site`
 * and once as WARTA_SITE: feeds, sitemaps, the change log and the category pages must not differ.
 */
const SITE = 'https://warta.example';
const SEED = await readFile('content/articles/2020-10-31-armenia-azerbaijan-jenewa.txt', 'utf8');
const COUNT = 25;

const made: string[] = [];
async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `warta-${name}-`));
  made.push(dir);
  return dir;
}

function article(number: number): string {
  const date = new Date(Date.UTC(2022, 0, number)).toISOString().slice(0, 10);
  const extra =
    number === COUNT ? '\nmodified: 2022-02-01T08:00:00+07:00\ncategories: Luar Negeri' : '\ncategories: Nasional';
  return SEED.replace(/^title: (.*)$/mu, `title: $1 (${String(number)})${extra}`).replace(
    /^date: .*$/mu,
    `date: ${date}`,
  );
}

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split('\\').join('/'), await readFile(full));
  }
  return files;
}

let early: Map<string, Buffer>;
let late: Map<string, Buffer>;
let out: string;
let lateLog: string[];

beforeAll(async () => {
  const content = await folder('content');
  await mkdir(join(content, 'articles'));
  await mkdir(join(content, 'withdrawn'));
  for (let number = 1; number <= COUNT; number += 1) {
    await writeFile(join(content, 'articles', `artikel-${String(number).padStart(2, '0')}.txt`), article(number));
  }
  await writeFile(
    join(content, 'withdrawn', 'ditarik.txt'),
    withdrawalText({
      slug: 'ditarik',
      source: null,
      sourceId: null,
      reason: null,
      withdrawn: '2022-03-01T10:00:00+07:00',
    }),
  );
  const [first, second] = await Promise.all([folder('early'), folder('late')]);
  out = first;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2023-01-01T00:00:00Z') });
  await build({ out: first, content, site: SITE, log: () => undefined });
  vi.setSystemTime(new Date('2029-07-01T00:00:00Z'));
  vi.stubEnv('WARTA_SITE', SITE);
  lateLog = [];
  await build({ out: second, content, log: (line) => lateLog.push(line) });
  vi.unstubAllEnvs();
  vi.useRealTimers();
  [early, late] = await Promise.all([tree(first), tree(second)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

const text = (path: string): string => {
  const bytes = early.get(path);
  if (bytes === undefined) throw new Error(`the build wrote no ${path}`);
  return bytes.toString('utf8');
};

describe('the feeds, sitemaps, change log and category pages of a build', () => {
  it('take their dates from the content: a build years later writes them byte for byte the same', () => {
    const outputs = [...early.keys()].filter((path) =>
      /^(?:en\/)?(?:feed\.|kategori\/)|^perubahan\/|^sitemap|^robots\.txt/u.test(path),
    );
    expect(outputs.length).toBeGreaterThan(20);
    for (const path of outputs) expect(late.get(path)?.equals(early.get(path) ?? Buffer.alloc(0)), path).toBe(true);
    // WARTA_SITE stood in for --site, and the build did not say it used the local address.
    expect(lateLog.filter((line) => line.includes('localhost'))).toEqual([]);
  });

  it('link both feeds of the page’s language from the head of every page, of every kind', () => {
    const pages = [...early.keys()].filter((path) => path.endsWith('.html'));
    const kinds = new Set(pages.map((path) => path.replace(/^en\//u, '').split('/')[0]));
    expect([...kinds].sort()).toEqual(
      ['404.html', 'arsip', 'artikel', 'cari', 'glosarium', 'index.html', 'kategori', 'offline', 'tersimpan'].sort(),
    );
    for (const path of pages) {
      const head = text(path).slice(0, text(path).indexOf('</head>'));
      const prefix = path.startsWith('en/') ? '/en' : '';
      expect(head, path).toContain(`<link rel="alternate" type="application/rss+xml" href="${prefix}/feed.xml"`);
      expect(head, path).toContain(`<link rel="alternate" type="application/feed+json" href="${prefix}/feed.json"`);
    }
  });

  it('give each language its feed, whose links open the pages in that language', () => {
    const id = parseRssFeed(text('feed.xml'));
    const en = parseRssFeed(text('en/feed.xml'));
    expect(id.items?.[0]?.link).toBe(`${SITE}/artikel/artikel-25/`);
    expect(en.items?.[0]?.link).toBe(`${SITE}/en/artikel/artikel-25/`);
    expect(en.description).toMatch(/news reader/u);
    expect(id.items).toHaveLength(COUNT);
    const json = JSON.parse(text('en/feed.json')) as { home_page_url: string; items: { url: string }[] };
    expect(json.home_page_url).toBe(`${SITE}/en/`);
    expect(json.items[0]?.url).toBe(`${SITE}/en/artikel/artikel-25/`);
  });

  it('publish a change log a device can check: page hashes, sizes of the articles’ JSON, the withdrawal', () => {
    const index = readChangeIndex(JSON.parse(text('perubahan/index.json')));
    if (!index.ok) throw new Error(index.reason);
    expect(index.value.categories).toEqual([
      { id: 'luar-negeri', name: 'Luar Negeri' },
      { id: 'nasional', name: 'Nasional' },
    ]);
    const entries = index.value.pages.flatMap((record) => {
      const path = `perubahan/${String(record.page)}.json`;
      expect(createHash('sha256').update(text(path)).digest('hex').slice(0, 16)).toBe(record.hash);
      const page = readChangePage(JSON.parse(text(path)));
      if (!page.ok) throw new Error(page.reason);
      return page.value.entries;
    });
    expect(entries.map((entry) => entry.slug)).toEqual([
      ...Array.from({ length: COUNT - 1 }, (_, index) => `artikel-${String(index + 1).padStart(2, '0')}`),
      'artikel-25',
      'ditarik',
    ]);
    for (const entry of entries.filter((e): e is ChangedArticle => 'bytes' in e)) {
      expect(entry.bytes, entry.slug).toBe(early.get(`articles/${entry.slug}.json`)?.byteLength);
      const article = JSON.parse(text(`articles/${entry.slug}.json`)) as { hash: string };
      expect(entry.hash).toBe(article.hash);
      expect(entry.gz, entry.slug).toBe(early.get(`articles/${entry.slug}.json.gz`)?.byteLength);
    }
    expect(entries.at(-1)).toEqual({ slug: 'ditarik', withdrawn: '2022-03-01T03:00:00Z' });
    const last = index.value.pages.at(-1);
    expect(index.value.recent.at(-1)?.entries.at(-1)).toEqual(entries.at(-1));
    expect(last !== undefined && index.value.recent.length).toBe(index.value.pages.length);
  });

  it('publish each change page’s articles as one pack, a range of it for each article, gzipped alone', () => {
    const index = readChangeIndex(JSON.parse(text('perubahan/index.json')));
    if (!index.ok) throw new Error(index.reason);
    const ranges = index.value.recent.flatMap((page, n) => packRanges(page).map((range) => ({ ...range, n })));
    expect(ranges).toHaveLength(COUNT);
    for (const { entry, start, end, n } of ranges) {
      const pack = early.get(`perubahan/${String(n + 1)}.pack`) ?? Buffer.alloc(0);
      const member = pack.subarray(start, end);
      expect(member.equals(early.get(`articles/${entry.slug}.json.gz`) ?? Buffer.alloc(0)), entry.slug).toBe(true);
      expect((JSON.parse(gunzipSync(member).toString('utf8')) as { hash: string }).hash).toBe(entry.hash);
    }
  });

  it('name the sitemap index in robots.txt, by the site’s address', () => {
    expect(text('robots.txt')).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    const named = [...text('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/gu)].map((match) => match[1] ?? '');
    expect(named[0]).toBe(`${SITE}/sitemap-1.xml`);
    // Every sitemap the index names was written, and one of them (a category's own) lists its page.
    const maps = named.map((loc) => text(loc.replace(`${SITE}/`, '')));
    expect(maps.filter((map) => map.includes(`<loc>${SITE}/en/kategori/luar-negeri/</loc>`))).toHaveLength(1);
  });

  it('are never app files: the service worker keeps none of them', () => {
    const urls = readBuildRecord(out).app.files.map((file) => file.url);
    expect(urls.filter((url) => /feed|sitemap|perubahan|kategori|robots/u.test(url))).toEqual([]);
  });
});

describe('a build given no site address', () => {
  it('says, in one line, that feeds and sitemaps carry the local address', async () => {
    const [content, dir] = await Promise.all([folder('content'), folder('local')]);
    await writeFile(join(content, 'artikel-01.txt'), article(1));
    const lines: string[] = [];
    vi.stubEnv('WARTA_SITE', '');
    try {
      await build({ out: dir, content, log: (line) => lines.push(line) });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(lines.filter((line) => line.includes('http://localhost:4173'))).toHaveLength(1);
    expect(await readFile(join(dir, 'robots.txt'), 'utf8')).toContain('Sitemap: http://localhost:4173/sitemap.xml');
  }, 60_000);
});
