import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium to drive: `CHROMIUM_PATH`, else Playwright's own download if one is installed,
 * else Debian's `/usr/bin/chromium`. Playwright's browser download cannot work on machines with
 * no internet, so the system browser is a first-class choice, not a fallback of last resort.
 */
export function findChromium(): string {
  const candidates: Array<[string, string | undefined]> = [
    ['CHROMIUM_PATH', process.env['CHROMIUM_PATH']],
    ["Playwright's installed Chromium", safely(() => chromium.executablePath())],
    ['Debian package chromium', '/usr/bin/chromium'],
  ];
  for (const [, path] of candidates) if (path !== undefined && path !== '' && existsSync(path)) return path;
  throw new Error(
    [
      'No Chromium found. Looked at, in order:',
      ...candidates.map(([name, path]) => `  - ${name}: ${path ?? '(not set)'}`),
      'Install one (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    ].join('\n'),
  );
}

/** Flags for a headless Chromium on a machine with no internet: no background chatter. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function safely(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
