import { defineConfig } from '@playwright/test';

/**
 * Playwright suites, named after their folders. `browser` (test/browser): the built renderer
 * and the real preload in Debian's Chromium over an emulation of Electron's IPC
 * (test/browser/harness). `live`: the end-to-end dictation spec in the same folder, against
 * the emulator or, with DEEPGRAM_API_URL/KEY, a real endpoint. `electron` (test/electron): the
 * real binary through Playwright's _electron, skipped where no Electron binary exists.
 * Nothing is built here: `npm run build` (scripts/test.sh does it) comes first.
 */
export default defineConfig({
  globalSetup: './test/setup/playwright-global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      testDir: './test/browser',
      testMatch: '*.spec.ts',
      testIgnore: 'live.spec.ts',
    },
    {
      name: 'live',
      testDir: './test/browser',
      testMatch: 'live.spec.ts',
      timeout: 300_000,
    },
    {
      name: 'electron',
      testDir: './test/electron',
      testMatch: '*.spec.ts',
    },
  ],
});
