import { mkdtemp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content/parse-article.js';
import type { ClientOptions } from '../../tools/import/http.js';
import { runImport, type ImportOptions, type ImportOutcome } from '../../tools/import/run.js';
import { runWithdraw } from '../../tools/import/withdraw.js';
import { startFixtureServer, type FixtureServer, type Post } from './import-server.js';
import { bodyLines, frontMatter } from './import-words.js';

const FAST: Partial<ClientOptions> = { rate: 1000, backoffMs: 5, timeoutMs: 3000, retries: 2 };

const fixturePosts = async (name: string): Promise<Post[]> =>
  JSON.parse(await readFile(`tests/fixtures/import/${name}`, 'utf8')) as Post[];

const servers: FixtureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(list: Post[] = []): Promise<FixtureServer> {
  const server = await startFixtureServer(list);
  servers.push(server);
  return server;
}

interface Result extends ImportOutcome {
  out: string[];
  err: string[];
}

async function importInto(dir: string, source: string, options: Partial<ImportOptions> = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const outcome = await runImport({
    source,
    contentDir: dir,
    sourceKey: 'minanews-net',
    dryRun: false,
    reconcile: false,
    lang: null,
    publisher: null,
    publisherUrl: null,
    profile: 'mina',
    perPage: 20,
    client: FAST,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...options,
  });
  return { ...outcome, out, err };
}

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'warta-import-'));

/** Every file under the store with its bytes and modification time. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const sub of ['articles', 'withdrawn', 'sources']) {
    for (const name of await readdir(join(dir, sub)).catch(() => [])) {
      const file = join(dir, sub, name);
      files.set(`${sub}/${name}`, `${(await stat(file)).mtimeMs} ${await readFile(file, 'utf8')}`);
    }
  }
  return files;
}

/** What the store must always be, even after a run killed halfway: whole files, each of them valid. */
async function expectValidStore(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, 'articles')).catch(() => []);
  for (const name of names) {
    expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.txt$/u);
    const text = await readFile(join(dir, 'articles', name), 'utf8');
    const fields = frontMatter(text);
    expect([...fields.keys()]).toEqual(
      expect.arrayContaining(['title', 'lang', 'source', 'source_id', 'published', 'profile', 'format']),
    );
    expect(fields.get('format')).toBe('marked');
    expect(fields.get('published')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/u);
    expect(text.endsWith('\n')).toBe(true);
    const body = bodyLines(text);
    expect(body.length).toBeGreaterThan(0);
    // Until the parser reads content store v2, the body alone is what it can check.
    expect(parseArticle(`---\n---\n${body.join('\n')}`).ok).toBe(true);
  }
  for (const name of await readdir(join(dir, 'sources')).catch(() => [])) {
    JSON.parse(await readFile(join(dir, 'sources', name), 'utf8'));
  }
  return names;
}

async function state(
  dir: string,
  source = 'minanews-net',
): Promise<{ cursor: string | null; ids: Record<string, string> }> {
  return JSON.parse(await readFile(join(dir, 'sources', `${source}.json`), 'utf8')) as {
    cursor: string | null;
    ids: Record<string, string>;
  };
}

