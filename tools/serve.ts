/**
 * Serves a built Warta (default `dist/`) the way a production static host would: precompressed
 * gzip, real 404s (no single-page fallback, so a missing sw.js is a 404 and not HTML), the
 * headers of `_headers` on every response, and `/artikel/x` redirected to `/artikel/x/`.
 * `npm start`, the browser tests and the benchmark all use this one server.
 *
 *   tsx tools/serve.ts [DIR]      PORT (default 4173) and HOST (default 127.0.0.1) override
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';
import { headersFor, parseHeaders } from './headers.js';
import { NGINX_HEADERS_FILE } from './nginx.js';

export interface ServeOptions {
  readonly dir: string;
  readonly port: number;
  readonly host?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The request handler alone, so tests can wrap it (to cut connections, say). */
export function wartaHandler(root: string): Handler {
  const dir = resolve(root);
  const headersFile = join(dir, '_headers');
  // Dev mode makes sirv look files up per request, so a new build in the same folder is served
  // at once (the update tests deploy a second build under a running server).
  const files = sirv(dir, { dev: true, etag: true, gzip: true, extensions: ['html'] });

  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
    for (const [name, value] of headersFor(rules, url.pathname)) res.setHeader(name, value);

    // The build's header lists (for hosts and nginx) and the .gz copies by name are not the site.
    if (url.pathname === '/_headers' || url.pathname === `/${NGINX_HEADERS_FILE}` || url.pathname.endsWith('.gz')) {
      notFound(dir, res, url.pathname);
    } else if (needsSlash(dir, url.pathname)) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      res.end();
    } else {
      files(req, res, () => {
        notFound(dir, res, url.pathname);
      });
    }
  };
}

/** `/artikel/x` → `/artikel/x/` when that folder has an index.html, as static hosts do. */
function needsSlash(dir: string, pathname: string): boolean {
  if (pathname.endsWith('/') || extname(pathname) !== '') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const index = resolve(dir, `.${decoded}`, 'index.html');
  return index.startsWith(dir + sep) && existsSync(index) && statSync(index).isFile();
}

function notFound(dir: string, res: ServerResponse, pathname = '/'): void {
  // English addresses get the English 404 page.
  const english = /^\/en(?:\/|$)/u.test(pathname) && existsSync(join(dir, 'en', '404.html'));
  const page = join(dir, english ? 'en' : '', '404.html');
  res.statusCode = 404;
  if (!existsSync(page)) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('404: tidak ditemukan\n');
    return;
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.end(readFileSync(page));
}

/** One response the server sent: its path and how many body bytes went on the wire. */
export interface Sent {
  readonly url: string;
  readonly bytes: number;
}

/**
 * Wraps a handler to report every response and its body size as sent (the gzip copy where one
 * was sent): what a first visit really transfers, for the budgets test and the benchmark.
 */
export function countResponses(sent: (response: Sent) => void): (handler: Handler) => Handler {
  return (handler) => (req, res) => {
    let bytes = 0;
    const size = (chunk: unknown): number =>
      typeof chunk === 'string' || chunk instanceof Uint8Array ? Buffer.byteLength(chunk) : 0;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      bytes += size(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      bytes += size(chunk);
      sent({ url: new URL(req.url ?? '/', 'http://localhost').pathname, bytes });
      return end(chunk, ...rest);
    }) as typeof res.end;
    handler(req, res);
  };
}

export async function serve(options: ServeOptions & { wrap?: (handler: Handler) => Handler }): Promise<Server> {
  const handler = wartaHandler(options.dir);
  const server = createServer(options.wrap === undefined ? handler : options.wrap(handler));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', done);
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'dist';
  if (!existsSync(join(dir, 'index.html'))) {
    process.stderr.write(`${dir}/index.html not found: build first (npm run build)\n`);
    process.exit(1);
  }
  const port = Number(process.env['PORT'] ?? 4173);
  const host = process.env['HOST'] ?? '127.0.0.1';
  serve({ dir, port, host }).then(
    () => process.stdout.write(`Warta: http://localhost:${port}/ (serving ${dir}; Ctrl+C stops)\n`),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`cannot listen on ${host}:${port}: ${reason}\n`);
      process.exit(1);
    },
  );
}
