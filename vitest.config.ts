import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A private gnome-keyring on its own D-Bus bus: tests never reach a real keychain.
    globalSetup: ['test/setup/secret-service.ts'],
    setupFiles: ['test/setup/secret-service-env.ts'],
  },
});
