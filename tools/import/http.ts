/**
 * A polite HTTP client for publishers' servers: Node's fetch, a timeout on every request (body
 * included), at most `rate` requests a second, bounded retries with backoff on 5xx, timeouts and
 * broken connections, 429 and Retry-After honoured, redirects followed by hand (so a loop is named),
 * a User-Agent naming Warta. Every failure is a `FetchError` whose message is one line.
 */

/** Names Warta, so a publisher can tell its requests apart (and ask us to stop). */
export const USER_AGENT = 'Warta/0.1 (news reader; importer)';

export interface ClientOptions {
  /** Requests a second, at most (retries and redirects count). */
  readonly rate: number;
  /** Per request, headers and body together. */
  readonly timeoutMs: number;
  /** Further tries after the first, for failures that may pass. */
  readonly retries: number;
  /** The first wait before a retry; each further wait doubles. */
  readonly backoffMs: number;
  /** A Retry-After longer than this is not waited for: the run stops and says so. */
  readonly maxRetryAfterMs: number;
  /** A body larger than this is refused. */
  readonly maxBytes: number;
  /** Where retries and waits are told (stderr in the CLI). */
  readonly log: (line: string) => void;
}

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = {
  rate: 2,
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 300_000,
  maxBytes: 64 * 1024 * 1024,
  log: () => undefined,
};

export type Expect = 'json' | 'feed';

export interface FetchResult {
  readonly status: number;
  /** The address that answered, after redirects. */
  readonly url: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** A request that failed for good, with a message fit for one line of output. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
}

/** Whether a failed attempt may succeed if tried again. */
class Attempt extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly waitMs: number | null = null,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class PoliteClient {
  private nextSlot = 0;
  private readonly options: ClientOptions;

  constructor(options: Partial<ClientOptions> = {}) {
    this.options = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  }

  /**
   * GET `url` and its body. 200 and 304 are answers; `expect` says which content types are.
   * Throws FetchError when the answer is an error or never comes.
   */
  async get(url: string, expect: Expect, headers: Record<string, string> = {}): Promise<FetchResult> {
    const { retries, backoffMs } = this.options;
    let last = '';
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      try {
        return await this.follow(url, expect, headers);
      } catch (error) {
        if (!(error instanceof Attempt)) throw error;
        if (!error.retry) throw new FetchError(`GET ${url}: ${error.message}`);
        last = error.message;
        if (attempt === retries) break;
        const wait = error.waitMs ?? backoffMs * 2 ** attempt;
        this.options.log(`GET ${url}: ${error.message}; trying again in ${seconds(wait)}`);
        await sleep(wait);
      }
    }
    const tries = retries + 1;
    throw new FetchError(`GET ${url}: ${last} (${tries} ${tries === 1 ? 'try' : 'tries'})`);
  }

  /** One attempt: the request and its redirects. */
  private async follow(start: string, expect: Expect, headers: Record<string, string>): Promise<FetchResult> {
    const seen = [start];
    let url = start;
    for (;;) {
      const response = await this.request(url, expect, headers);
      if (!REDIRECTS.has(response.status)) return this.answer(url, response, expect);
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (location === null) throw new Attempt(`HTTP ${response.status} redirect without a Location`, false);
      const next = resolve(location, url);
      if (next === null || (next.protocol !== 'https:' && next.protocol !== 'http:')) {
        throw new Attempt(`redirected to "${location}", which is not an http(s) address`, false);
      }
      if (seen.includes(next.href)) throw new Attempt(`redirect loop: ${[...seen, next.href].join(' → ')}`, false);
      if (seen.length > MAX_REDIRECTS) throw new Attempt(`more than ${MAX_REDIRECTS} redirects`, false);
      seen.push(next.href);
      url = next.href;
    }
  }

  private async request(url: string, expect: Expect, headers: Record<string, string>): Promise<Response> {
    await this.slot();
    try {
      return await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'User-Agent': USER_AGENT,
          Accept:
            expect === 'json'
              ? 'application/json'
              : 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
          ...headers,
        },
      });
    } catch (error) {
      throw new Attempt(describe(error, this.options.timeoutMs), true);
    }
  }

  /** Checks the status and content type, then reads the whole body. */
  private async answer(url: string, response: Response, expect: Expect): Promise<FetchResult> {
    const { status } = response;
    if (status === 304) {
      await response.body?.cancel();
      return { status, url, headers: response.headers, body: new Uint8Array() };
    }
    if (status === 429 || status >= 500) {
      await response.body?.cancel();
      const wait = retryAfter(response.headers.get('retry-after'));
      if (wait !== null && wait > this.options.maxRetryAfterMs) {
        throw new Attempt(`HTTP ${status}: the server asks to wait ${seconds(wait)}; try again later`, false);
      }
      throw new Attempt(`HTTP ${status} ${response.statusText}`.trim(), true, wait);
    }
    if (status !== 200) {
      await response.body?.cancel();
      throw new Attempt(`HTTP ${status} ${response.statusText}`.trim(), false);
    }
    const type = response.headers.get('content-type');
    if (!acceptable(type, expect)) {
      await response.body?.cancel();
      const wanted = expect === 'json' ? 'JSON' : 'an RSS or Atom feed (XML)';
      throw new Attempt(`expected ${wanted}, got ${type === null ? 'no Content-Type' : `"${type}"`}`, false);
    }
    const body = await this.read(response);
    return { status, url, headers: response.headers, body };
  }

  /** The body, whole: a body cut short or over the size bound is an error, not a shorter answer. */
  private async read(response: Response): Promise<Uint8Array> {
    const declared = response.headers.get('content-length');
    const expected = declared === null ? null : Number(declared);
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      if (response.body !== null) {
        for await (const chunk of response.body) {
          size += chunk.byteLength;
          if (size > this.options.maxBytes) {
            await response.body.cancel();
            throw new Attempt(`the body is over ${this.options.maxBytes.toLocaleString('en')} bytes`, false);
          }
          chunks.push(chunk);
        }
      }
    } catch (error) {
      if (error instanceof Attempt) throw error;
      const reason = describe(error, this.options.timeoutMs);
      throw new Attempt(`the body was cut short after ${size.toLocaleString('en')} bytes (${reason})`, true);
    }
    // Content-Length counts the encoded bytes; it can only be checked when the body was not compressed.
    if (expected !== null && response.headers.get('content-encoding') === null && size !== expected) {
      throw new Attempt(
        `the body was cut short: ${size.toLocaleString('en')} of ${expected.toLocaleString('en')} bytes`,
        true,
      );
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return body;
  }

  /** Waits for the next request slot: requests start at least 1/rate seconds apart. */
  private async slot(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.options.rate;
    if (at > now) await sleep(at - now);
  }
}

function acceptable(type: string | null, expect: Expect): boolean {
  if (type === null) return false;
  const mime = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (expect === 'json') return mime === 'application/json' || mime.endsWith('+json');
  return mime.endsWith('/xml') || mime.endsWith('+xml');
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/u.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function resolve(location: string, base: string): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

/** A fetch failure in words: "timed out after 30 s", "connection refused", … */
function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${seconds(timeoutMs)}`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : '';
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    return `no answer within ${seconds(timeoutMs)}`;
  }
  const known: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be looked up',
    UND_ERR_SOCKET: 'the connection closed',
    UND_ERR_CLOSED: 'the connection closed',
  };
  if (code in known) return known[code] ?? code;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'unknown error';
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
