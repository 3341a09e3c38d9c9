import { createHash } from 'node:crypto';

/** The CSP source for an inline `<style>` or `<script>`: its SHA-256, base64. */
export function hashSource(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/**
 * The one Content-Security-Policy of every page. Only what Warta serves itself may load; inline
 * code only by hash; nothing may be framed, posted or re-based. The header form adds
 * `frame-ancestors`, which a `<meta>` policy cannot carry.
 */
export function contentSecurityPolicy(styleHashes: readonly string[], options: { header: boolean }): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashes.join(' ')}`.trim(),
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (options.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
