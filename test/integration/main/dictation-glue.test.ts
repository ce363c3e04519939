/**
 * The dictation glue in the built main entry, under fake Electron (no Electron binary here):
 * the default chord is registered with globalShortcut, Settings hears whether it works (here:
 * no X display for the hook, so tap-only, or taken by another app), a press asks the window to
 * capture, a dictation that cannot start is told in a notification, a new chord replaces the
 * grab, and quitting lets go of it. The real app: test/electron/dictation.spec.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../../..');
const fakeDir = join(import.meta.dirname, '../../support/fake-electron');
let buildDir: string;
const userDataDirs: string[] = [];

interface Report {
  calls: Array<{ what: string; [detail: string]: unknown }>;
  probes: Record<string, unknown>;
}

function runMain(env: Record<string, string>): Report {
  const userDataDir = mkdtempSync(join(tmpdir(), 'earshot-dictation-glue-'));
  userDataDirs.push(userDataDir);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      join(fakeDir, 'register.mjs'),
      join(fakeDir, 'drive-dictation.mjs'),
      join(buildDir, 'main', 'index.js'),
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
      // No DISPLAY: the hook must not start (libuiohook would abort the process) and the glue falls back.
      env: {
        ...process.env,
        DISPLAY: '',
        WAYLAND_DISPLAY: '',
        ELECTRON_RENDERER_URL: '',
        EARSHOT_USER_DATA_DIR: userDataDir,
        FAKE_ELECTRON_USER_DATA: userDataDir,
        ...env,
      },
    },
  );
  const line = run.stdout.split('\n').find((text) => text.startsWith('FAKE-ELECTRON-REPORT '));
  if (!line) throw new Error(`main did not report:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('FAKE-ELECTRON-REPORT '.length)) as Report;
}

const callsTo = (report: Report, what: string) => report.calls.filter((call) => call.what === what);

beforeAll(() => {
  mkdirSync(join(projectRoot, '.cache'), { recursive: true });
  buildDir = mkdtempSync(join(projectRoot, '.cache', 'dictation-glue-'));
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
}, 90_000);

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  for (const directory of userDataDirs) rmSync(directory, { recursive: true, force: true });
});

describe('the dictation glue in the built main, under fake Electron', () => {
  let report: Report;
  beforeAll(() => {
    report = runMain({});
  }, 60_000);

  it('registers the default chord and says that only taps work without the hook', () => {
    expect(callsTo(report, 'globalShortcut.register')[0]).toMatchObject({ accelerator: 'Control+Alt+Space' });
    const status = report.probes.status as {
      ok: boolean;
      value: { dictation: { state: string; sentence: string } };
    };
    expect(status.ok).toBe(true);
    expect(status.value.dictation.state).toBe('tap-only');
    expect(status.value.dictation.sentence).toContain('X display');
    expect(status.value.dictation.sentence).toContain('tap Ctrl+Alt+Space to start dictating');
  });

  it('a press asks the window to capture, and a dictation that cannot start says so in a notification', () => {
    expect(report.probes.pressed).toBe(true);
    expect(report.probes.sent).toEqual(
      expect.arrayContaining([expect.objectContaining({ payload: { action: 'start' } })]),
    );
    const shown = callsTo(report, 'notification.show');
    expect(shown).toHaveLength(1);
    // No key saved: main's own sentence, never a stack trace.
    expect(String(shown[0]?.body)).toMatch(/key/i);
    expect(String(shown[0]?.body)).not.toMatch(/at .*\.js/);
  });

  it('a new chord replaces the grab; quitting lets go of it', () => {
    const status = report.probes.statusAfterChange as { value: { dictation: { chord: string } } };
    expect(status.value.dictation.chord).toBe('Ctrl+Alt+D');
    const unregistered = callsTo(report, 'globalShortcut.unregister').map((call) => call.accelerator);
    expect(unregistered).toEqual(['Control+Alt+Space', 'Control+Alt+D']);
  });

  it('a chord another app holds is reported in Settings with a sentence', () => {
    const taken = runMain({ FAKE_ELECTRON_TAKEN_SHORTCUTS: 'Control+Alt+Space' });
    const status = taken.probes.status as { value: { dictation: { state: string; sentence: string } } };
    expect(status.value.dictation.state).toBe('taken');
    expect(status.value.dictation.sentence).toContain('Another app already uses Ctrl+Alt+Space');
    expect(taken.probes.pressed).toBe(false);
  }, 60_000);
});
