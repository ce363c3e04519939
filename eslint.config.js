import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const electronIpcBan = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Use the typed wrappers (src/main/ipc/electron-ipc-main.ts, src/preload/electron-ipc-renderer.ts).',
};

/** Modules that reach files, sockets, processes or the keychain: out of bounds for test/unit. */
const unitTestIoModules = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'child_process',
  'worker_threads',
  'sqlite',
  'dns',
  'readline',
]
  .flatMap((name) => [name, `node:${name}`])
  .concat(['keytar', 'ws', 'conf', 'electron-store', 'eslint', '@deepgram/sdk', 'uiohook-napi']);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      // Engineers' own builds for the browser harness (EARSHOT_BUILD_DIR).
      '**/out-*/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronIpcBan] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The renderer talks to main only through window.earshot.' }] },
      ],
    },
  },
  {
    // The main-process core runs under plain Node and takes Electron's services as parameters.
    files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts', 'emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core must not depend on Electron; take it as a parameter.' },
          ],
          patterns: [
            { group: ['electron/*', 'electron-store'], message: 'The core must not depend on Electron.' },
          ],
        },
      ],
    },
  },
  {
    // Unit tests are pure: whatever needs a socket, a child process, a file or D-Bus is an
    // integration test (test/integration), so test/unit runs in seconds on any OS with no setup.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronIpcBan,
            ...unitTestIoModules.map((name) => ({
              name,
              message: 'Unit tests do no I/O: use test/integration.',
            })),
          ],
          patterns: [
            {
              group: [
                '**/support/*',
                '!**/support/refusal',
                '!**/support/seeded-random',
                '!**/support/session-id-samples',
                // Pure fakes and builders (no I/O of their own), shared with integration tests.
                '!**/support/fake-process-runner',
                '!**/support/dictation-test-kit',
                '!**/support/spoken-sessions',
                '**/emulator/index',
                '**/fixtures/*',
              ],
              message:
                'Unit tests do no I/O; this helper does (sockets, processes, files or D-Bus): use test/integration.',
            },
          ],
        },
      ],
    },
  },
  {
    // The only two modules allowed to touch Electron's raw IPC objects.
    files: ['src/main/ipc/electron-ipc-main.ts', 'src/preload/electron-ipc-renderer.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  prettier,
);
