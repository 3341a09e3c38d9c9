/**
 * Prints one closing line for the whole `npm test` run, from the unit and browser reports:
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

const unit = vitestCounts(await readJson('test-results/unit.json'));
const browser = playwrightCounts(await readJson('test-results/browser.json'));
const total: Counts = {
  passed: unit.passed + browser.passed,
  failed: unit.failed + browser.failed,
  skipped: unit.skipped + browser.skipped,
};
process.stdout.write(
  `unit: ${unit.passed} passed, ${unit.failed} failed; browser: ${browser.passed} passed, ${browser.failed} failed\n`,
);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
process.stdout.write(`warta tests: ${total.passed} passed, ${total.failed} failed${skipped}\n`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
