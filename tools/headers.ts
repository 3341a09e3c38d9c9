/** One block of a Netlify-style `_headers` file: a path pattern and the headers it sets. */
export interface HeaderRule {
  /** The path line as written (`/*`, `/assets/*`). */
  readonly path: string;
  readonly pattern: RegExp;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/**
 * Parses `_headers`: a path line (`/*`, `/assets/*`, `/sw.js`) followed by indented
 * `Name: value` lines; `#` starts a comment. `*` matches any run of characters.
 */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: { path: string; pattern: RegExp; headers: [string, string][] }[] = [];
  for (const [index, raw] of text.split(/\r?\n/u).entries()) {
    const line = raw.replace(/\s+$/u, '');
    if (line === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/u.test(line)) {
      const source = line.split('*').map(escapeRegExp).join('.*');
      rules.push({ path: line, pattern: new RegExp(`^${source}$`, 'u'), headers: [] });
      continue;
    }
    const match = /^\s+([A-Za-z0-9-]+):\s*(.+)$/u.exec(line);
    const rule = rules[rules.length - 1];
    if (match === null || rule === undefined)
      throw new Error(`_headers:${index + 1}: expected "Name: value" under a path`);
    rule.headers.push([match[1] ?? '', match[2] ?? '']);
  }
  return rules;
}

/** The headers for a path: every matching rule in file order, later ones winning. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    for (const [name, value] of rule.headers) result.set(name, value);
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
