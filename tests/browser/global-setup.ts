import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { formatProblem, loadArticles } from '../../tools/content.js';
import { buildCommand } from '../../tools/runtime.js';

const run = promisify(execFile);
/** `npm run build`'s command (tools/run.mjs and its bundle), as users build. */
const [NODE, ...BUILD] = buildCommand();

/** A second build, "deployed" by the update tests: another app version and a revised article. */
export const NEXT_BUILD = 'test-results/dist-next';
const NEXT_CONTENT = 'test-results/content-next';
const SEED = '2020-10-31-armenia-azerbaijan-jenewa.txt';

/**
 * The same app as dist/ after one more article was published: the listings change, the worker
 * must not (listings.spec.ts).
 */
export const PUBLISHED_BUILD = 'test-results/dist-published';
const PUBLISHED_CONTENT = 'test-results/content-published';
/** The title of the article published in PUBLISHED_BUILD. */
export const PUBLISHED_TITLE = 'Pertukaran tawanan perang dimulai di perbatasan';

/** A build of 45 articles (copies of the seed), for the paged article list and the term pages. */
export const MANY_BUILD = 'test-results/dist-many';
export const MANY_ARTICLES = 45;
const MANY_CONTENT = 'test-results/content-many';

/**
 * MANY_BUILD after the publisher went on: 5 more articles (numbers 46 to 50, one a day) and
 * number 30 edited, so its entry moves to the change log's end and the pack's bytes after it
 * shift. Deployed in the middle of a sync (sync-faults.spec.ts).
 */
export const MANY_NEXT_BUILD = 'test-results/dist-many-next';
export const MANY_NEXT_ARTICLES = 50;
export const MANY_EDITED = 30;
const MANY_NEXT_CONTENT = 'test-results/content-many-next';

/**
 * A build of 25 articles (copies of the seed, one a day, in two categories), for sync
 * (sync.spec.ts): the newest 20 are downloaded, the rest left.
 */
export const SYNC_BUILD = 'test-results/dist-sync';
export const SYNC_ARTICLES = 25;
const SYNC_CONTENT = 'test-results/content-sync';

/**
 * A build of tests/content/forms: articles in every form the parser reads (plain and marked,
 * Indonesian and English), for the page of every block kind.
 */
export const FORMS_BUILD = 'test-results/dist-forms';
const FORMS_CONTENT = 'tests/content/forms';

/**
 * Every import fixture (tests/fixtures/import), imported by `warta import` into one content
 * folder, one article then withdrawn by `warta withdraw`, and the folder built: the end-to-end
 * test of the importer (imported.spec.ts).
 */
export const IMPORTED_BUILD = 'test-results/dist-imported';
export const IMPORTED_CONTENT = 'test-results/content-imported';
/** The newest Indonesian post (the last of wordpress-id.json): it would head the home page. */
export const WITHDRAWN = { source: 'minanews-net', id: '120379' };
/** The edge-case post with scripts, event handlers, `javascript:` links and bidi overrides. */
export const HOSTILE = { source: 'minanews-net', id: '900003' };
const FIXTURES = 'tests/fixtures/import';
/**
 * Each fixture with the exit code its import must end with (1: some items refused, as the edge
 * cases must be). The feeds repeat the WordPress posts under a source key of their own, so their
 * articles are imported again beside them, under slugs of their own.
 */
const IMPORTS: readonly { file: string; source?: string; lang?: string; code: number }[] = [
  { file: 'wordpress-id.json', code: 0 },
  { file: 'rss-id.xml', source: 'minanews-rss', code: 0 },
  // The WordPress API names no language: the publisher gives it, as the README says.
  { file: 'wordpress-en.json', lang: 'en', code: 0 },
  { file: 'atom-en.xml', source: 'en-minanews-atom', code: 0 },
  { file: 'edge-cases.json', code: 1 },
  { file: 'edge-cases.xml', code: 1 },
];

const BUILDS: Readonly<Record<string, () => Promise<void>>> = {
  next: nextBuild,
  many: manyBuild,
  'many-next': manyNextBuild,
  forms: formsBuild,
  imported: importedBuild,
  published: publishedBuild,
  sync: syncBuild,
};

/**
 * Makes every extra build, or only those WARTA_TEST_BUILDS names (`sync,many`), for a run of the
 * one spec that needs them.
 */
export default async function globalSetup(): Promise<void> {
  const only = process.env['WARTA_TEST_BUILDS']?.split(',');
  const chosen = Object.entries(BUILDS).filter(([name]) => only === undefined || only.includes(name));
  await Promise.all(chosen.map(([, make]) => make()));
}

async function syncBuild(): Promise<void> {
  await rm(SYNC_CONTENT, { recursive: true, force: true });
  await mkdir(SYNC_CONTENT, { recursive: true });
  const seed = await readFile(`content/articles/${SEED}`, 'utf8');
  for (let day = 1; day <= SYNC_ARTICLES; day += 1) {
    const number = String(day).padStart(2, '0');
    await writeFile(
      `${SYNC_CONTENT}/sinkron-${number}.txt`,
      seed
        .replace(/^title: (.*)$/mu, `title: $1 (${number})`)
        .replace(
          /^date: .*$/mu,
          `date: ${new Date(Date.UTC(2020, 10, day)).toISOString().slice(0, 10)}\ncategories: ${day % 2 === 0 ? 'Politik' : 'Ekonomi'}`,
        ),
    );
  }
  await run(NODE, [...BUILD, '--out', SYNC_BUILD, '--content', SYNC_CONTENT]);
}

