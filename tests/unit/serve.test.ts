import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor, parseHeaders } from '../../tools/headers.js';
import { serve } from '../../tools/serve.js';

const HEADERS = `# comment
/*
  X-Content-Type-Options: nosniff
  Cache-Control: no-cache

/assets/*
  Cache-Control: public, max-age=31536000, immutable
`;

describe('_headers rules', () => {
  const rules = parseHeaders(HEADERS);

  it('applies every matching block, later blocks winning', () => {
    expect(Object.fromEntries(headersFor(rules, '/assets/app.js'))).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    expect(headersFor(rules, '/artikel/x/').get('Cache-Control')).toBe('no-cache');
  });

  it('treats dots in a path literally', () => {
    const [rule] = parseHeaders('/sw.js\n  Cache-Control: no-cache\n');
    expect(rule?.pattern.test('/sw.js')).toBe(true);
    expect(rule?.pattern.test('/swxjs')).toBe(false);
  });

  it('names the line of a header that has no path above it', () => {
    expect(() => parseHeaders('\n  X-A: b\n')).toThrow('_headers:2: expected "Name: value" under a path');
  });
});

describe('the serve script', () => {
  let base = '';
  let close: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warta-serve-'));
    await mkdir(join(dir, 'artikel/satu'), { recursive: true });
    await mkdir(join(dir, 'assets'));
    const page = '<!doctype html><title>Satu</title><p>Satu</p>';
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Beranda</title>');
    await writeFile(join(dir, 'artikel/satu/index.html'), page);
    await writeFile(join(dir, 'artikel/satu/index.html.gz'), gzipSync(page));
    await writeFile(join(dir, 'assets/app.js'), 'export {};');
    await writeFile(join(dir, '404.html'), '<!doctype html><title>404</title><h1>Halaman tidak ditemukan</h1>');
    await writeFile(join(dir, '_headers'), HEADERS);
    await writeFile(join(dir, 'nginx-headers.conf'), 'add_header X-Content-Type-Options "nosniff" always;\n');
    const server = await serve({ dir, port: 0 });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise((done) => {
        server.close(() => {
          done();
        });
      });
  });

  afterAll(() => close());

  it('sends the gzip copy to a client that accepts it', async () => {
    const response = await fetch(`${base}/artikel/satu/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('<p>Satu</p>');
  });

  it('redirects an address without its trailing slash, keeping the query', async () => {
    const response = await fetch(`${base}/artikel/satu?dari=rss`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/artikel/satu/?dari=rss');
  });

  it('answers a missing file with a real 404 and the 404 page, never index.html', async () => {
    const response = await fetch(`${base}/sw.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Halaman tidak ditemukan');
  });

  it('puts the _headers headers on pages, assets and 404s alike', async () => {
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await fetch(`${base}/tidak-ada`);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('does not serve the header lists of the build or escape the folder', async () => {
    expect((await fetch(`${base}/_headers`)).status).toBe(404);
    expect((await fetch(`${base}/nginx-headers.conf`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });
});
