import { defineConfig } from '@playwright/test';

/**
 * Runs the browser half of `npm run bench` (bench/run.ts starts it): the e2e harness serializes
 * functions into the page, which needs Playwright's transform (tsx adds helpers the page lacks).
 * Not part of the test command: playwright.config.ts never looks in bench/.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'browser-bench.playwright.ts',
  workers: 1,
  retries: 0,
  timeout: 6 * 60_000,
  reporter: [['line']],
  outputDir: '../test-results/bench-browser',
});