async function importedBuild(): Promise<void> {
  await rm(IMPORTED_CONTENT, { recursive: true, force: true });
  // One after another: the imports share the content folder and its slugs.
  for (const { file, source, lang, code } of IMPORTS) {
    const args = ['import', `${FIXTURES}/${file}`, '--content', IMPORTED_CONTENT];
    if (source !== undefined) args.push('--source', source);
    if (lang !== undefined) args.push('--lang', lang);
    await warta(args, code);
  }
  // What `warta check` does for content/: every imported file parses.
  const articles = `${IMPORTED_CONTENT}/articles`;
  const { problems } = await loadArticles(articles);
  if (problems.length > 0) {
    throw new Error(`imported articles that do not parse:\n${problems.map(formatProblem).join('\n')}`);
  }
  await warta(['withdraw', `${WITHDRAWN.source}:${WITHDRAWN.id}`, '--content', IMPORTED_CONTENT], 0);
  // The content folder as the importer writes it: the build finds its articles/ in it.
  await run(NODE, [...BUILD, '--out', IMPORTED_BUILD, '--content', IMPORTED_CONTENT]);
}

/** Runs `warta` as a publisher would, and fails unless it ends with `code`. */
async function warta(args: readonly string[], code: number): Promise<void> {
  const ended = await run('npx', ['tsx', 'tools/warta.ts', ...args]).then(
    () => ({ code: 0, stderr: '' }),
    (error: unknown) => {
      // execFile's error carries the exit code and the output.
      const { code: exit, stderr } =
        error instanceof Error ? (error as Error & { code?: unknown; stderr?: unknown }) : {};
      return { code: typeof exit === 'number' ? exit : -1, stderr: String(stderr ?? error) };
    },
  );
  if (ended.code !== code) {
    throw new Error(`warta ${args.join(' ')} ended with ${String(ended.code)}, not ${String(code)}:\n${ended.stderr}`);
  }
}

async function formsBuild(): Promise<void> {
  await run(NODE, [...BUILD, '--out', FORMS_BUILD, '--content', FORMS_CONTENT]);
}

async function manyBuild(): Promise<void> {
  await manyContent(MANY_CONTENT, MANY_ARTICLES);
  await run(NODE, [...BUILD, '--out', MANY_BUILD, '--content', MANY_CONTENT]);
}

async function manyNextBuild(): Promise<void> {
  await manyContent(MANY_NEXT_CONTENT, MANY_NEXT_ARTICLES);
  const edited = `${MANY_NEXT_CONTENT}/artikel-${String(MANY_EDITED)}.txt`;
  const text = await readFile(edited, 'utf8');
  await writeFile(
    edited,
    text
      .replace(/^date: .*$/mu, (date) => `${date}\nmodified: 2020-12-25T08:00:00+07:00`)
      .replace('mendekati 5.000.', 'mendekati 5.000 orang (diperbarui).'),
  );
  await run(NODE, [...BUILD, '--out', MANY_NEXT_BUILD, '--content', MANY_NEXT_CONTENT]);
}

/** `count` copies of the seed, one a day from 1 November 2020, so the newest is number `count`. */
async function manyContent(dir: string, count: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const seed = await readFile(`content/articles/${SEED}`, 'utf8');
  for (let day = 1; day <= count; day += 1) {
    const number = String(day).padStart(2, '0');
    await writeFile(
      `${dir}/artikel-${number}.txt`,
      seed
        .replace(/^title: (.*)$/mu, `title: $1 (${number})`)
        .replace(/^date: .*$/mu, `date: ${new Date(Date.UTC(2020, 10, day)).toISOString().slice(0, 10)}`),
    );
  }
}

async function publishedBuild(): Promise<void> {
  await rm(PUBLISHED_CONTENT, { recursive: true, force: true });
  await mkdir(PUBLISHED_CONTENT, { recursive: true });
  const seed = await readFile(`content/articles/${SEED}`, 'utf8');
  await writeFile(`${PUBLISHED_CONTENT}/${SEED}`, seed);
  await writeFile(
    `${PUBLISHED_CONTENT}/2020-11-01-pertukaran-tawanan.txt`,
    seed.replace(/^title: .*$/mu, `title: ${PUBLISHED_TITLE}`).replace(/^date: .*$/mu, 'date: 2020-11-01'),
  );
  await run(NODE, [...BUILD, '--out', PUBLISHED_BUILD, '--content', PUBLISHED_CONTENT]);
}

async function nextBuild(): Promise<void> {
  await rm(NEXT_CONTENT, { recursive: true, force: true });
  await mkdir(NEXT_CONTENT, { recursive: true });
  await cp(`content/articles/${SEED}`, `${NEXT_CONTENT}/${SEED}`);
  const seed = await readFile(`${NEXT_CONTENT}/${SEED}`, 'utf8');
  // The publisher corrected its last paragraph: a new content hash, the same slug.
  await writeFile(`${NEXT_CONTENT}/${SEED}`, seed.replace('mendekati 5.000.', 'mendekati 5.000 orang (diperbarui).'));
  await run(NODE, [...BUILD, '--out', NEXT_BUILD, '--content', NEXT_CONTENT], {
    env: { ...process.env, WARTA_VERSION: 'berikutnya' },
  });
}
