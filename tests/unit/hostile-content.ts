/** Article texts written to attack or break a reader: each must be refused or shown as plain text. */
export const HOSTILE_LINES = [
  '<script>window.__pwned = true; alert(1)</script>',
  '<img src=x onerror="window.__pwned = true">',
  '<a href="javascript:window.__pwned=true">klik</a> dan javascript:alert(1)',
  '<a href="data:text/html,<script>alert(1)</script>">data</a> data:text/html;base64,PHNjcmlwdD4=',
  '<style>body { display: none }</style>',
  '<svg onload="window.__pwned = true"><circle r="10"/></svg>',
  '<iframe src="https://example.org"></iframe>',
  '"><script>window.__pwned=true</script>',
  '{{constructor.constructor("window.__pwned=true")()}} ${window.__pwned = true}',
  '&lt;b&gt;sudah di-escape&lt;/b&gt; &amp; &#60;script&#62;',
  'Kata\u200Bdengan\u200Cspasi\u200Dnol\u2060dan\uFEFFlainnya',
  `Katapanjang${'x'.repeat(600)}tanpaspasi`,
];

/** A publisher-style article whose paragraphs are the hostile lines. */
export function hostileArticleText(): string {
  return ['Jenewa, MINA – Paragraf pembuka yang biasa.', ...HOSTILE_LINES, 'Mi’raj News Agency (MINA)'].join('\n');
}
