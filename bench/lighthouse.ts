/**
 * Lighthouse against the system Chromium, as the benchmark runs it (mobile, its default), and a
 * repeat check: `tsx bench/lighthouse.ts [RUNS] [DIR]` serves a build (default `dist/`) and audits
 * its article page RUNS times (default 10) in a row, printing each run's four scores and the console errors
 * Lighthouse saw. It exits 1 when a run's best practices fall below 100 or it saw a console
 * error, which an intermittent fault does in some runs only (issue 12, 2.3: 3 runs in 7).
 * A benchmark, not a test: it takes about ten seconds a run and is not part of `npm test`.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, findChromium } from '../tools/chromium.js';
import { serve } from '../tools/serve.js';

export interface LighthouseRun {
  /** performance, accessibility, best-practices and seo, 0–100. */
  readonly scores: Record<string, number>;
  /** What the errors-in-console audit listed: the message and where it came from. */
  readonly consoleErrors: string[];
}

/** One Lighthouse mobile run of a page, in a fresh Chromium (so a first visit every time). */
export async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const categories = result?.lhr.categories ?? {};
    const details = result?.lhr.audits['errors-in-console']?.details;
    const items = details?.type === 'table' ? details.items : [];
    return {
      scores: Object.fromEntries(
        Object.entries(categories).map(([id, category]) => [id, Math.round((category.score ?? 0) * 100)]),
      ),
      consoleErrors: items.map((item) => {
        const { description, sourceLocation: where } = item;
        const text = typeof description === 'string' ? description : JSON.stringify(description);
        const url = typeof where === 'object' && 'type' in where && where.type === 'source-location' ? where.url : '';
        return url === '' ? text : `${text} (${url})`;
      }),
    };
  } finally {
    chrome.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 10);
  const dir = process.argv[3] ?? 'dist';
  if (!existsSync(join(dir, 'index.html'))) {
    process.stderr.write(`${dir}/index.html not found: build first (npm run build)\n`);
    process.exit(1);
  }
  const server = await serve({ dir, port: Number(process.env['PORT'] ?? 0) });
  const url = `http://localhost:${String((server.address() as AddressInfo).port)}/artikel/2020-10-31-armenia-azerbaijan-jenewa/`;
  let failed = 0;
  try {
    process.stdout.write(`Lighthouse, ${String(runs)} runs of ${url}\nrun  perf  a11y  best  seo   console errors\n`);
    for (let run = 1; run <= runs; run += 1) {
      const { scores, consoleErrors } = await lighthouseRun(url);
      const score = (id: string): string => String(scores[id] ?? '-').padEnd(6);
      if ((scores['best-practices'] ?? 0) < 100 || consoleErrors.length > 0) failed += 1;
      process.stdout.write(
        `${String(run).padEnd(5)}${score('performance')}${score('accessibility')}${score('best-practices')}${score('seo')}` +
          `${consoleErrors.length === 0 ? 'none' : consoleErrors.join('; ')}\n`,
      );
    }
  } finally {
    server.close();
  }
  process.stdout.write(
    failed === 0 ? `all ${String(runs)} runs clean\n` : `${String(failed)} of ${String(runs)} runs not clean\n`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}
