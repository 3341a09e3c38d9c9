import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A second build, "deployed" by the update tests: another app version and a revised article. */
export const NEXT_BUILD = 'test-results/dist-next';
const NEXT_CONTENT = 'test-results/content-next';
const SEED = '2020-10-31-armenia-azerbaijan-jenewa.txt';

export default async function globalSetup(): Promise<void> {
  await rm(NEXT_CONTENT, { recursive: true, force: true });
  await mkdir(NEXT_CONTENT, { recursive: true });
  await cp(`content/articles/${SEED}`, `${NEXT_CONTENT}/${SEED}`);
  const seed = await readFile(`${NEXT_CONTENT}/${SEED}`, 'utf8');
  // The publisher corrected its last paragraph: a new content hash, the same slug.
  await writeFile(`${NEXT_CONTENT}/${SEED}`, seed.replace('mendekati 5.000.', 'mendekati 5.000 orang (diperbarui).'));
  await run('npx', ['vite', 'build', '--outDir', NEXT_BUILD, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, WARTA_VERSION: 'berikutnya', WARTA_CONTENT_DIR: NEXT_CONTENT },
  });
}
