/**
 * Builds only the main process, with the project's own main settings, into
 * EARSHOT_MAIN_OUT_DIR (which must sit inside the project, so the bundle's external
 * imports resolve from node_modules): test/support/built-main.ts runs what this produces.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import projectConfig from '../../../electron.vite.config';

const outDir = process.env['EARSHOT_MAIN_OUT_DIR'];
if (!outDir) throw new Error('EARSHOT_MAIN_OUT_DIR must name the output directory.');
if (typeof projectConfig !== 'object' || !('main' in projectConfig) || !projectConfig.main) {
  throw new Error('electron.vite.config.ts must export an object with a main section.');
}
const main = projectConfig.main;
const projectRoot = resolve(import.meta.dirname, '../../..');

// The project config's paths are relative to its own directory, which is not this one once
// electron-vite bundles this file, so the root and entry are restated from here.
export default defineConfig({
  main: {
    ...main,
    root: projectRoot,
    build: {
      ...main.build,
      outDir,
      emptyOutDir: true,
      // npm run coverage maps the child's V8 coverage of this bundle back to src/ through it.
      sourcemap: process.env['EARSHOT_COVERAGE_NODE_DIR'] ? true : main.build?.sourcemap,
      rolldownOptions: {
        ...main.build?.rolldownOptions,
        input: { index: resolve(projectRoot, 'src/main/index.ts') },
      },
    },
  },
});
