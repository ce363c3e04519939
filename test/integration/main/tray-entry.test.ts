/**
 * The built main entry under the fake Electron (no Electron binary here), driven through its
 * tray by test/support/fake-electron/drive-tray.mjs: the tray's state and menu, closing the
 * window to the tray, opening it again, and Quit really quitting.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../../..');
const fakeDir = join(import.meta.dirname, '../../support/fake-electron');

interface Report {
  calls: Array<{ what: string; [detail: string]: unknown }>;
  probes: Record<string, unknown>;
}

let buildDir = '';
let userDataDir = '';
let report: Report;

beforeAll(() => {
  mkdirSync(join(projectRoot, '.cache'), { recursive: true });
  buildDir = mkdtempSync(join(projectRoot, '.cache', 'tray-entry-'));
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
      env: { ...process.env, EARSHOT_MAIN_OUT_DIR: join(buildDir, 'main') },
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`main build failed:\n${build.stdout}\n${build.stderr}`);
  userDataDir = mkdtempSync(join(tmpdir(), 'earshot-tray-entry-'));
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      join(fakeDir, 'register.mjs'),
      join(fakeDir, 'drive-tray.mjs'),
      join(buildDir, 'main', 'index.js'),
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        ELECTRON_RENDERER_URL: '',
        EARSHOT_USER_DATA_DIR: userDataDir,
        FAKE_ELECTRON_USER_DATA: userDataDir,
      },
    },
  );
  const line = run.stdout.split('\n').find((text) => text.startsWith('FAKE-ELECTRON-REPORT '));
  if (!line) throw new Error(`main did not report:\n${run.stdout}\n${run.stderr}`);
  report = JSON.parse(line.slice('FAKE-ELECTRON-REPORT '.length)) as Report;
}, 120_000);

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the tray, in the built main under the fake Electron', () => {
  it('shows the idle state with a 2× PNG icon: Start, the caption overlay’s own item (added through TrayModel.addSection), Open Earshot, Quit Earshot', () => {
    expect(report.calls.filter((call) => call.what === 'new Tray')).toHaveLength(1);
    expect(report.probes['idle']).toEqual({
      tooltip: 'Earshot: not listening',
      menu: ['Start', 'separator', 'Show captions', 'separator', 'Open Earshot', 'Quit Earshot'],
      image: 2,
    });
  });

  it('closes the window as usual while the setting is off', () => {
    expect(report.probes['closeWithSettingOff']).toEqual({ prevented: false, visible: true });
  });

  it('with "keep running in the tray" on, closing hides the window; Open Earshot shows it again', () => {
    expect(report.probes['setting']).toMatchObject({ ok: true, value: { settings: { closeToTray: true } } });
    expect(report.probes['closeWithSettingOn']).toEqual({ prevented: true, visible: false });
    expect(report.calls.filter((call) => call.what === 'window.hide')).toHaveLength(1);
    expect(report.probes['afterOpenFromTray']).toEqual({ visible: true });
  });

  it("follows the session's state from main's own events", () => {
    expect(report.probes['afterError']).toEqual({
      tooltip: 'Earshot: stopped by a problem; open Earshot to see what to do',
      menu: ['Start', 'separator', 'Show captions', 'separator', 'Open Earshot', 'Quit Earshot'],
    });
  });

  it('Quit Earshot really quits: the window is no longer kept, and the core shuts down first', () => {
    expect(report.probes['quitCalled']).toBe(true);
    expect(report.probes['closeWhileQuitting']).toEqual({ prevented: false, visible: true });
    expect(report.calls.filter((call) => call.what === 'quit').length).toBeGreaterThanOrEqual(2);
  });
});
