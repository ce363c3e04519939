/**
 * The built main entry under the fake Electron (no Electron binary exists on these machines):
 * main is built with the project's own settings (test/integration/main/main-build.config.ts)
 * into .cache/built-main-* (inside the project, so the bundle's external imports resolve from
 * node_modules), then run under plain Node with one of the fake-electron/ drivers, which
 * prints what main did as a FAKE-ELECTRON-REPORT line.
 *
 * Under npm run coverage (EARSHOT_COVERAGE_NODE_DIR set), every run writes V8's coverage of
 * the bundle there and the bundle stays until scripts/coverage.mjs has mapped it to src/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../..');
const fakeDir = join(import.meta.dirname, 'fake-electron');
const coverageDir = process.env['EARSHOT_COVERAGE_NODE_DIR'];

/** scripts/coverage.mjs removes the bundles it has mapped by this prefix. */
const builtMainPrefix = 'built-main-';

export interface FakeElectronReport {
  calls: Array<{ what: string; [detail: string]: unknown }>;
  probes: Record<string, unknown>;
}

export interface BuiltMain {
  /** Where the build went: main/index.js, preload/…. */
  readonly directory: string;
  /**
   * Runs the bundle with `driver` (a file in fake-electron/) and a fresh user data folder,
   * which `prepare` may fill first.
   */
  run<R = FakeElectronReport>(
    driver: string,
    env?: Record<string, string>,
    prepare?: (userDataDir: string) => void,
  ): { report: R; userDataDir: string };
  /** Removes the user data folders, and the build unless coverage still needs it. */
  remove(): void;
}

/** Builds main once; `name` tells the test's folders apart in .cache and the temp folder. */
export function buildMain(name: string): BuiltMain {
  // A fresh clone has no .cache folder yet (it is git-ignored).
  mkdirSync(join(projectRoot, '.cache'), { recursive: true });
  const directory = mkdtempSync(join(projectRoot, '.cache', `${builtMainPrefix}${name}-`));
  const userDataDirs: string[] = [];
  const build = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '-c',
      'test/integration/main/main-build.config.ts',
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, EARSHOT_MAIN_OUT_DIR: join(directory, 'main') },
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`main build failed:\n${build.stdout}\n${build.stderr}`);

  return {
    directory,
    run<R>(driver: string, env: Record<string, string> = {}, prepare?: (userDataDir: string) => void) {
      const userDataDir = mkdtempSync(join(tmpdir(), `earshot-${name}-`));
      userDataDirs.push(userDataDir);
      prepare?.(userDataDir);
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          join(fakeDir, 'register.mjs'),
          join(fakeDir, driver),
          join(directory, 'main', 'index.js'),
        ],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            ELECTRON_RENDERER_URL: '',
            EARSHOT_USER_DATA_DIR: userDataDir,
            // Electron's own default; a packaged app must end up here whatever the environment says.
            FAKE_ELECTRON_USER_DATA: userDataDir,
            ...(coverageDir ? { NODE_V8_COVERAGE: coverageDir } : {}),
            ...env,
          },
        },
      );
      const line = run.stdout.split('\n').find((text) => text.startsWith('FAKE-ELECTRON-REPORT '));
      if (!line) throw new Error(`main did not report:\n${run.stdout}\n${run.stderr}`);
      return { report: JSON.parse(line.slice('FAKE-ELECTRON-REPORT '.length)) as R, userDataDir };
    },
    remove() {
      if (!coverageDir) rmSync(directory, { recursive: true, force: true });
      for (const userDataDir of userDataDirs) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
