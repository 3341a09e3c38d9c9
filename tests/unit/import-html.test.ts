import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { articleText, blockLine, frontMatterValue, type ArticleMeta } from '../../tools/import/article-text.js';
import { htmlToBlocks, htmlToLine, MAX_DEPTH, type Block } from '../../tools/import/html.js';
import { PROFILES } from '../../tools/import/profile.js';
import { htmlWords, storedWords } from './import-words.js';

const PROFILE = PROFILES.get('mina') ?? { id: 'mina', readAlsoLabels: [], notHeadingLabels: [] };

function blocks(html: string, baseUrl: string | null = null): Block[] {
  const result = htmlToBlocks(html, { ...PROFILE, baseUrl });
  if (!result.ok) throw new Error(result.reason);
  return result.blocks;
}

const lines = (html: string, baseUrl: string | null = null): string[] => blocks(html, baseUrl).map(blockLine);

const META: ArticleMeta = {
  title: 'Judul',
  date: '2018-10-14',
  lang: 'id',
  publisher: null,
  publisherUrl: null,
  source: 'minanews-net',
  sourceId: '1',
  url: null,
  published: '2018-10-14T02:30:00Z',
  modified: null,
  author: null,
  categories: [],
  profile: 'mina',
};

describe('HTML to blocks', () => {
  it('keeps h2–h4 and all-bold paragraphs as sub-headings, but not h1, h5 or a bold byline', () => {
    expect(
      lines(
        '<h2>Dua</h2><h3>Tiga</h3><h4>Empat</h4><h1>Satu</h1><h5>Lima</h5><p><strong>Tebal</strong> <b>semua</b></p><p><strong>Oleh: Ali*</strong></p><p><b>Editor:</b> Rudi</p>',
      ),
    ).toEqual(['## Dua', '## Tiga', '## Empat', 'Satu', 'Lima', '## Tebal semua', 'Oleh: Ali*', 'Editor: Rudi']);
  });

  it('writes list items, numbered from the list’s start, and nested lists after their item', () => {
    expect(
      lines(
        '<ul><li>satu</li><li>dua<ol start="3"><li>tiga</li><li value="7">tujuh</li><li>delapan</li></ol></li></ul>',
      ),
    ).toEqual(['- satu', '- dua', '3. tiga', '7. tujuh', '8. delapan']);
  });

  it('writes one quotation line per quoted paragraph, and a line break as a new line of the same kind', () => {
    expect(
      lines('<blockquote><p>satu</p><p>dua<br>tiga</p>empat</blockquote><p>Wartawan: A<br/>Editor: B</p>'),
    ).toEqual(['> satu', '> dua', '> tiga', '> empat', 'Wartawan: A', 'Editor: B']);
  });

  it('takes a figure’s caption from its figcaption, else an image’s alt text; images are not kept', () => {
    expect(
      lines(
        '<figure><img src="a.jpg" alt="alt diabaikan"><figcaption>Foto: <i>MINA</i></figcaption></figure><p><img src="b.jpg" alt="Hanya alt"></p><p><img src="c.jpg" alt=""></p>',
      ),
    ).toEqual(['! Foto: MINA', '! Hanya alt']);
  });

  it('keeps the words on either side of an image that gives no caption apart, as the words invariant found', () => {
    // fast-check's shrunk counterexample: the alt text is a no-break space only, so no caption.
    const html = 'Jakarta,<img src="x.jpg" alt="&nbsp;"><a href="https://minanews.net/a/">Jakarta,</a>';
    expect(lines(html)).toEqual(['Jakarta, Jakarta,']);
    expect(storedWords(articleText(META, blocks(html)))).toEqual(htmlWords(html));
    // No alt text at all, and alt text a figcaption stands in for, do not run words together either.
    expect(lines('<p>satu<img src="x.jpg">dua</p>')).toEqual(['satu dua']);
    expect(lines('<figure>A<img src="x.jpg" alt="diabaikan">B<figcaption>Foto</figcaption></figure>')).toEqual([
      'A B',
      '! Foto',
    ]);
  });

  it('turns "Baca Juga:" and "Also Read:" paragraphs into read-also items with https: links only', () => {
    const result = htmlToBlocks(
      [
        '<p><strong>Baca Juga:</strong> <a href="https://minanews.net/a/">Judul A</a></p>',
        '<p>ALSO READ : <a href="/b/">Title B</a></p>',
        '<p>Baca juga: <a href="javascript:alert(1)">Judul C</a></p>',
        '<p>Baca Juga: <a href="http://minanews.net/d/">Judul D</a></p>',
        '<p>Baca Juga:</p>',
      ].join(''),
      { ...PROFILE, baseUrl: 'https://en.minanews.net/x/' },
    );
    expect(result.ok && result.blocks.map(blockLine)).toEqual([
      '=> https://minanews.net/a/ Judul A',
      '=> https://en.minanews.net/b/ Title B',
      '=> Judul C',
      '=> Judul D',
    ]);
    expect(result.ok && result.notes).toEqual([
      'read-also link(s) kept as text only: only https: links are kept (found javascript:, http:)',
      '1 read-also label(s) with no headline left out',
    ]);
  });

  it('drops script, style, iframe, form, object, svg, noscript and template with their content, and unwraps the rest', () => {
    expect(
      lines(
        '<p>A<script>x</script><style>y</style><iframe>z</iframe><object>o</object><svg><text>s</text></svg><noscript>n</noscript><template>t</template><span class="c">B</span><u>C</u></p>',
      ),
    ).toEqual(['ABC']);
    // A form is a block of its own (it closes the paragraph), and goes whole.
    expect(lines('<p>Sebelum<form><p>Isi <input value="f"><button>Kirim</button></p></form>sesudah</p>')).toEqual([
      'Sebelum',
      'sesudah',
    ]);
  });

  it('decodes entities and normalises white space, no-break spaces included', () => {
    expect(
      lines('<p>  Cikarang,&nbsp;Kab.\u00A0Bekasi, MINA &#8211;\n\t Warga &amp; &ldquo;pemuda&rdquo;  </p>'),
    ).toEqual(['Cikarang, Kab. Bekasi, MINA – Warga & “pemuda”']);
  });

  it('removes bidirectional and control characters, and says so', () => {
    const result = htmlToBlocks('<p>a\u202Eb\u2066c\u2069 d\u0001e</p>', PROFILE);
    expect(result.ok && result.blocks).toEqual([{ kind: 'paragraph', text: 'abc de' }]);
    expect(result.ok && result.notes.join(' ')).toMatch(
      /3 bidirectional control character\(s\) removed.*1 control character/u,
    );
  });

  it('removes bidirectional and control characters from image alt text too, and keeps no caption of them alone', () => {
    const result = htmlToBlocks(
      '<p><img src="a.jpg" alt="a\u202Eb\u0001c"></p><p>x<img src="b.jpg" alt="\u2066">y</p>',
      PROFILE,
    );
    expect(result.ok && result.blocks).toEqual([
      { kind: 'caption', text: 'abc' },
      { kind: 'paragraph', text: 'x y' },
    ]);
    expect(result.ok && result.notes.join(' ')).toMatch(
      /2 bidirectional control character\(s\) removed.*1 control character/u,
    );
  });

  it('refuses HTML over 5 MB and HTML nested 100,000 deep, quickly', () => {
    const big = `<p>${'kata '.repeat(1_100_000)}</p>`;
    expect(htmlToBlocks(big, PROFILE)).toEqual({
      ok: false,
      reason: expect.stringContaining('at most 5 MB') as string,
    });
    const started = performance.now();
    const deep = htmlToBlocks(`${'<div>'.repeat(100_000)}dalam`, PROFILE);
    expect(deep).toEqual({
      ok: false,
      reason: `the HTML is nested 100,000 elements deep; at most ${MAX_DEPTH} is read`,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(htmlToBlocks(`${'<div>'.repeat(MAX_DEPTH - 1)}dalam`, PROFILE)).toMatchObject({ ok: true });
  });

  it('reads a title with markup as plain text: tags gone, scripts dropped, entities decoded', () => {
    expect(htmlToLine('<em>Armenia</em> &#8211; Azerbaijan <script>alert(1)</script>&#8220;Sepakat&#8221;')).toEqual({
      ok: true,
      text: 'Armenia – Azerbaijan “Sepakat”',
      notes: [],
    });
  });
});

describe('the article text', () => {
  it('escapes a paragraph that begins like a marker or a backslash, and no other kind of block', () => {
    expect(
      ['## x', '- x', '12. x', '> x', '! x', '=> x', '\\x', '#x', '-x', '1.x'].map((text) =>
        blockLine({ kind: 'paragraph', text }),
      ),
    ).toEqual(['\\## x', '\\- x', '\\12. x', '\\> x', '\\! x', '\\=> x', '\\\\x', '#x', '-x', '1.x']);
    expect(blockLine({ kind: 'list-item', text: '- x' })).toBe('- - x');
  });

  it('quotes a front-matter value that starts or ends with a quote, so the reader gets it back whole', () => {
    expect(frontMatterValue('"Kutipan" di awal')).toBe('""Kutipan" di awal"');
    expect(frontMatterValue("akhir 'x'")).toBe('"akhir \'x\'"');
    expect(frontMatterValue('biasa')).toBe('biasa');
  });

  it('writes the front matter in the order of the content store spec, leaving out what is unknown', () => {
    const text = articleText({ ...META, categories: ['Nasional', 'Asia'], author: 'Rina' }, [
      { kind: 'paragraph', text: 'Isi.' },
    ]);
    expect(text).toBe(
      [
        '---',
        'title: Judul',
        'date: 2018-10-14',
        'lang: id',
        'source: minanews-net',
        'source_id: 1',
        'published: 2018-10-14T02:30:00Z',
        'author: Rina',
        'categories: Nasional; Asia',
        'profile: mina',
        'format: marked',
        '---',
        'Isi.',
        '',
      ].join('\n'),
    );
  });
});

/** Every item's HTML in the committed fixtures. */
function fixtureHtml(): Array<[string, string]> {
  const read = (name: string): string => readFileSync(`tests/fixtures/import/${name}`, 'utf8');
  const all: Array<[string, string]> = [];
  for (const name of ['wordpress-id.json', 'wordpress-en.json', 'edge-cases.json']) {
    const posts = JSON.parse(read(name)) as Array<{ id?: number; content: { rendered: string } }>;
    for (const post of posts) all.push([`${name} ${post.id ?? '?'}`, post.content.rendered]);
  }
  const rss = parseFeed(read('rss-id.xml'));
  if (rss.format === 'rss')
    for (const item of rss.feed.items ?? []) all.push([`rss ${item.guid?.value ?? ''}`, item.content?.encoded ?? '']);
  const atom = parseFeed(read('atom-en.xml'));
  if (atom.format === 'atom')
    for (const entry of atom.feed.entries ?? []) all.push([`atom ${entry.id ?? ''}`, entry.content?.value ?? '']);
  return all;
}

describe('the words invariant', () => {
  const fixtures = fixtureHtml();

  it('has fixtures of every kind: at least 50 items each', () => {
    const count = (prefix: string): number => fixtures.filter(([name]) => name.startsWith(prefix)).length;
    expect(count('wordpress-id.json')).toBeGreaterThanOrEqual(50);
    expect(count('wordpress-en.json')).toBeGreaterThanOrEqual(50);
    expect(count('rss')).toBeGreaterThanOrEqual(50);
    expect(count('atom')).toBeGreaterThanOrEqual(50);
  });

  it('holds on every fixture item: the stored words, markers aside, are the allowed HTML’s words in order', () => {
    for (const [name, html] of fixtures) {
      const stored = articleText(META, blocks(html));
      expect({ name, words: storedWords(stored) }).toEqual({ name, words: htmlWords(html) });
    }
  });

  it('holds on a figure inside a figure: the innermost figure decides whether an image’s alt text is its caption', () => {
    // fast-check's shrunk counterexample, then a WordPress gallery: the inner figures have no
    // figcaption of their own, so their images' alt text is their caption, as the converter has it.
    const nested = '<figure><figcaption><figure><img src="x.jpg" alt="Jakarta,"></figure></figcaption></figure>';
    const gallery =
      '<figure><figure><img src="a.jpg" alt="Alt A"></figure><figure><img src="b.jpg" alt="Alt B"><figcaption>Cap B</figcaption></figure><figcaption>Galeri</figcaption></figure>';
    expect(lines(nested)).toEqual(['! Jakarta,']);
    expect(lines(gallery)).toEqual(['! Alt A', '! Cap B', '! Galeri']);
    for (const html of [nested, gallery]) expect(storedWords(articleText(META, blocks(html)))).toEqual(htmlWords(html));
  });

  it('holds where an image that gives no caption stands inside a read-also label: it is a gap in the line', () => {
    // fast-check's shrunk counterexample: the converter reads "Also Read: Jakarta,Jakarta," as one
    // read-also line, so the words are those of its headline.
    const label =
      '<a href="https://minanews.net/a/">Also</a><img src="x.jpg" alt="&nbsp;"><a href="https://minanews.net/a/">Read: Jakarta,</a><a href="https://minanews.net/a/">Jakarta,</a>';
    const icon = '<p>Baca Juga: <img src="panah.png" alt=""> <a href="https://minanews.net/b/">Judul B</a></p>';
    expect(lines(label)).toEqual(['=> https://minanews.net/a/ Jakarta,Jakarta,']);
    expect(lines(icon)).toEqual(['=> https://minanews.net/b/ Judul B']);
    for (const html of [label, icon]) expect(storedWords(articleText(META, blocks(html)))).toEqual(htmlWords(html));
  });

  it('holds on generated HTML', () => {
    const word = fc.constantFrom(
      'Jakarta,',
      'MINA',
      '–',
      '##',
      '-',
      '1.',
      '12.',
      '>',
      '!',
      '=>',
      '\\',
      'Baca',
      'Juga:',
      'Also',
      'Read:',
      '&amp;',
      '&#8211;',
      '&nbsp;',
      '&lt;p&gt;',
      'kata',
      'é',
      '“kutip”',
      '(T/AB2/CD-1)',
      'Oleh:',
      '\u202E',
      'a\u0001b',
      '漢字',
    );
    const space = fc.constantFrom('', ' ', '\n', '  \t');
    const text = fc
      .tuple(space, fc.array(word, { minLength: 1, maxLength: 5 }), space)
      .map(([before, words, after]) => `${before}${words.join(' ')}${after}`);
    const container = fc.constantFrom(
      'p',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'strong',
      'b',
      'em',
      'span',
      'ul',
      'ol',
      'li',
      'blockquote',
      'figure',
      'figcaption',
      'div',
      'section',
      'td',
      'pre',
      'script',
      'style',
      'iframe',
      'noscript',
      'template',
      'svg',
      'object',
      'form',
    );
    const { node } = fc.letrec<{ node: string; element: string; link: string; image: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, tie('element'), tie('link'), tie('image'), fc.constant('<br>')),
      element: fc
        .tuple(container, fc.array(tie('node'), { maxLength: 4 }))
        .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
      link: fc
        .tuple(fc.constantFrom('https://minanews.net/a/', '/relatif/', 'javascript:alert(1)', 'http://x.test/'), text)
        .map(([href, inner]) => `<a href="${href}">${inner}</a>`),
      image: text.map((alt) => `<img src="x.jpg" alt="${alt.replace(/"/gu, '&quot;')}">`),
    }));
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), (nodes) => {
        const html = nodes.join('');
        const result = htmlToBlocks(html, { ...PROFILE, baseUrl: 'https://minanews.net/x/' });
        if (!result.ok) return false;
        const stored = articleText(META, result.blocks);
        const body = stored.slice(stored.indexOf('\n---\n') + 5);
        // One block a line, none blank, and the words the HTML has.
        expect(
          body
            .split('\n')
            .slice(0, -1)
            .every((line) => line.trim() === line && line !== ''),
        ).toBe(true);
        expect(storedWords(stored)).toEqual(htmlWords(html));
        return true;
      }),
      { numRuns: 400 },
    );
  });
});
