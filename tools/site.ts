/**
 * The site's own address: feeds, sitemaps and robots.txt must name pages by absolute address, so
 * the build needs the origin the site is served from (`--site URL` or WARTA_SITE). Without one,
 * they carry the address `npm run serve` uses, and the build says so.
 */

/** What `npm run serve` listens on (tools/serve.ts). */
export const LOCAL_SITE = 'http://localhost:4173';

export interface Site {
  /** `https://warta.example`: scheme, host and port, no trailing slash. */
  readonly origin: string;
  /** True when none was given and the local address stands in. */
  readonly local: boolean;
}

/**
 * The origin of `--site` (else WARTA_SITE), checked: http or https, and nothing after the host,
 * since every Warta address starts at the root (`/artikel/…`) and a site under a path would make
 * every one of them wrong.
 */
export function siteOf(value: string | undefined): Site {
  if (value === undefined || value.trim() === '') return { origin: LOCAL_SITE, local: true };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`--site ${value}: not an address (write it like https://warta.example)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`--site ${value}: the address must start with https:// (or http://)`);
  }
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(
      `--site ${value}: give the site's origin only (https://warta.example): Warta is served from the root`,
    );
  }
  return { origin: url.origin, local: false };
}
