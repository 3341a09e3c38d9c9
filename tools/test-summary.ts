/**
 * Prints one closing line for the whole `npm test` run, from the unit, browser and cross-engine
 * reports:
 * `warta tests: N passed, N failed` (and skipped, if any). CI reads this line.
 */
import { readFile } from 'node:fs/promises';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    throw new Error(`${file} is missing or unreadable: did that test step run?`);
  }
}

function vitestCounts(report: unknown): Counts {
  const r = report as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(report: unknown): Counts {
  const stats = (report as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
}

/** tests/engines/run.ts counts each step in each engine. */
function enginesCounts(report: unknown): Counts {
  const r = report as { passed: number; failed: number };
  return { passed: r.passed, failed: r.failed, skipped: 0 };
}

const parts: Record<string, Counts> = {
  unit: vitestCounts(await readJson('test-results/unit.json')),
  browser: playwrightCounts(await readJson('test-results/browser.json')),
  engines: enginesCounts(await readJson('test-results/engines.json')),
};
const counts = Object.values(parts);
const total: Counts = {
  passed: counts.reduce((sum, part) => sum + part.passed, 0),
  failed: counts.reduce((sum, part) => sum + part.failed, 0),
  skipped: counts.reduce((sum, part) => sum + part.skipped, 0),
};
process.stdout.write(
  `${Object.entries(parts)
    .map(([name, part]) => `${name}: ${part.passed} passed, ${part.failed} failed`)
    .join('; ')}\n`,
);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
process.stdout.write(`warta tests: ${total.passed} passed, ${total.failed} failed${skipped}\n`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
