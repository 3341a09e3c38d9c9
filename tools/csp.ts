import { createHash } from 'node:crypto';

/** The CSP source for an inline `<style>` or `<script>`: its SHA-256, base64. */
export function hashSource(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * The Trusted Types policies Warta needs, and no more: Lit's template policy (`lit-html`, which
 * only ever turns Lit's own template strings into HTML) and `warta-sw`, which allows exactly
 * `/sw.js` as the service worker's script URL (src/app/trusted-types.ts).
 */
export const TRUSTED_TYPES_POLICIES = ['lit-html', 'warta-sw'] as const;

/**
 * The one Content-Security-Policy of every page. Only what Warta serves itself may load; inline
 * code only by hash; DOM script sinks only through the named Trusted Types policies; nothing
 * may be framed or re-based, and forms submit only to Warta itself (the header's search form). The header form adds `frame-ancestors`, which a `<meta>`
 * policy cannot carry.
 */
export function contentSecurityPolicy(
  styleHashes: readonly string[],
  options: { header: boolean; scriptHashes?: readonly string[] },
): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${(options.scriptHashes ?? []).join(' ')}`.trim(),
    `style-src 'self' ${styleHashes.join(' ')}`.trim(),
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
  ];
  if (options.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
