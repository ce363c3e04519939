/**
 * Builds only the preload, with the project's own preload settings, into
 * EARSHOT_PRELOAD_OUT_DIR: the preload bundle test inspects what this produces.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import projectConfig from '../../../electron.vite.config';

const outDir = process.env['EARSHOT_PRELOAD_OUT_DIR'];
if (!outDir) throw new Error('EARSHOT_PRELOAD_OUT_DIR must name the output directory.');
if (typeof projectConfig !== 'object' || !('preload' in projectConfig) || !projectConfig.preload) {
  throw new Error('electron.vite.config.ts must export an object with a preload section.');
}
const preload = projectConfig.preload;

const projectRoot = resolve(import.meta.dirname, '../../..');

// The project config's paths are relative to its own directory, which is not this one once
// electron-vite bundles this file, so the root and entry are restated from here.
export default defineConfig({
  preload: {
    ...preload,
    root: projectRoot,
    build: {
      ...preload.build,
      outDir,
      emptyOutDir: true,
      rolldownOptions: {
        ...preload.build?.rolldownOptions,
        input: { index: resolve(projectRoot, 'src/preload/index.ts') },
      },
    },
  },
});
