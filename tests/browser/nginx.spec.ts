import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { headersFor, parseHeaders } from '../../tools/headers.js';
import { expect, expectArticleKept, expectNoAxeViolations, test } from './fixtures.js';
import { startNginx, type Nginx } from './nginx-server.js';
import { visitAndKeep } from './own-server.js';

/**
 * The build served by a real nginx with deploy/nginx.conf, the file the README tells a reader to
 * deploy: what a production server does, not what tools/serve.ts imitates.
 */

const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
const ARTICLE = `/artikel/${SLUG}/`;
const HEADLINE = 'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The headers the build promises every host, from the same dist/_headers the nginx include came from. */
const rules = parseHeaders(readFileSync('dist/_headers', 'utf8'));

/** The article page's module script: a hashed file under /assets/. */
function articleScript(): string {
  const html = readFileSync(join('dist', ARTICLE, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/u.exec(html)?.[1];
  if (src === undefined) throw new Error(`no module script under /assets/ in ${ARTICLE}`);
  return src;
}

/** A response's status, headers and body bytes exactly as nginx sent them (no decompression). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((done, fail) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
    }).once('error', fail);
  });
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

let nginx: Nginx | undefined;

/**
 * Each test its own nginx (it starts in milliseconds): without nginx, every test fails with the
 * reason, rather than one failing and the rest reported as not run.
 */
test.beforeEach(async () => {
  nginx = await startNginx();
});

test.afterEach(async () => {
  await nginx?.dispose();
  nginx = undefined;
});

/** The nginx of the running test. */
function server(): Nginx {
  if (nginx === undefined) throw new Error('nginx did not start');
  return nginx;
}

test.describe('the build behind nginx (deploy/nginx.conf)', () => {
  test('sends the headers of _headers, the CSP included, on pages, scripts, sw.js, the manifest and 404s', async () => {
    const paths = ['/', ARTICLE, `/en${ARTICLE}`, articleScript(), '/sw.js', '/manifest.webmanifest', '/tidak-ada/'];
    for (const path of paths) {
      const response = await rawGet(`${server().origin}${path}`);
      const wanted = headersFor(rules, path);
      expect(wanted.get('Content-Security-Policy'), 'dist/_headers has a CSP').toContain("frame-ancestors 'none'");
      for (const [name, value] of wanted)
        expect(response.headers[name.toLowerCase()], `${name} on ${path}`).toBe(value);
    }
  });

  test('opens an article under its CSP header with no violation, the scripts running and the article kept', async ({
    page,
  }) => {
    const response = await page.goto(`${server().origin}${ARTICLE}`);
    expect(response?.headers()['content-security-policy']).toBe(
      headersFor(rules, ARTICLE).get('Content-Security-Policy'),
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
    // The article is kept only once the page script ran: under the policy, Trusted Types included.
    await expectArticleKept(page);
    await expectNoAxeViolations(page, 'article served by nginx');
  });

  test('has the browser ask again for sw.js and every page, and keep the hashed scripts a year', async () => {
    for (const path of ['/sw.js', '/', ARTICLE, `/en${ARTICLE}`, '/offline/', '/tidak-ada/']) {
      expect((await rawGet(`${server().origin}${path}`)).headers['cache-control'], path).toBe('no-cache');
    }
    const script = await rawGet(`${server().origin}${articleScript()}`);
    expect(script.status).toBe(200);
    expect(script.headers['cache-control']).toBe(IMMUTABLE);
    expect(headersFor(rules, articleScript()).get('Cache-Control'), 'the same as dist/_headers').toBe(IMMUTABLE);
  });

  test('answers a missing address with status 404 and the 404 page of its language', async ({ page }) => {
    const missing = await page.goto(`${server().origin}/artikel/tidak-ada/`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan');
    await expectNoAxeViolations(page, '404 page served by nginx');

    const english = await page.goto(`${server().origin}/en/nothing-here`);
    expect(english?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');

    // A missing script is a 404 too, never a page in its place.
    expect((await rawGet(`${server().origin}/assets/tidak-ada.js`)).status).toBe(404);
  });

  test('redirects /artikel/x to /artikel/x/, keeping the query, and the browser lands on the article', async ({
    page,
  }) => {
    const redirect = await rawGet(`${server().origin}/artikel/${SLUG}?dari=rss`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`${ARTICLE}?dari=rss`);

    await page.goto(`${server().origin}/artikel/${SLUG}`);
    expect(new URL(page.url()).pathname).toBe(ARTICLE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  });

  test('sends the gzip copy the build wrote, byte for byte, and never the build files themselves', async () => {
    for (const [path, file] of [
      [ARTICLE, join('dist', ARTICLE, 'index.html')],
      [articleScript(), join('dist', articleScript())],
      ['/sw.js', 'dist/sw.js'],
    ] as const) {
      const response = await rawGet(`${server().origin}${path}`, { 'Accept-Encoding': 'gzip' });
      expect(response.headers['content-encoding'], path).toBe('gzip');
      expect(response.headers.vary, path).toBe('Accept-Encoding');
      // The copy tools/compress.ts wrote (Zopfli), not gzip made per request.
      expect(response.body.equals(readFileSync(`${file}.gz`)), `${path} is ${file}.gz`).toBe(true);
      const plain = await rawGet(`${server().origin}${path}`);
      expect(plain.headers['content-encoding'], `${path} without gzip`).toBeUndefined();
      expect(plain.body.equals(readFileSync(file)), `${path} is ${file}`).toBe(true);
    }
    for (const path of ['/_headers', '/nginx-headers.conf', `${ARTICLE}index.html.gz`]) {
      expect((await rawGet(`${server().origin}${path}`)).status, path).toBe(404);
    }
  });
});

test('reads an article offline after one visit, with nginx stopped', async ({ page }) => {
  await visitAndKeep(page, `${server().origin}${ARTICLE}`);
  await server().stop();
  expect(await page.request.get(`${server().origin}/`).catch(() => 'unreachable')).toBe('unreachable');

  await page.reload();
  await expect(page.locator('#tampilan-offline')).toHaveAttribute('data-state', 'kept');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.locator('article > p[lang="id"]').last()).toHaveText(/mendekati 5\.000\.$/u);
  await expectNoAxeViolations(page, 'article read offline, nginx stopped');
});