describe('importing a WordPress site', () => {
  it('writes every post, a line per page, and a second run changes nothing', async () => {
    const server = await serve(await fixturePosts('wordpress-id.json'));
    const dir = await tempDir();
    const first = await importInto(dir, server.posts);
    expect(first.code).toBe(0);
    expect(first.summary).toEqual({ new: 55, updated: 0, unchanged: 0, withdrawn: 0, refused: 0 });
    expect(first.out).toEqual([
      'minanews-net: page 1 of 3: 20 item(s): 20 new, 0 updated, 0 unchanged, 0 refused',
      'minanews-net: page 2 of 3: 20 item(s): 20 new, 0 updated, 0 unchanged, 0 refused',
      'minanews-net: page 3 of 3: 15 item(s): 15 new, 0 updated, 0 unchanged, 0 refused',
      'minanews-net: 55 new, 0 updated, 0 unchanged, 0 withdrawn, 0 refused',
    ]);
    expect(await expectValidStore(dir)).toHaveLength(55);
    expect((await state(dir)).cursor).toBe('2018-10-18T12:30:00Z');
    const before = await snapshot(dir);
    server.requests.length = 0;
    const second = await importInto(dir, server.posts);
    expect(second.code).toBe(0);
    expect(second.summary.new + second.summary.updated).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
    const asked = new URL(server.requests[0]?.url ?? '', server.origin).searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      orderby: 'modified',
      order: 'asc',
      modified_after: '2018-10-18T11:30:00Z',
      _embed: '1',
    });
  });

  it('rewrites the one post whose modified time changed, and nothing else', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    const server = await serve(posts);
    const dir = await tempDir();
    await importInto(dir, server.posts);
    const before = await snapshot(dir);
    const changed = posts[7];
    if (changed === undefined) throw new Error('no post 7');
    changed['modified_gmt'] = '2018-11-02T10:00:00';
    const slug = (await state(dir)).ids['120050'] ?? '';
    const again = await importInto(dir, server.posts);
    expect(again.summary).toMatchObject({ new: 0, updated: 1, refused: 0 });
    const after = await snapshot(dir);
    const differs = [...after.keys()].filter((key) => after.get(key) !== before.get(key));
    expect(differs.sort()).toEqual([`articles/${slug}.txt`, 'sources/minanews-net.json']);
    expect(frontMatter(await readFile(join(dir, 'articles', `${slug}.txt`), 'utf8')).get('modified')).toBe(
      '2018-11-02T10:00:00Z',
    );
    expect((await state(dir)).cursor).toBe('2018-11-02T10:00:00Z');
  });

  it('never overwrites a newer copy with an older one a stale cache serves', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    const server = await serve(posts.slice(0, 3));
    const dir = await tempDir();
    await importInto(dir, server.posts);
    const [post] = posts;
    if (post === undefined) throw new Error('no post');
    // A saved copy taken before the last edit: modified_after would hide it, a file does not.
    const stale = join(dir, 'lama.json');
    await writeFile(
      stale,
      JSON.stringify([{ ...post, modified_gmt: '2018-09-01T00:00:00', title: { rendered: 'Judul Lama' } }]),
    );
    const before = await snapshot(dir);
    const again = await importInto(dir, stale);
    expect(again.summary).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('leaves a valid store when the server dies mid-import, and the next run completes it', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    const server = await serve(posts);
    const dir = await tempDir();
    server.intercept = (request) => {
      if (!/[?&]page=2(?:&|$)/u.test(request.url ?? '')) return false;
      // The server goes away while the importer is on page 2.
      void server.close();
      return true;
    };
    const cut = await importInto(dir, server.posts);
    expect(cut.code).toBe(3);
    expect(cut.err.at(-1)).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/wp-json\/wp\/v2\/posts: GET .*page=2.*: (connection refused|the connection closed|connection reset).*\(3 tries\)$/u,
    );
    expect(await expectValidStore(dir)).toHaveLength(20);
    // The cursor stands at the last post of page 1, in the order WordPress lists them.
    const modified = posts.map((post) => String(post['modified_gmt'])).sort();
    expect((await state(dir)).cursor).toBe(`${modified[19] ?? ''}Z`);
    const revived = await serve(posts);
    const rerun = await importInto(dir, revived.posts);
    expect(rerun.code).toBe(0);
    expect(rerun.summary.new).toBe(35);
    expect(await expectValidStore(dir)).toHaveLength(55);
    // The same import from scratch writes the same store.
    const fresh = await tempDir();
    await importInto(fresh, revived.posts);
    const files = async (root: string): Promise<string[]> =>
      Promise.all(
        (await readdir(join(root, 'articles'))).sort().map((name) => readFile(join(root, 'articles', name), 'utf8')),
      );
    expect(await files(dir)).toEqual(await files(fresh));
  });

  it('does not lose posts edited in the same second as the last one written before a stop', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    // Posts 10 and 11 share their modified_gmt: with two to a page, they fall on pages 6 and 7.
    const server = await serve(posts);
    const dir = await tempDir();
    let pages = 0;
    server.intercept = (request, response) => {
      if (!(request.url ?? '').includes('modified_after') && /[?&]page=7(?:&|$)/u.test(request.url ?? '')) {
        response.writeHead(500).end();
        return true;
      }
      pages += 1;
      return false;
    };
    const cut = await importInto(dir, server.posts, { perPage: 2, client: { ...FAST, retries: 0 } });
    expect(cut.code).toBe(3);
    expect(pages).toBe(6);
    server.intercept = null;
    await importInto(dir, server.posts, { perPage: 2 });
    expect(Object.keys((await state(dir)).ids)).toHaveLength(55);
  });

  it('refuses each bad post with its reason and writes the others, hostile markup as inert text', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'articles'), { recursive: true });
    // A hand-written article already has the address the publisher's slug asks for.
    const taken = 'warga-cikarang-gelar-kerja-bakti-bersihkan-saluran-air-jelang-musim-hujan';
    await writeFile(join(dir, 'articles', `${taken}.txt`), '---\ntitle: Tulisan Tangan\n---\nIsi.\n');
    const file = 'tests/fixtures/import/edge-cases.json';
    const result = await importInto(dir, file);
    expect(result.code).toBe(1);
    expect(result.summary).toMatchObject({ new: 4, refused: 6 });
    expect(result.err.filter((line) => !line.includes('removed') && !line.includes('kept as text'))).toEqual([
      `${file}: item 1 (900001): no title`,
      `${file}: item 2 (900002): no date (date_gmt)`,
      `${file}: item 6 (900006): no text (content.rendered is empty)`,
      `${file}: item 7 (900007): the post is password-protected`,
      `${file}: item 8 (900008): no title (the title has no words)`,
      `${file}: item 10 (no id): no id`,
    ]);
    const ids = (await state(dir)).ids;
    expect(ids['900004']).toBe('lmsjd-l-qsa-ystqbl-lmslyn');
    expect(ids['900005']).toBe('novosti-dnya');
    expect(ids['900009']).toBe(`minanews-net-${taken}`);
    const hostile = await readFile(join(dir, 'articles', `${ids['900003'] ?? ''}.txt`), 'utf8');
    expect(hostile).not.toMatch(/<|javascript:|onerror|onclick|alert\(|disuntikkan|[\u202A-\u202E\u2066-\u2069]/u);
    expect(frontMatter(hostile).get('title')).toBe('Judul Berbahaya tebalik');
    expect(bodyLines(hostile)).toEqual([
      'Cikarang, Kab. Bekasi, MINA – Ratusan warga Desa Sukamaju bergotong royong membersihkan saluran air sepanjang dua kilometer pada Ahad pagi, sebagai persiapan menghadapi musim hujan yang diperkirakan datang lebih awal tahun ini.',
      'Paragraf dengan tautan jahat dan',
      '! gambar rusak',
      'di tengahnya.',
      '=> Tautan Baca Juga yang Jahat',
      '=> Tautan Data',
      'Teks dengan override dua arah dan isolasi yang harus dibuang. (T/AB2/CD-1)',
      'Mi’raj News Agency (MINA)',
    ]);
    expect(result.err).toEqual(
      expect.arrayContaining([
        `${file}: item 3 (900003): 2 bidirectional control character(s) removed from the title: they can show text in another order than it is stored`,
        `${file}: item 3 (900003): 4 bidirectional control character(s) removed from the text: they can show text in another order than it is stored`,
        `${file}: item 3 (900003): read-also link(s) kept as text only: only https: links are kept (found javascript:, data:)`,
      ]),
    );
    expect(await readFile(join(dir, 'articles', `${taken}.txt`), 'utf8')).toBe(
      '---\ntitle: Tulisan Tangan\n---\nIsi.\n',
    );
  });

  it('refuses a post nested 100,000 deep or over 5 MB, and imports the rest', async () => {
    const [post] = await fixturePosts('wordpress-id.json');
    if (post === undefined) throw new Error('no post');
    const variant = (id: number, html: string): Post => ({
      ...post,
      id,
      slug: `kasus-${id}`,
      content: { rendered: html, protected: false },
    });
    const server = await serve([
      variant(1, `<p>Jakarta, MINA – Isi.</p>${'<div>'.repeat(100_000)}dalam`),
      variant(2, `<p>${'kata '.repeat(1_100_000)}</p>`),
      variant(3, '<p>Jakarta, MINA – Isi yang baik.</p>'),
    ]);
    const dir = await tempDir();
    const result = await importInto(dir, server.posts);
    expect(result.summary).toMatchObject({ new: 1, refused: 2 });
    expect(result.err).toEqual([
      `${server.posts}: item 1 (1): the HTML is nested 100,000 elements deep; at most 256 is read`,
      `${server.posts}: item 2 (2): the HTML has 5,500,007 bytes; at most 5 MB (5,242,880) is read`,
    ]);
  });

  it('writes nothing on a dry run, but says what it would do', async () => {
    const server = await serve(await fixturePosts('wordpress-id.json'));
    const dir = await tempDir();
    const result = await importInto(dir, server.posts, { dryRun: true });
    expect(result.summary.new).toBe(55);
    expect(result.out.at(-1)).toBe(
      'minanews-net: 55 new, 0 updated, 0 unchanged, 0 withdrawn, 0 refused (dry run: nothing written)',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes temporary files a killed importer left behind', async () => {
    const server = await serve((await fixturePosts('wordpress-id.json')).slice(0, 2));
    const dir = await tempDir();
    await mkdir(join(dir, 'articles'), { recursive: true });
    const leftover = join(dir, 'articles', '.warta-x.txt-999999999-0123abcd.tmp');
    await writeFile(leftover, 'setengah');
    await importInto(dir, server.posts);
    expect((await readdir(join(dir, 'articles'))).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('withdrawals', () => {
  it('withdraws, on reconciliation, the posts WordPress no longer lists, and never imports them again', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    const server = await serve(posts);
    const dir = await tempDir();
    await importInto(dir, server.posts);
    const { ids } = await state(dir);
    server.list = posts.filter((post) => post['id'] !== 120_008 && post['id'] !== 120_015);
    const reconciled = await importInto(dir, server.posts, {
      reconcile: true,
      now: () => new Date('2018-11-01T00:00:00Z'),
    });
    expect(reconciled.summary).toMatchObject({ withdrawn: 2, new: 0 });
    expect(reconciled.out).toContain('minanews-net: reconciliation: 53 post(s) listed, 2 withdrawn');
    const slug = ids['120008'] ?? '';
    expect(await readFile(join(dir, 'withdrawn', `${slug}.txt`), 'utf8')).toBe(
      `---\nsource: minanews-net\nsource_id: 120008\nslug: ${slug}\nwithdrawn: 2018-11-01T00:00:00Z\nreason: no longer listed by the source\n---\n`,
    );
    expect(await readdir(join(dir, 'articles'))).toHaveLength(53);
    // Published again by mistake, or listed again: the address stays withdrawn.
    server.list = posts.map((post) =>
      post['id'] === 120_008 ? { ...post, modified_gmt: '2018-12-01T00:00:00' } : post,
    );
    const later = await importInto(dir, server.posts);
    expect(later.summary.new + later.summary.updated).toBe(0);
    expect(await readdir(join(dir, 'articles'))).toHaveLength(53);
  });

  it('withdraws nothing when the source lists no posts at all', async () => {
    const posts = await fixturePosts('wordpress-id.json');
    const server = await serve(posts.slice(0, 5));
    const dir = await tempDir();
    await importInto(dir, server.posts);
    server.list = [];
    const result = await importInto(dir, server.posts, { reconcile: true });
    expect(result.code).toBe(3);
    expect(result.err.at(-1)).toContain('the source lists no posts at all; nothing withdrawn');
    expect(await readdir(join(dir, 'articles'))).toHaveLength(5);
  });

  it('withdraws one article by source and id, or by slug, once', async () => {
    const dir = await tempDir();
    await importInto(dir, 'tests/fixtures/import/wordpress-id.json');
    const { ids } = await state(dir);
    const out: string[] = [];
    const err: string[] = [];
    const withdraw = (target: string): Promise<number> =>
      runWithdraw({
        target,
        contentDir: dir,
        reason: null,
        dryRun: false,
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
    expect(await withdraw('minanews-net:120001')).toBe(0);
    expect(await withdraw(ids['120008'] ?? '')).toBe(0);
    expect(await withdraw('minanews-net:120001')).toBe(0);
    expect(await withdraw('minanews-net:999')).toBe(1);
    expect(await withdraw('Bukan Slug')).toBe(2);
    expect(out[0]).toBe(`${ids['120001'] ?? ''} (minanews-net:120001): withdrawn`);
    expect(out[2]).toMatch(/: already withdrawn \(\d{4}-\d{2}-\d{2}T/u);
    expect(err).toEqual([
      'minanews-net:999: no article from source "minanews-net" has the id "999"',
      'Bukan Slug: expected <source>:<source_id> (such as minanews-net:123456) or a slug',
    ]);
    expect(await readdir(join(dir, 'withdrawn'))).toHaveLength(2);
    expect(await readdir(join(dir, 'articles'))).toHaveLength(53);
  });
});

describe('feeds', () => {
  it('imports an RSS feed, then asks with its ETag and writes nothing when it has not changed', async () => {
    const server = await serve();
    server.feeds.set('/feed/', {
      body: await readFile('tests/fixtures/import/rss-id.xml'),
      type: 'application/rss+xml; charset=UTF-8',
      etag: '"v1"',
      lastModified: 'Wed, 17 Oct 2018 15:30:00 GMT',
    });
    const dir = await tempDir();
    const first = await importInto(dir, `${server.origin}/feed/`, { sourceKey: 'minanews-net-rss' });
    expect(first.summary).toMatchObject({ new: 52, refused: 0 });
    expect(await expectValidStore(dir)).toHaveLength(52);
    const saved = JSON.parse(await readFile(join(dir, 'sources', 'minanews-net-rss.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(saved).toMatchObject({ cursor: null, etag: '"v1"', lastModified: 'Wed, 17 Oct 2018 15:30:00 GMT' });
    const before = await snapshot(dir);
    const second = await importInto(dir, `${server.origin}/feed/`, { sourceKey: 'minanews-net-rss' });
    expect(second.out[0]).toBe('minanews-net-rss: the feed has not changed since the last run');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('imports an Atom feed in English, and the same articles from another source under a prefix', async () => {
    const server = await serve(await fixturePosts('wordpress-en.json'));
    server.feeds.set('/atom/', {
      body: await readFile('tests/fixtures/import/atom-en.xml'),
      type: 'application/atom+xml',
    });
    const dir = await tempDir();
    const wordpress = await importInto(dir, server.posts, { sourceKey: 'en-minanews-net', lang: 'en' });
    expect(wordpress.summary.new).toBe(52);
    const atom = await importInto(dir, `${server.origin}/atom/`, { sourceKey: 'en-minanews-net-atom' });
    expect(atom.summary).toMatchObject({ new: 52, refused: 0 });
    const names = await expectValidStore(dir);
    expect(names).toHaveLength(104);
    const prefixed = names.filter((name) => name.startsWith('en-minanews-net-atom-'));
    expect(prefixed).toHaveLength(52);
    const sample = await readFile(join(dir, 'articles', prefixed[0] ?? ''), 'utf8');
    expect(frontMatter(sample).get('lang')).toBe('en-US');
  });

  it('reads an ISO-8859-1 feed served without a charset', async () => {
    const server = await serve();
    server.feeds.set('/lama.xml', { body: await readFile('tests/fixtures/import/latin1.xml'), type: 'text/xml' });
    const dir = await tempDir();
    const result = await importInto(dir, `${server.origin}/lama.xml`, { sourceKey: 'noticias' });
    expect(result.summary.new).toBe(1);
    const [name] = await readdir(join(dir, 'articles'));
    const text = await readFile(join(dir, 'articles', name ?? ''), 'utf8');
    expect(frontMatter(text).get('title')).toBe('Exposição de café em São Paulo atrai visitantes');
    expect(name).toBe('exposicao-de-cafe.txt');
  });

  it('refuses an entity bomb and a malformed feed with one clear line, writing nothing', async () => {
    const server = await serve();
    server.feeds.set('/bomb.xml', { body: await readFile('tests/fixtures/import/bomb.xml'), type: 'application/xml' });
    server.feeds.set('/rusak.xml', {
      body: await readFile('tests/fixtures/import/malformed.xml'),
      type: 'application/xml',
    });
    const dir = await tempDir();
    const bomb = await importInto(dir, `${server.origin}/bomb.xml`);
    expect(bomb.code).toBe(3);
    expect(bomb.err).toEqual([
      `${server.origin}/bomb.xml: the feed declares XML entities in its DOCTYPE: refused, because expanding them can turn a small feed into gigabytes`,
    ]);
    const broken = await importInto(dir, `${server.origin}/rusak.xml`);
    expect(broken.code).toBe(3);
    expect(broken.err).toEqual([expect.stringMatching(/rusak\.xml: malformed XML at line 3, column \d+: /u)]);
    expect(await readdir(join(dir, 'articles')).catch(() => [])).toEqual([]);
  });
});

describe('a polite client', () => {
  it('names Warta in its User-Agent and asks at most `rate` times a second', async () => {
    const server = await serve((await fixturePosts('wordpress-id.json')).slice(0, 6));
    const dir = await tempDir();
    await importInto(dir, server.posts, { perPage: 2, client: { ...FAST, rate: 4 } });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((request) => String(request.headers['user-agent']).startsWith('Warta/'))).toBe(true);
    const gaps = server.requests.slice(1).map((request, i) => request.at - (server.requests[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(240);
  });

  it('tries again after 5xx answers, and waits as long as Retry-After says on 429', async () => {
    const server = await serve((await fixturePosts('wordpress-id.json')).slice(0, 2));
    let n = 0;
    server.intercept = (_request, response) => {
      n += 1;
      if (n === 1) response.writeHead(503, { 'Content-Type': 'text/html' }).end('busy');
      else if (n === 2) response.writeHead(429, { 'Retry-After': '1' }).end();
      else return false;
      return true;
    };
    const dir = await tempDir();
    const started = Date.now();
    const result = await importInto(dir, server.posts);
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.err.filter((line) => line.includes('trying again'))).toEqual([
      expect.stringMatching(/: HTTP 503 Service Unavailable; trying again in 5 ms$/u),
      expect.stringMatching(/: HTTP 429 Too Many Requests; trying again in 1 s$/u),
    ]);
  });

  it.each([
    [
      'a 404',
      (response: import('node:http').ServerResponse) => response.writeHead(404).end('gone'),
      /: HTTP 404 Not Found$/u,
      1,
    ],
    [
      'a page of HTML',
      (response: import('node:http').ServerResponse) =>
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>login</p>'),
      /: expected JSON, got "text\/html"$/u,
      1,
    ],
    [
      'a Retry-After of an hour',
      (response: import('node:http').ServerResponse) => response.writeHead(503, { 'Retry-After': '3600' }).end(),
      /: HTTP 503: the server asks to wait 3600 s; try again later$/u,
      1,
    ],
    [
      'a body cut short',
      (response: import('node:http').ServerResponse) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        response.write('[{"id": 1');
        setTimeout(() => response.destroy(), 20);
      },
      /: the body was cut short after 9 bytes \(.*\) \(3 tries\)$/u,
      3,
    ],
    ['no answer', () => undefined, /: no answer within 300 ms \(3 tries\)$/u, 3],
  ])('stops on %s with one line and exit code 3', async (_name, answer, message, tries) => {
    const server = await serve();
    server.intercept = (_request, response) => {
      answer(response);
      return true;
    };
    const dir = await tempDir();
    const result = await importInto(dir, server.posts, { client: { ...FAST, timeoutMs: 300 } });
    expect(result.code).toBe(3);
    expect(result.err.at(-1)).toMatch(message);
    expect(result.err.at(-1)).not.toContain('\n');
    expect(server.requests).toHaveLength(tries);
  });

  it('names a redirect loop', async () => {
    const server = await serve();
    server.intercept = (request, response) => {
      const next = (request.url ?? '').startsWith('/a') ? '/b' : '/a';
      response.writeHead(302, { Location: next }).end();
      return true;
    };
    const dir = await tempDir();
    const result = await importInto(dir, `${server.origin}/a/feed.xml`);
    expect(result.code).toBe(3);
    expect(result.err.at(-1)).toBe(
      `${server.origin}/a/feed.xml: GET ${server.origin}/a/feed.xml: redirect loop: ${server.origin}/a/feed.xml → ${server.origin}/b → ${server.origin}/a → ${server.origin}/b`,
    );
  });
});
