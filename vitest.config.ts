import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the pure modules (parser, matching, storage with fake-indexeddb) and the
// build tools. Browser behaviour is tested by Playwright against the built app (tests/browser).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // A guard against hangs, not a speed test (timings live in npm run bench): the property and
    // fuzz tests run thousands of cases and took over Vitest's 5 s default on a loaded 2-core CI.
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
