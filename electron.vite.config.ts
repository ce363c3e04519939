import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/main/content-security-policy';
import { pageLockdown } from './src/renderer/vite-page-lockdown';
import { pageShell } from './src/renderer/vite-page-shell';

const shared = resolve(import.meta.dirname, 'src/shared');

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      // keytar is a native addon and must stay a runtime require.
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      // A sandboxed preload may only require Electron's renderer modules, so everything
      // else is bundled in and the output is CommonJS despite "type": "module".
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/preload/index.ts'),
          overlay: resolve(import.meta.dirname, 'src/preload/overlay.ts'),
          indicator: resolve(import.meta.dirname, 'src/preload/indicator.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias: { '@shared': shared } },
    plugins: [
      react(),
      pageShell({ headerPolicy: contentSecurityPolicy({ devServerOrigin: null }) }),
      pageLockdown(),
    ],
    build: {
      // npm run coverage maps Chromium's coverage of the bundle back to src/ through these.
      sourcemap: process.env['EARSHOT_COVERAGE'] ? 'inline' : false,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/renderer/index.html'),
          overlay: resolve(import.meta.dirname, 'src/renderer/overlay/index.html'),
          indicator: resolve(import.meta.dirname, 'src/renderer/indicator/index.html'),
        },
      },
    },
  },
});
