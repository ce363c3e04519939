import { defineConfig } from '@playwright/test';

/**
 * Runs only the renderer half of `npm run bench:soak` (bench/soak.ts starts it). It runs
 * under Playwright's runner because the e2e harness serializes functions into the page, and
 * Playwright's transform leaves them as written (tsx adds helpers that do not exist there).
 * Not part of the test command: playwright.config.ts never looks in bench/.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'renderer-soak.playwright.ts',
  workers: 1,
  retries: 0,
  timeout: 8 * 60_000,
  reporter: [['line']],
  outputDir: '../test-results/bench-soak',
});
