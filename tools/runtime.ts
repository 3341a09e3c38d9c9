/**
 * Where the build's code runs: from its TypeScript through tsx (the tests, `tsx tools/build.ts`)
 * or from the bundle `npm run build` makes of it (tools/run.mjs), whose modules' own addresses are
 * the bundle's, not their sources'.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The project's folder. The build reads every source by a path relative to it (npm runs scripts
 * there), so it is where the build runs; a module's own address would be the bundle's.
 */
export const ROOT = process.cwd();

/**
 * A thread running one of the build's modules. From the bundle, the module is the bundle's own
 * `<name>.mjs` beside this one; from TypeScript, the thread registers tsx first and imports the
 * `.ts` file (on Node 20 a worker's entry module is loaded before any --import hook, so it cannot
 * be the .ts file itself; as modules, since the strings' loader imports with import()).
 */
export function moduleThread(name: 'build-worker' | 'compress-worker', options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${name}.mjs`, import.meta.url), options);
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/u, '.mjs'),
  ).href;
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * `npm run build`'s command as package.json has it: Node, its flags and the launcher, then the
 * build's own arguments may follow. What the tests' setup and the benchmark run, as users do,
 * without npm's start-up.
 */
export function buildCommand(): [node: string, ...args: string[]] {
  const [node = 'node', ...args] = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { build: string } }
  ).scripts.build.split(' ');
  return [node, ...args];
}
