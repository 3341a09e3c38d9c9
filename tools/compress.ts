/**
 * Writes a gzip copy (`.gz`) beside every text file of the build, so the server sends compressed
 * bytes without compressing per request, and the byte budgets measure exactly what a reader
 * downloads. The copies are made with Zopfli (@gfx/zopfli, WebAssembly): standard gzip that
 * every browser reads, about 3 % smaller than zlib's level 9, which on a 2G link and a 40 KB
 * first visit is worth the second it adds to the build.
 *
 *   tsx tools/compress.ts [DIR]
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipAsync } from '@gfx/zopfli';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.map']);

export async function compressDir(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && TEXT.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name));
  // One at a time: the WebAssembly module is single-threaded, so parallel calls only queue.
  for (const file of files) {
    await writeFile(`${file}.gz`, await gzipAsync(await readFile(file), { numiterations: 15 }));
  }
  return files.length;
}

if (process.argv[1]?.endsWith('compress.ts')) {
  const dir = process.argv[2] ?? 'dist';
  const count = await compressDir(dir);
  process.stdout.write(`compressed ${count} files in ${dir}\n`);
}
