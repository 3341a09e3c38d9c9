import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the pure modules (parser, matching, storage with fake-indexeddb) and the
// build tools. Browser behaviour is tested by Playwright against the built app (tests/browser).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
