/**
 * XML text: escaped, and without the characters XML 1.0 cannot carry at all (C0 controls but
 * tab and line breaks, lone surrogates, U+FFFE and U+FFFF), which would make a feed or sitemap
 * unreadable to a strict parser. Publishers' text reaches the feeds, so nothing is assumed of it.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
