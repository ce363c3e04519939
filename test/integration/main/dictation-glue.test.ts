/**
 * The dictation glue in the built main entry, under fake Electron (no Electron binary here):
 * the default chord is registered with globalShortcut, Settings hears whether it works (here:
 * no X display for the hook, so tap-only, or taken by another app), a press asks the window to
 * capture, a dictation that cannot start is told in a notification, a new chord replaces the
 * grab, and quitting lets go of it. The real app: test/electron/dictation.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain, type BuiltMain, type FakeElectronReport } from '../../support/built-main';

let built: BuiltMain | null = null;

type Report = FakeElectronReport;

function runMain(env: Record<string, string>): Report {
  if (!built) throw new Error('main was not built');
  // No DISPLAY: the hook must not start (libuiohook would abort the process) and the glue falls back.
  return built.run('drive-dictation.mjs', { DISPLAY: '', WAYLAND_DISPLAY: '', ...env }).report;
}

const callsTo = (report: Report, what: string) => report.calls.filter((call) => call.what === what);

beforeAll(() => {
  built = buildMain('dictation-glue');
}, 90_000);

afterAll(() => built?.remove());

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
