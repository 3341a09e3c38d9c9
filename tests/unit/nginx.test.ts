import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hashSource } from '../../tools/csp.js';
import { headersFor, parseHeaders } from '../../tools/headers.js';
import { NGINX_HEADERS_FILE, headerFiles, nginxHeaders } from '../../tools/nginx.js';

const TEMPLATE = readFileSync('public/_headers', 'utf8');
const DEPLOY_CONF = readFileSync('deploy/nginx.conf', 'utf8');
const CSP = contentSecurityPolicy([hashSource('body{}')], { header: true, scriptHashes: [hashSource('0')] });

/** The `add_header` lines of an nginx text, as [name, value, always?]. */
function addHeaders(text: string): [string, string, boolean][] {
  return [...text.matchAll(/^\s*add_header (\S+) "([^"]*)"( always)?;$/gmu)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
    m[3] !== undefined,
  ]);
}

/** deploy/nginx.conf's `location` blocks, by what follows the word (`/`, `/assets/`, `~ \.gz$`). */
function locations(conf: string): Map<string, string> {
  return new Map(
    [...conf.matchAll(/^\s*location ([^{]+?) \{\n([\s\S]*?)^\s*\}$/gmu)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
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

describe('deploy/nginx.conf', () => {
  const blocks = locations(DEPLOY_CONF);

  it('includes the generated headers in every location that adds a header of its own', () => {
    // nginx drops the inherited add_headers in such a location: without the include, no CSP there.
    const adding = [...blocks].filter(([, body]) => body.includes('add_header'));
    expect(adding.length).toBeGreaterThan(0);
    for (const [where, body] of adding) {
      expect(body, `location ${where}`).toContain(`include /srv/warta/${NGINX_HEADERS_FILE};`);
    }
  });

  it('sets the headers of every other _headers block in the location of that path', () => {
    const others = parseHeaders(TEMPLATE).filter((rule) => rule.path !== '/*');
    expect(others.map((rule) => rule.path)).toContain('/assets/*');
    for (const rule of others) {
      const where = rule.path.replace(/\*$/u, '');
      const body = blocks.get(where);
      expect(body, `a "location ${where}" block`).toBeDefined();
      const set = addHeaders(body ?? '').map(([name, value]) => [name, value]);
      for (const header of rule.headers) expect(set, `location ${where}`).toContainEqual([...header]);
    }
  });
});
