// @ts-check
/**
 * `npm run build`: tools/build.ts bundled by esbuild into plain JavaScript in the cache, and run by
 * Node itself. Through tsx, each of the build's modules is resolved and loaded by tsx's hooks on a
 * thread of their own: loading the build took 0.38 s that way, 0.14 s as a bundle, of a build
 * that adds one article to 100,000 in about four. JavaScript, not TypeScript, since it runs
 * before anything could compile TypeScript.
 *
 * The bundle (with the build's threads' modules, tools/runtime.ts) is kept under a key of every
 * file it may be made from (tools/ and src/: their paths, sizes and times, and the lock file),
 * made again only when one changes, into a folder of its own renamed into place, so builds side by
 * side never see half a bundle. Packages stay outside it, loaded from node_modules as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const CACHE = 'node_modules/.cache/warta';
const SOURCES = ['tools', 'src'];
const ENTRIES = {
  build: 'tools/build.ts',
  'build-worker': 'tools/build-worker.ts',
  'compress-worker': 'tools/compress-worker.ts',
};
/** Bundles of other sources not used for this long are deleted when one is made. */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

/** A key of the files a bundle may be made from: each one's path, size and time (a few ms for 300 files). */
function sourcesKey() {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
  );
  for (const file of [...files, 'package-lock.json'].sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}\0${String(size)}\0${String(mtimeMs)}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The bundle's folder for these sources, made unless it is there. */
async function bundle() {
  const dir = join(CACHE, `bundle-${sourcesKey()}`);
  if (existsSync(join(dir, 'build.mjs'))) return dir;
  const { build } = await import('esbuild');
  const making = `${dir}.making-${String(process.pid)}`;
  await build({
    entryPoints: ENTRIES,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir: making,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  await rename(making, dir).catch(async () => {
    // Another build made it meanwhile: theirs is as good.
    await rm(making, { recursive: true, force: true });
  });
  const now = Date.now();
  for (const entry of readdirSync(CACHE)) {
    const path = join(CACHE, entry);
    if (!entry.startsWith('bundle-') || path === dir || entry.includes('.making-')) continue;
    if (now - statSync(path).mtimeMs > UNUSED_FOR_MS) await rm(path, { recursive: true, force: true });
  }
  return dir;
}

const dir = await bundle();
/** @type {{ main: (args: readonly string[]) => Promise<number> }} */
const built = await import(pathToFileURL(resolve(dir, 'build.mjs')).href);
process.exitCode = await built.main(process.argv.slice(2));
