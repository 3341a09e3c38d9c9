import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { MAX_ARTICLE_CHARS, parseArticle } from '../../src/content/parse-article.js';
import { publish } from '../../tools/content.js';
import type { PublishedArticle } from '../../src/content/types.js';
import { fillShell, sitePages, type Page } from '../../tools/prerender.js';
import { HOSTILE_LINES, hostileArticleText } from './hostile-content.js';

type Node = DefaultTreeAdapterMap['node'];

/** Every element name and every attribute in some HTML, as a browser's parser sees them. */
function elementsAndAttributes(html: string): { tags: Set<string>; attributes: string[] } {
  const tags = new Set<string>();
  const attributes: string[] = [];
  const walk = (node: Node): void => {
    if ('tagName' in node) {
      tags.add(node.tagName);
      for (const attribute of node.attrs) attributes.push(`${attribute.name}=${attribute.value}`);
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    if ('content' in node) walk(node.content);
  };
  walk(parseFragment(html));
  return { tags, attributes };
}

describe('hostile article text', () => {
  const parsed = parseArticle(hostileArticleText());

  /** The hostile article, published, and its prerendered page. */
  const hostilePage = (): { article: PublishedArticle; page: Page } => {
    if (!parsed.ok) throw new Error('hostile text must parse');
    const article = publish(parsed.article, 'berbahaya');
    const page = sitePages([article], [], new Date('2026-01-01T00:00:00Z')).find((p) =>
      p.fileName.startsWith('artikel/'),
    );
    if (page === undefined) throw new Error('no article page');
    return { article, page };
  };

  it('is accepted as text, every line verbatim', () => {
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.article.paragraphs.map((p) => p.text)).toEqual(HOSTILE_LINES);
  });

  it('renders as text: no element or attribute in the page comes from the article', () => {
    const { page } = hostilePage();
    const { tags, attributes } = elementsAndAttributes(page.body);
    for (const tag of ['script', 'img', 'style', 'svg', 'iframe', 'circle']) expect(tags.has(tag)).toBe(false);
    expect(attributes.filter((a) => /^on/iu.test(a) || /javascript:|data:/iu.test(a))).toEqual([]);
    expect(page.body).toContain('&lt;script&gt;window.__pwned = true; alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&amp;lt;b&amp;gt;sudah di-escape');
  });

  it('carries the article’s JSON as data that cannot close its element or run', () => {
    const { article, page } = hostilePage();
    const shell = '<!doctype html><html lang="id"><head><!--warta:head--></head><body><!--warta:body--></body></html>';
    const document = parse(fillShell(shell, page, { css: '', csp: '', script: '', module: '/assets/index.js' }));
    const scripts: { type: string | undefined; text: string }[] = [];
    const walk = (node: Node): void => {
      if ('tagName' in node && node.tagName === 'script') {
        const text = node.childNodes.map((child) => ('value' in child ? child.value : '')).join('');
        scripts.push({ type: node.attrs.find((a) => a.name === 'type')?.value, text });
      }
      if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    };
    walk(document);
    // The head's own (empty here) first-paint script, and the one data block: nothing else.
    expect(scripts.map((script) => script.type)).toEqual([undefined, 'application/json']);
    expect(JSON.parse(scripts[1]?.text ?? '')).toEqual(JSON.parse(JSON.stringify({ article, glossary: [] })));
    expect(scripts[1]?.text).not.toContain('<');
  });

  it('shows markup in an imported headline, promotion, caption and byline as text, and links only to https:', () => {
    const raw = [
      '---',
      'title: <b>Judul</b> <script>window.__pwned = true</script>',
      'format: marked',
      'source: minanews-net',
      'source_id: 1',
      '---',
      '! <img src=x onerror="window.__pwned = true"> (Foto: MINA)',
      'Oleh: <svg onload="window.__pwned = true">',
      'Jakarta, MINA – Isi <i>berita</i>.',
      '## <script>alert(1)</script>',
      '- <a href="javascript:alert(1)">butir</a>',
      '> <iframe src="https://example.org"></iframe>',
      '=> https://minanews.net/"onmouseover="alert(1) Judul <b>lain</b>',
      '=> javascript:alert(1) Judul ketiga',
    ].join('\n');
    const result = parseArticle(raw);
    if (!result.ok) throw new Error(result.error.message);
    const page = sitePages([publish(result.article, 'markup')], [], new Date('2026-01-01T00:00:00Z')).find((p) =>
      p.fileName.startsWith('artikel/'),
    );
    const { tags, attributes } = elementsAndAttributes(page?.body ?? '');
    for (const tag of ['script', 'img', 'svg', 'iframe', 'b', 'i']) expect(tags.has(tag)).toBe(false);
    expect(attributes.filter((a) => /^on/iu.test(a) || /javascript:/iu.test(a))).toEqual([]);
    expect(attributes).toContain('href=https://minanews.net/"onmouseover="alert(1)');
    expect(page?.title).toBe('<b>Judul</b> <script>window.__pwned = true</script> · Warta');
    expect(page?.body).toContain('&lt;b&gt;Judul&lt;/b&gt;');
  });

  it('refuses bidirectional override and isolate controls, naming the line', () => {
    for (const control of ['\u202E', '\u202D', '\u2066', '\u2069', '\u202A']) {
      const result = parseArticle(`Baris pertama.\nHarga ${control}01$ saja.`);
      expect(result).toMatchObject({ ok: false, error: { code: 'bidi-control', line: 2 } });
      expect(result.ok ? '' : result.error.message).toContain('another order than it is stored');
    }
    expect(parseArticle('Nama \u200F عربي \u200E biasa.').ok).toBe(true);
  });

  it('refuses a megabyte of text with its size and the limit', () => {
    const huge = `${'Paragraf panjang sekali. '.repeat(40_000)}\n`.repeat(1);
    expect(huge.length).toBeGreaterThan(MAX_ARTICLE_CHARS);
    expect(parseArticle(huge)).toMatchObject({
      ok: false,
      error: { code: 'too-long', line: 1, message: expect.stringContaining('at most 200,000') as string },
    });
  });

  it('refuses a publisher link that is not https:', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'http://minanews.net/']) {
      expect(parseArticle(`---\npublisher_url: ${url}\n---\nIsi.`)).toMatchObject({ ok: false, error: { line: 2 } });
    }
  });
});
