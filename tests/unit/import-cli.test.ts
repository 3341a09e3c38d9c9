import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer, type Post } from './import-server.js';
import { bodyLines, frontMatter } from './import-words.js';

const run = promisify(execFile);
const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('tools/warta.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function warta(args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const servers: FixtureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'warta-cli-import-'));

describe('warta import', { timeout: 60_000 }, () => {
  it('imports a saved page of posts and says so, exit code 0', async () => {
    const dir = await tempDir();
    const { code, stdout } = await warta([
      'import',
      'tests/fixtures/import/wordpress-en.json',
      '--content',
      dir,
      '--lang',
      'en',
    ]);
    expect(code).toBe(0);
    // The source key comes from the posts' host when a file is imported.
    expect(stdout.trim().split('\n').at(-1)).toBe(
      'en-minanews-net: 52 new, 0 updated, 0 unchanged, 0 withdrawn, 0 refused',
    );
    expect(await readdir(join(dir, 'articles'))).toHaveLength(52);
  });

  it('lists each refused item as SOURCE: item N (id): reason, exit code 1', async () => {
    const dir = await tempDir();
    const file = 'tests/fixtures/import/edge-cases.xml';
    const { code, stdout, stderr } = await warta(['import', file, '--content', dir, '--source', 'kasus']);
    expect(code).toBe(1);
    expect(stdout).toContain('kasus: 2 new, 0 updated, 0 unchanged, 0 withdrawn, 3 refused');
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      `${file}: item 1 (https://minanews.net/?p=1): no title`,
      `${file}: item 2 (https://minanews.net/?p=2): no date (neither pubDate nor dc:date)`,
      `${file}: item 3 (https://minanews.net/?p=3): pubDate "kemarin sore" is not an RFC 822 date`,
    ]);
    const marked = await readFile(join(dir, 'articles', 'judul-bermarkah.txt'), 'utf8');
    expect(frontMatter(marked).get('title')).toBe('Judul Bermarkah & Entitas “Kutip”');
    const inert = await readFile(join(dir, 'articles', 'tanpa-guid.txt'), 'utf8');
    expect(bodyLines(inert)).toEqual(['Bandung, MINA – Skrip dibuang, tautan jadi teks.']);
  });

  it('exits 2 on a wrong command line and 3 on a source it cannot read', async () => {
    const dir = await tempDir();
    expect((await warta(['import'])).code).toBe(2);
    expect(await warta(['import', 'x.json', '--rate', '0'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rate') as string,
    });
    const broken = await warta(['import', 'tests/fixtures/import/malformed.json', '--content', dir, '--source', 'x']);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/^tests\/fixtures\/import\/malformed\.json: malformed JSON: .+\n$/u);
  });

  it('leaves a valid store when killed halfway, and the next run completes it', async () => {
    const list = JSON.parse(await readFile('tests/fixtures/import/wordpress-id.json', 'utf8')) as Post[];
    const server = await startFixtureServer(list);
    servers.push(server);
    const dir = await tempDir();
    const args = [
      CLI,
      'import',
      server.posts,
      '--content',
      dir,
      '--source',
      'minanews-net',
      '--per-page',
      '20',
      '--rate',
      '100',
    ];
    const child = spawn(TSX, args, { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => {
      child.on('exit', (_code, signal) => {
        done(signal);
      });
    });
    // Killed, without warning, while it waits for page 2.
    server.intercept = (request) => {
      if (!/[?&]page=2(?:&|$)/u.test(request.url ?? '')) return false;
      child.kill('SIGKILL');
      return true;
    };
    expect(await exited).toBe('SIGKILL');
    const names = await readdir(join(dir, 'articles'));
    expect(names).toHaveLength(20);
    for (const name of names) {
      const text = await readFile(join(dir, 'articles', name), 'utf8');
      expect(frontMatter(text).get('format')).toBe('marked');
      expect(bodyLines(text).length).toBeGreaterThan(1);
    }
    server.intercept = null;
    const again = await warta(args.slice(1));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('minanews-net: 35 new, 0 updated');
    expect(await readdir(join(dir, 'articles'))).toHaveLength(55);
  });
});

describe('warta withdraw', { timeout: 60_000 }, () => {
  it('withdraws by source and id, and says when there is no such article', async () => {
    const dir = await tempDir();
    await warta(['import', 'tests/fixtures/import/wordpress-id.json', '--content', dir]);
    const done = await warta(['withdraw', 'minanews-net:120001', '--content', dir, '--reason', 'dicabut penerbit']);
    expect(done).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/\(minanews-net:120001\): withdrawn\n$/u) as string,
    });
    const [withdrawn] = await readdir(join(dir, 'withdrawn'));
    expect(frontMatter(await readFile(join(dir, 'withdrawn', withdrawn ?? ''), 'utf8')).get('reason')).toBe(
      'dicabut penerbit',
    );
    expect(await warta(['withdraw', 'minanews-net:1', '--content', dir])).toMatchObject({ code: 1 });
    expect(await warta(['withdraw'])).toMatchObject({ code: 2 });
  });
});
