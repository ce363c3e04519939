import { defineConfig } from '@playwright/test';

/**
 * Browser suites. `emulated-electron`: the built renderer and the real preload in Debian's
 * Chromium over an emulation of Electron's IPC (test/e2e/harness). `live`: the end-to-end
 * dictation test, against the emulator or, with DEEPGRAM_API_URL/KEY, a real endpoint.
 * `electron`: Playwright _electron specs, skipped where no Electron binary exists.
 * Nothing is built here: the test script runs `electron-vite build` first.
 */
export default defineConfig({
  globalSetup: './test/e2e/global-setup.ts',
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
      name: 'emulated-electron',
      testDir: './test/e2e',
      testMatch: '*.spec.ts',
      testIgnore: 'live.spec.ts',
    },
    {
      name: 'live',
      testDir: './test/e2e',
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
