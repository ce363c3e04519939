import { defineConfig } from 'vitest/config';

/**
 * Two Node suites, named after their folders (`vitest run --project unit`, `--project integration`;
 * plain `vitest run` runs both).
 * - unit: pure code, no I/O: no sockets, child processes, files or D-Bus (eslint.config.js bans
 *   the imports that would do it). Runs in seconds on any OS, with no setup at all.
 * - integration: the keychain through a private Secret Service (gnome-keyring on its own D-Bus
 *   bus: tests never reach a real keychain), sockets to the emulator, child processes, files.
 */
export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Should a unit test ever reach for the keychain, it finds no bus rather than the user's.
          env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/earshot-unit-tests-have-no-d-bus' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks',
          globalSetup: ['test/setup/secret-service.ts'],
          setupFiles: ['test/setup/secret-service-env.ts'],
        },
      },
    ],
  },
});
