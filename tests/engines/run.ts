/**
 * The cross-engine suite: runs the steps of tests/engines/steps.ts in Firefox (Gecko) and in
 * WebKitGTK's MiniBrowser (WebKit), one engine after the other, against the built `dist/`, and
 * writes test-results/engines.json for tools/test-summary.ts.
 *
 *   tsx tests/engines/run.ts [firefox|webkit]…      (all engines when none is named)
 *
 * Every driver call has a time limit: an engine that hangs is killed by process id, its
 * remaining steps fail, and the run goes on, so `npm test` always ends.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../tools/build.js';
import { SLUG } from '../browser/seed.js';
import { Hang, within, type Driver } from './driver.js';
import { firefox } from './firefox.js';
import { EnginePage } from './page.js';
import { engineSite, reportCollector } from './server.js';
import { ENGINE_BUILD, STEPS, SYNC_EXTRA, SYNC_SLUG_PREFIX, type Step, type StepContext } from './steps.js';
import { webkit } from './webkit.js';

/** Each engine, and whether it sends CSP reports through the Reporting API (see `engineSite`). */
const ENGINES: Readonly<Record<string, { start: () => Promise<Driver>; reportingApi: boolean }>> = {
  firefox: { start: firefox, reportingApi: false },
  webkit: { start: webkit, reportingApi: true },
};

export interface StepResult {
  readonly name: string;
  readonly passed: boolean;
  readonly ms: number;
  readonly error?: string;
}

export interface EngineResult {
  readonly engine: string;
  readonly browser: string;
  readonly steps: StepResult[];
}

/** test-results/engines.json: what tools/test-summary.ts counts. */
export interface EnginesReport {
  readonly passed: number;
  readonly failed: number;
  readonly engines: EngineResult[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function print(engine: string, result: StepResult): void {
  const mark = result.passed ? '✓' : '✘';
  const error = result.error === undefined ? '' : `\n    ${result.error.replaceAll('\n', '\n    ')}`;
  process.stdout.write(`  ${mark} ${engine} › ${result.name} (${(result.ms / 1000).toFixed(1)} s)${error}\n`);
}

/** A step's failure (undefined when it passed), and whether the engine hung in it. */
async function runStep(step: Step, context: StepContext): Promise<{ error?: string; hang?: Hang }> {
  const problems: string[] = [];
  try {
    await step.run(context);
  } catch (caught) {
    if (caught instanceof Hang) return { error: caught.message, hang: caught };
    problems.push(message(caught));
  }
  // The step's page errors, whether or not it passed otherwise.
  try {
    await context.page.collectErrors();
  } catch (caught) {
    if (caught instanceof Hang) return { error: [...problems, caught.message].join('\n'), hang: caught };
    problems.push(`page errors unread: ${message(caught)}`);
  }
  const errors = context.page.takeErrors();
  if (errors.length > 0) problems.push(`page errors:\n${errors.join('\n')}`);
  return problems.length > 0 ? { error: problems.join('\n') } : {};
}

/**
 * The site the engines read: the project's content and `SYNC_EXTRA` more articles (copies of the
 * seed, dated after it), so a sync has articles to bring that the reader never opened. Built with
 * the project's build, scripts from its cache.
 */
async function buildEngineSite(): Promise<void> {
  const content = await mkdtemp(join(tmpdir(), 'warta-engines-content-'));
  try {
    await cp('content', content, { recursive: true });
    const seed = await readFile(join('content', 'articles', `${SLUG}.txt`), 'utf8');
    for (let day = 1; day <= SYNC_EXTRA; day += 1) {
      await writeFile(
        join(content, 'articles', `${SYNC_SLUG_PREFIX}${String(day)}.txt`),
        seed
          .replace(/^title: (.*)$/mu, `title: $1 (${String(day)})`)
          .replace(/^date: .*$/mu, `date: 2020-11-0${String(day)}`),
      );
    }
    await build({ out: ENGINE_BUILD, content, log: () => undefined });
  } finally {
    await rm(content, { recursive: true, force: true });
  }
}

async function runEngine(engine: string, { start, reportingApi }: (typeof ENGINES)[string]): Promise<EngineResult> {
  const collector = await reportCollector();
  const site = await engineSite(collector.url, { reportingApi, copyOf: ENGINE_BUILD });
  const steps: StepResult[] = [];
  const record = (result: StepResult): void => {
    steps.push(result);
    print(engine, result);
  };
  let driver: Driver | null = null;
  try {
    driver = await within(90_000, `${engine} starting`, start());
    process.stdout.write(`${driver.name}\n`);
  } catch (error) {
    for (const step of STEPS) record({ name: step.name, passed: false, ms: 0, error: message(error) });
  }
  if (driver !== null) {
    const context: StepContext = { page: new EnginePage(driver, site.origin), site, reports: collector.reports };
    let stuck: string | null = null;
    for (const step of STEPS) {
      if (stuck !== null) {
        record({ name: step.name, passed: false, ms: 0, error: `not run: ${stuck}` });
        continue;
      }
      const started = Date.now();
      const { error, hang } = await runStep(step, context);
      if (hang !== undefined) {
        stuck = `${engine} was stopped after a hang (${hang.message})`;
        driver.kill();
      }
      record({ name: step.name, passed: error === undefined, ms: Date.now() - started, error });
    }
    if (stuck === null) await within(15_000, `${engine} closing`, driver.close()).catch(() => undefined);
    driver.kill();
  }
  await site.stop().catch(() => undefined);
  await collector.close();
  return { engine, browser: driver?.name ?? engine, steps };
}

if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/index.html not found: build first (npm run build)\n');
  process.exit(1);
}
await buildEngineSite();
const named = process.argv.slice(2);
for (const name of named)
  if (!(name in ENGINES)) throw new Error(`no engine "${name}": ${Object.keys(ENGINES).join(', ')}`);
const started = Date.now();
const engines: EngineResult[] = [];
for (const [engine, setup] of Object.entries(ENGINES)) {
  if (named.length > 0 && !named.includes(engine)) continue;
  engines.push(await runEngine(engine, setup));
}
const all = engines.flatMap((engine) => engine.steps);
const report: EnginesReport = {
  passed: all.filter((step) => step.passed).length,
  failed: all.filter((step) => !step.passed).length,
  engines,
};
await mkdir('test-results', { recursive: true });
await writeFile('test-results/engines.json', `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`cross-engine suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write(`engines: ${report.passed} passed, ${report.failed} failed\n`);
// Exits outright: a driver library's leftover socket or timer must not keep `npm test` waiting.
process.exit(report.failed > 0 || report.passed === 0 ? 1 : 0);
