import type { TrustedScriptURL, TrustedTypePolicyFactory } from 'trusted-types/lib';

/** The only script Warta ever registers as a worker. */
export const SERVICE_WORKER_URL = '/sw.js';

let url: string | TrustedScriptURL | null = null;

/**
 * The service worker's URL as the CSP's `require-trusted-types-for 'script'` demands it: a
 * TrustedScriptURL from the `warta-sw` policy, which lets through exactly `/sw.js` and nothing
 * else. Browsers without Trusted Types get the plain string.
 */
export function serviceWorkerUrl(): string | TrustedScriptURL {
  if (url !== null) return url;
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (factory === undefined) {
    url = SERVICE_WORKER_URL;
    return url;
  }
  const policy = factory.createPolicy('warta-sw', {
    createScriptURL: (input: string) => {
      if (input !== SERVICE_WORKER_URL) throw new TypeError(`warta-sw only allows ${SERVICE_WORKER_URL}, not ${input}`);
      return input;
    },
  });
  url = policy.createScriptURL(SERVICE_WORKER_URL);
  return url;
}
