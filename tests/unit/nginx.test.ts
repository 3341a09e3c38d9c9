import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hashSource } from '../../tools/csp.js';
import { headersFor, parseHeaders } from '../../tools/headers.js';
import { headerFiles, nginxHeaders } from '../../tools/nginx.js';

const TEMPLATE = readFileSync('public/_headers', 'utf8');
const CSP = contentSecurityPolicy([hashSource('body{}')], { header: true, scriptHashes: [hashSource('0')] });

/** The `add_header` lines of an nginx text, as [name, value, always?]. */
function addHeaders(text: string): [string, string, boolean][] {
  return [...text.matchAll(/^\s*add_header (\S+) "([^"]*)"( always)?;$/gmu)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
    m[3] !== undefined,
  ]);
}

describe('the nginx headers the build writes', () => {
  const files = headerFiles(TEMPLATE, CSP);

  it('are the "/*" block of the same _headers, value for value, on every response (404s too)', () => {
    const everyResponse = [...headersFor(parseHeaders(files.headers), '/tidak-ada/')];
    expect(everyResponse.find(([name]) => name === 'Content-Security-Policy')?.[1]).toBe(CSP);
    expect(addHeaders(files.nginx)).toEqual(everyResponse.map(([name, value]) => [name, value, true]));
  });

  it('leave out blocks for other paths, which deploy/nginx.conf sets in its own locations', () => {
    const nginx = nginxHeaders('/*\n  X-A: b\n/assets/*\n  Cache-Control: immutable\n');
    expect(addHeaders(nginx)).toEqual([['X-A', 'b', true]]);
  });

  it('refuse a value nginx would read as a variable or end early, rather than send it altered', () => {
    expect(() => nginxHeaders('/*\n  X-A: $host\n')).toThrow('the X-A value has a character nginx cannot take');
    expect(() => nginxHeaders('/*\n  X-A: say "hi"\n')).toThrow('the X-A value has a character nginx cannot take');
  });

  it('need a _headers template with a CSP placeholder and a "/*" block', () => {
    expect(() => headerFiles('/*\n  X-A: b\n', CSP)).toThrow('_headers has no %WARTA_CSP% line');
    expect(() => nginxHeaders('/assets/*\n  X-A: b\n')).toThrow('_headers has no "/*" block');
  });
});
