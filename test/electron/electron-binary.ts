/**
 * Finds the Electron executable the npm package installed, without requiring 'electron'
 * (which would try to download a missing binary). Returns why it is unusable instead of a
 * path when it is not there, so the specs can report a skip with that reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

export type ElectronBinary = { path: string; problem: null } | { path: null; problem: string };

export function findElectronBinary(): ElectronBinary {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      problem: `${pathFile} is missing (the electron package's binary download never ran)`,
    };
  }
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  const overrideDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const path = overrideDir ? join(overrideDir, relativePath) : join(packageDir, 'dist', relativePath);
  if (!existsSync(path)) return { path: null, problem: `${path} does not exist` };
  return { path, problem: null };
}
