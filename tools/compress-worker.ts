/**
 * One thread of the compression pool (tools/compress.ts): makes the gzip copy of each file it is
 * sent, and answers with its path (or why it failed).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import type { CompressJob, CompressDone } from './compress.js';
import { GZIP_LEVELS } from './output.js';

/** Zopfli's iterations: what it was tuned with for small files. */
const ZOPFLI_ITERATIONS = 15;

parentPort?.on('message', (job: CompressJob) => {
  void compress(job).then(
    () => {
      parentPort?.postMessage({ path: job.path, error: null } satisfies CompressDone);
    },
    (error: unknown) => {
      parentPort?.postMessage({ path: job.path, error: String(error) } satisfies CompressDone);
    },
  );
});

async function compress(job: CompressJob): Promise<void> {
  const source = await readFile(job.file);
  const copy =
    job.method === 'zopfli'
      ? await gzipAsync(source, { numiterations: ZOPFLI_ITERATIONS })
      : gzipSync(source, { level: GZIP_LEVELS[job.method] });
  await writeFile(`${job.file}.gz`, copy);
}
