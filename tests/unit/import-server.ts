/**
 * A local stand-in for a publisher's server, for the importer's tests (never the internet): the
 * WordPress REST API's posts collection over a fixture list, with its paging, ordering,
 * `modified_after`, `_embed` and `_fields`, and RSS / Atom feeds with ETag and Last-Modified.
 * Tests change `posts` and `feeds` between runs, and `intercept` answers a request their own way
 * (errors, delays, cut bodies). Listens on 127.0.0.1, on a port the system picks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Post = Record<string, unknown>;

export interface Feed {
  body: Uint8Array | string;
  type: string;
  etag?: string;
  lastModified?: string;
}

export interface Logged {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The WordPress posts address: `${origin}/wp-json/wp/v2/posts`. */
  readonly posts: string;
  list: Post[];
  readonly feeds: Map<string, Feed>;
  readonly requests: Logged[];
  /** Return true when the request was answered here. */
  intercept: ((request: IncomingMessage, response: ServerResponse, n: number) => boolean) | null;
  close(): Promise<void>;
}

export async function startFixtureServer(list: Post[] = []): Promise<FixtureServer> {
  const state = {
    list,
    feeds: new Map<string, Feed>(),
    requests: [] as Logged[],
    intercept: null as FixtureServer['intercept'],
  };
  const server: Server = createServer((request, response) => {
    state.requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      at: Date.now(),
    });
    if (state.intercept?.(request, response, state.requests.length) === true) return;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.replace(/\/$/u, '') === '/wp-json/wp/v2/posts') {
      wordpress(url, state.list, response);
      return;
    }
    const feed = state.feeds.get(url.pathname);
    if (feed !== undefined) {
      serveFeed(request, response, feed);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    posts: `${origin}/wp-json/wp/v2/posts`,
    get list() {
      return state.list;
    },
    set list(value: Post[]) {
      state.list = value;
    },
    feeds: state.feeds,
    requests: state.requests,
    get intercept() {
      return state.intercept;
    },
    set intercept(value) {
      state.intercept = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function error(response: ServerResponse, status: number, code: string, message: string): void {
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' })
    .end(JSON.stringify({ code, message, data: { status } }));
}

/** The posts collection as WordPress 6 answers it (wp-includes/rest-api/endpoints/class-wp-rest-posts-controller.php). */
function wordpress(url: URL, list: readonly Post[], response: ServerResponse): void {
  const params = url.searchParams;
  const perPage = Number(params.get('per_page') ?? '10');
  const page = Number(params.get('page') ?? '1');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    error(response, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    return;
  }
  let posts = [...list];
  const after = params.get('modified_after');
  if (after !== null) {
    const limit = Date.parse(after);
    if (Number.isNaN(limit)) {
      error(response, 400, 'rest_invalid_param', 'Invalid parameter(s): modified_after');
      return;
    }
    // Strictly after, to the second, as WP_Date_Query compares.
    posts = posts.filter((post) => Date.parse(`${String(post['modified_gmt'])}Z`) > limit);
  }
  const orderby = params.get('orderby') ?? 'date';
  const field = orderby === 'modified' ? 'modified_gmt' : orderby === 'id' ? 'id' : 'date_gmt';
  const direction = (params.get('order') ?? 'desc') === 'asc' ? 1 : -1;
  posts.sort((a, b) => {
    const x = String(a[field]);
    const y = String(b[field]);
    const byField = field === 'id' ? Number(x) - Number(y) : x.localeCompare(y);
    return direction * (byField !== 0 ? byField : Number(a['id']) - Number(b['id']));
  });
  const total = posts.length;
  const totalPages = Math.ceil(total / perPage);
  if (page < 1 || (page > totalPages && total > 0)) {
    error(
      response,
      400,
      'rest_post_invalid_page_number',
      'The page number requested is larger than the number of pages available.',
    );
    return;
  }
  let body: unknown[] = posts.slice((page - 1) * perPage, page * perPage);
  if (!params.has('_embed')) body = body.map((post) => withoutKey(post as Post, '_embedded'));
  const fields = params.get('_fields');
  if (fields !== null) {
    const keep = fields.split(',');
    body = body.map((post) => Object.fromEntries(Object.entries(post as Post).filter(([key]) => keep.includes(key))));
  }
  const links: string[] = [];
  const link = (n: number): string => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return target.href;
  };
  if (page > 1) links.push(`<${link(page - 1)}>; rel="prev"`);
  if (page < totalPages) links.push(`<${link(page + 1)}>; rel="next"`);
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=UTF-8',
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
    ...(links.length > 0 ? { Link: links.join(', ') } : {}),
  });
  response.end(JSON.stringify(body));
}

function withoutKey(post: Post, key: string): Post {
  return Object.fromEntries(Object.entries(post).filter(([name]) => name !== key));
}

function serveFeed(request: IncomingMessage, response: ServerResponse, feed: Feed): void {
  const validators: Record<string, string> = {};
  if (feed.etag !== undefined) validators['ETag'] = feed.etag;
  if (feed.lastModified !== undefined) validators['Last-Modified'] = feed.lastModified;
  const etagMatches = feed.etag !== undefined && request.headers['if-none-match'] === feed.etag;
  const since = request.headers['if-modified-since'];
  const notModifiedSince =
    feed.etag === undefined &&
    feed.lastModified !== undefined &&
    since !== undefined &&
    Date.parse(since) >= Date.parse(feed.lastModified);
  if (etagMatches || notModifiedSince) {
    response.writeHead(304, validators).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': feed.type, ...validators }).end(feed.body);
}
