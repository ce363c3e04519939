/**
 * The indicator's window as main creates it, against the recording fake of Electron
 * (test/support/fake-electron): never focusable, frameless, transparent, out of the taskbar,
 * always on top (above full-screen apps), clicks passing through, the main window's hardening,
 * its own preload, and not shown by creating it (the controller shows it with showInactive).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectedHardening } from '../../support/expected-hardening';
import { recordedCalls } from '../../support/fake-electron/recorded-calls';

// A computed URL: the fake is plain JavaScript without type declarations.
vi.mock(
  'electron',
  () => import(new URL('../../support/fake-electron/fake-electron.mjs', import.meta.url).href),
);

describe('the indicator window (fake Electron)', () => {
  afterEach(async () => {
    (await recordedCalls()).length = 0;
  });

  it('is created hidden, non-focusable, on top and hardened like the main window', async () => {
    const { createIndicatorWindow } = await import('../../../src/main/indicator-window');
    const calls = await recordedCalls();
    const window = createIndicatorWindow({
      preloadPath: '/app/out/preload/indicator.cjs',
      devTools: false,
      bounds: { x: 10, y: 20, width: 220, height: 40 },
    });
    const created = calls.find((call) => call.what === 'new BrowserWindow');
    expect(created?.['options']).toMatchObject({
      x: 10,
      y: 20,
      width: 220,
      height: 40,
      show: false,
      focusable: false,
      frame: false,
      transparent: true,
      skipTaskbar: true,
      alwaysOnTop: true,
      resizable: false,
      webPreferences: { ...expectedHardening, preload: '/app/out/preload/indicator.cjs' },
    });
    const id = window.webContents.id;
    const what = calls.map((call) => call.what);
    expect(what).not.toContain('window.showInactive');
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          what: 'setWebRTCIPHandlingPolicy',
          webContentsId: id,
          policy: 'disable_non_proxied_udp',
        }),
        expect.objectContaining({ what: 'window.setAlwaysOnTop', flag: true, level: 'screen-saver' }),
        expect.objectContaining({ what: 'window.setIgnoreMouseEvents', ignore: true }),
        expect.objectContaining({ what: 'window.setVisibleOnAllWorkspaces', visible: true }),
      ]),
    );
  });

  it('the controller shows it with showInactive, never show/focus', async () => {
    const { createIndicatorWindow } = await import('../../../src/main/indicator-window');
    const { createIndicatorController } = await import('../../../src/main/indicator-controller');
    const { idleSessionState } = await import('../../../src/shared/session-state');
    const calls = await recordedCalls();
    const controller = createIndicatorController({
      createWindow: (bounds) => createIndicatorWindow({ preloadPath: '/p.cjs', devTools: false, bounds }),
      workArea: () => ({ x: 0, y: 0, width: 1000, height: 700 }),
      enabled: () => true,
      mainWindowFocused: () => false,
      now: () => 0,
    });
    controller.sessionState({ ...idleSessionState, phase: 'live' });
    expect(calls.filter((call) => call.what === 'window.showInactive')).toHaveLength(1);
    controller.sessionState({ ...idleSessionState, phase: 'idle' });
    expect(calls.filter((call) => call.what === 'window.hide')).toHaveLength(1);
  });
});
