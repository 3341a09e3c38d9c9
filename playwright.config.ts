import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tools/chromium.js';

/** The browser tests' own port, so a reader's `npm start` on 4173 does not collide. */
const PORT = Number(process.env['WARTA_TEST_PORT'] ?? 4317);

export default defineConfig({
  testDir: 'tests/browser',
  // Builds a second version of the app for the update and new-version tests.
  globalSetup: './tests/browser/global-setup.ts',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  // Playwright empties its outputDir on start: keep it apart from the unit tests' report.
  outputDir: 'test-results/browser-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/browser.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    locale: 'id-ID',
    launchOptions: {
      executablePath: findChromium(),
      args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    },
  },
  // The built app, served by the same script as `npm start`. `npm test` builds before this runs.
  webServer: {
    command: 'tsx tools/serve.ts dist',
    url: `http://localhost:${PORT}/`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
