import { readFile } from 'node:fs/promises';
import { transform } from 'lightningcss';
import { build, type Plugin, type Rolldown } from 'vite';
import { clientBuild } from './client-build.js';
import { ARTICLES_DIR, GLOSSARY_DIR, formatProblem, loadArticles, loadGlossary, summarize } from './content.js';
import { contentSecurityPolicy, hashSource } from './csp.js';
import { firstPaintScript } from './first-paint.js';
import { NGINX_HEADERS_FILE, headerFiles } from './nginx.js';
import { fillShell, sitePages } from './prerender.js';
import type { GlossaryEntry } from '../src/content/glossary.js';
import type { PublishedArticle } from '../src/content/types.js';
import { useLocale } from '../src/i18n/english.js';

const STYLESHEET = 'src/styles/page.css';
const HEADERS = 'public/_headers';
const MANIFEST = 'manifest.webmanifest';

/**
 * Builds the content into the site: validates every article (the build fails with FILE:LINE on a
 * bad one), writes the JSON the app reads, and prerenders each page into Vite's processed
 * `index.html`, so the first response carries the whole article. English pages load the English
 * build of the script, which this plugin runs alongside the main (Indonesian) one.
 */
export function warta(): Plugin {
  let articles: PublishedArticle[] = [];
  let glossary: GlossaryEntry[] = [];
  let englishScript: Promise<Rolldown.RolldownOutput> | undefined;
  let firstPaint: Promise<string> | undefined;
  return {
    name: 'warta',
    apply: 'build',
    enforce: 'post',

    async buildStart() {
      // English pages load the same script built with English strings; built alongside this one.
      // (A failure is reported where it is awaited, in generateBundle.)
      englishScript = buildEnglishScript();
      englishScript.catch(() => undefined);
      // So is the before-first-paint script, from its TypeScript source (tools/first-paint.ts).
      firstPaint = firstPaintScript();
      firstPaint.catch(() => undefined);
      const loadedGlossary = await loadGlossary(GLOSSARY_DIR);
      // WARTA_CONTENT_DIR builds other articles (the tests deploy a second build with it).
      const loaded = await loadArticles(process.env['WARTA_CONTENT_DIR'] ?? ARTICLES_DIR, loadedGlossary.entries);
      const problems = [...loadedGlossary.problems, ...loaded.problems];
      if (problems.length > 0) this.error(problems.map(formatProblem).join('\n'));
      articles = loaded.articles;
      glossary = loadedGlossary.entries;
    },

    async generateBundle(_options, bundle) {
      const shellAsset = bundle['index.html'];
      if (shellAsset?.type !== 'asset' || typeof shellAsset.source !== 'string') {
        this.error('index.html is missing from the bundle');
      }
      const shell = shellAsset.source;
      const english = await (englishScript ?? buildEnglishScript()).catch((error: unknown) =>
        this.error(`the English script did not build: ${String(error)}`),
      );
      for (const chunk of english.output) {
        if (chunk.type === 'chunk') this.emitFile({ type: 'asset', fileName: chunk.fileName, source: chunk.code });
      }
      const shells = { id: shell, en: englishShell(shell, bundle, english) };
      const css = await minifiedStylesheet();
      const script = await (firstPaint ?? firstPaintScript()).catch((error: unknown) =>
        this.error(`the before-first-paint script did not build: ${String(error)}`),
      );
      const styleHashes = [hashSource(css)];
      // The hash of the very string inlined below: the policy follows the script automatically.
      const scriptHashes = [hashSource(script)];
      const csp = contentSecurityPolicy(styleHashes, { header: false, scriptHashes });

      // Every page in each UI language: Indonesian at the root, English under en/.
      for (const locale of ['id', 'en'] as const) {
        await switchLocale(locale);
        for (const page of sitePages(articles, glossary, buildTime())) {
          const html = fillShell(shells[locale], page, { css, csp, script });
          if (page.fileName === 'index.html') shellAsset.source = html;
          else this.emitFile({ type: 'asset', fileName: page.fileName, source: html });
        }
      }
      await switchLocale('id');

      this.emitFile({
        type: 'asset',
        fileName: 'articles/index.json',
        source: JSON.stringify({ articles: articles.map(summarize) }),
      });
      for (const article of articles) {
        this.emitFile({ type: 'asset', fileName: `articles/${article.slug}.json`, source: JSON.stringify(article) });
      }
      this.emitFile({ type: 'asset', fileName: MANIFEST, source: await readFile(MANIFEST, 'utf8') });

      // The header policy must carry the same hashes as the pages' <meta> policy.
      const headerCsp = contentSecurityPolicy(styleHashes, { header: true, scriptHashes });
      // Throws, failing the build, when the template has no placeholder or a value nginx cannot take.
      const files = headerFiles(await readFile(HEADERS, 'utf8'), headerCsp);
      this.emitFile({ type: 'asset', fileName: '_headers', source: files.headers });
      // The same headers for nginx (deploy/nginx.conf includes this file): one source, so they agree.
      this.emitFile({ type: 'asset', fileName: NGINX_HEADERS_FILE, source: files.nginx });
    },
  };
}

/** The English script and its chunks, in memory: the main build writes them with the site. */
async function buildEnglishScript(): Promise<Rolldown.RolldownOutput> {
  const client = clientBuild('en');
  const output = await build({
    ...client,
    configFile: false,
    logLevel: 'warn',
    build: {
      ...client.build,
      write: false,
      rolldownOptions: { ...client.build?.rolldownOptions, input: { index: 'src/main.ts' } },
    },
  });
  if (Array.isArray(output) || !('output' in output)) throw new Error('the English script build returned no output');
  return output;
}

/** The page shell with the English script in place of the Indonesian one. */
function englishShell(shell: string, bundle: Rolldown.OutputBundle, english: Rolldown.RolldownOutput): string {
  const entry = (chunks: Iterable<Rolldown.OutputChunk | Rolldown.OutputAsset>): string | undefined =>
    [...chunks].find((chunk) => chunk.type === 'chunk' && chunk.isEntry)?.fileName;
  const indonesian = entry(Object.values(bundle));
  const englishEntry = entry(english.output);
  if (indonesian === undefined || englishEntry === undefined) throw new Error('a script entry is missing');
  const script = `src="/${indonesian}"`;
  if (!shell.includes(script)) throw new Error(`index.html does not load /${indonesian}`);
  return shell.replace(script, `src="/${englishEntry}"`);
}

/**
 * @lit/localize announces locale changes on `window`, which Node lacks: lend it an EventTarget
 * for the switch only, so nothing else in the build sees a `window`.
 */
async function switchLocale(locale: 'id' | 'en'): Promise<void> {
  const scope = globalThis as { window?: unknown };
  const lent = scope.window === undefined;
  if (lent) scope.window = new EventTarget();
  try {
    await useLocale(locale);
  } finally {
    if (lent) delete scope.window;
  }
}

async function minifiedStylesheet(): Promise<string> {
  const { code } = transform({ filename: STYLESHEET, code: await readFile(STYLESHEET), minify: true });
  return new TextDecoder().decode(code);
}

/** SOURCE_DATE_EPOCH (seconds) makes a build reproducible; otherwise the build renders "now". */
function buildTime(): Date {
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date();
}
