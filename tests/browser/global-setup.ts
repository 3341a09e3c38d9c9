import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A second build, "deployed" by the update tests: another app version and a revised article. */
export const NEXT_BUILD = 'test-results/dist-next';
const NEXT_CONTENT = 'test-results/content-next';
const SEED = '2020-10-31-armenia-azerbaijan-jenewa.txt';

/** A build of 45 articles (copies of the seed), for the paged article list and the term pages. */
export const MANY_BUILD = 'test-results/dist-many';
export const MANY_ARTICLES = 45;
const MANY_CONTENT = 'test-results/content-many';

/**
 * A build of tests/content/forms: articles in every form the parser reads (plain and marked,
 * Indonesian and English), for the page of every block kind.
 */
export const FORMS_BUILD = 'test-results/dist-forms';
const FORMS_CONTENT = 'tests/content/forms';

export default async function globalSetup(): Promise<void> {
  await Promise.all([nextBuild(), manyBuild(), formsBuild()]);
}

async function formsBuild(): Promise<void> {
  await run('npx', ['tsx', 'tools/build.ts', '--out', FORMS_BUILD, '--content', FORMS_CONTENT]);
}

async function manyBuild(): Promise<void> {
  await rm(MANY_CONTENT, { recursive: true, force: true });
  await mkdir(MANY_CONTENT, { recursive: true });
  const seed = await readFile(`content/articles/${SEED}`, 'utf8');
  for (let day = 1; day <= MANY_ARTICLES; day += 1) {
    const number = String(day).padStart(2, '0');
    await writeFile(
      `${MANY_CONTENT}/artikel-${number}.txt`,
      seed
        .replace(/^title: (.*)$/mu, `title: $1 (${number})`)
        // One a day from 1 November 2020, so the newest is number 45.
        .replace(/^date: .*$/mu, `date: ${new Date(Date.UTC(2020, 10, day)).toISOString().slice(0, 10)}`),
    );
  }
  await run('npx', ['tsx', 'tools/build.ts', '--out', MANY_BUILD, '--content', MANY_CONTENT]);
}

async function nextBuild(): Promise<void> {
  await rm(NEXT_CONTENT, { recursive: true, force: true });
  await mkdir(NEXT_CONTENT, { recursive: true });
  await cp(`content/articles/${SEED}`, `${NEXT_CONTENT}/${SEED}`);
  const seed = await readFile(`${NEXT_CONTENT}/${SEED}`, 'utf8');
  // The publisher corrected its last paragraph: a new content hash, the same slug.
  await writeFile(`${NEXT_CONTENT}/${SEED}`, seed.replace('mendekati 5.000.', 'mendekati 5.000 orang (diperbarui).'));
  await run('npx', ['tsx', 'tools/build.ts', '--out', NEXT_BUILD, '--content', NEXT_CONTENT], {
    env: { ...process.env, WARTA_VERSION: 'berikutnya' },
  });
}
