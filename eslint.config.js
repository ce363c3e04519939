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

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
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
    // The only two modules allowed to touch Electron's raw IPC objects.
    files: ['src/main/ipc/electron-ipc-main.ts', 'src/preload/electron-ipc-renderer.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  prettier,
);
