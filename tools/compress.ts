/**
 * Writes a gzip copy (`.gz`, level 9) beside every text file of the build, so the server sends
 * compressed bytes without compressing per request, and the byte budgets measure exactly what a
 * reader downloads.
 *
 *   tsx tools/compress.ts [DIR]
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.map']);

export async function compressDir(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && TEXT.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(files.map(async (file) => writeFile(`${file}.gz`, gzipSync(await readFile(file), { level: 9 }))));
  return files.length;
}

if (process.argv[1]?.endsWith('compress.ts')) {
  const dir = process.argv[2] ?? 'dist';
  const count = await compressDir(dir);
  process.stdout.write(`compressed ${count} files in ${dir}\n`);
}
