import { observe } from './connection.js';

/** Why a request for data did not give data. */
export type FetchFailure = 'offline' | 'timeout' | 'http' | 'invalid';

export type FetchResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: FetchFailure };

/**
 * Fetches JSON and checks its shape, never throwing and never hanging: a stalled response is cut
 * off after `timeoutMs`, a truncated body or wrong shape is `invalid`. Every outcome tells the
 * connection monitor what the network really did.
 */
export async function fetchJson<T>(
  url: string,
  isValid: (value: unknown) => value is T,
  timeoutMs = 12_000,
): Promise<FetchResult<T>> {
  // A plain timer rather than AbortSignal.timeout(), so tests can fast-forward it.
  // Only this timer aborts, so an aborted signal means the request timed out.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { cache: 'no-cache', signal: controller.signal });
    } catch {
      observe('offline');
      return { ok: false, failure: controller.signal.aborted ? 'timeout' : 'offline' };
    }
    observe('online');
    if (!response.ok) return { ok: false, failure: 'http' };
    try {
      const value: unknown = await response.json();
      return isValid(value) ? { ok: true, value } : { ok: false, failure: 'invalid' };
    } catch {
      return { ok: false, failure: controller.signal.aborted ? 'timeout' : 'invalid' };
    }
  } finally {
    clearTimeout(timer);
  }
}
