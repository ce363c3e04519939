/**
 * The three windows' hardening, against the recording fake of Electron
 * (test/support/fake-electron): the main window, the caption overlay and the dictation
 * indicator are constructed with the same webPreferences, differing only in their own preload
 * and whether devTools are on, and each tells Chromium to send no UDP outside a proxy.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectedHardening } from '../../support/expected-hardening';
import { recordedCalls } from '../../support/fake-electron/recorded-calls';

// A computed URL: the fake is plain JavaScript without type declarations.
vi.mock(
  'electron',
  () => import(new URL('../../support/fake-electron/fake-electron.mjs', import.meta.url).href),
);

const bounds = { x: 10, y: 20, width: 300, height: 80 };

/** Each window, created as main creates it, with a preload path of its own. */
const windows = {
  main: async (devTools: boolean) =>
    (await import('../../../src/main/window')).createMainWindow({ preloadPath: '/p/index.cjs', devTools }),
  overlay: async (devTools: boolean) =>
    (await import('../../../src/main/overlay-window')).createOverlayWindow({
      preloadPath: '/p/overlay.cjs',
      devTools,
      bounds,
      transparent: true,
    }),
  indicator: async (devTools: boolean) =>
    (await import('../../../src/main/indicator-window')).createIndicatorWindow({
      preloadPath: '/p/indicator.cjs',
      devTools,
      bounds,
    }),
};

/** The webPreferences and WebRTC policy one window was created with. */
async function hardeningOf(
  name: keyof typeof windows,
  devTools: boolean,
): Promise<{ webPreferences: Record<string, unknown>; webRtcPolicies: unknown[] }> {
  const calls = await recordedCalls();
  calls.length = 0;
  const window = await windows[name](devTools);
  const created = calls.filter((call) => call.what === 'new BrowserWindow');
  expect(created).toHaveLength(1);
  const options = created[0]?.['options'] as { webPreferences: Record<string, unknown> };
  return {
    webPreferences: options.webPreferences,
    webRtcPolicies: calls
      .filter(
        (call) =>
          call.what === 'setWebRTCIPHandlingPolicy' && call['webContentsId'] === window.webContents.id,
      )
      .map((call) => call['policy']),
  };
}

describe('every window’s hardening (fake Electron)', () => {
  afterEach(async () => {
    (await recordedCalls()).length = 0;
  });

  it('is the same for the main window, the overlay and the indicator, but for their own preload', async () => {
    const main = await hardeningOf('main', false);
    const overlay = await hardeningOf('overlay', false);
    const indicator = await hardeningOf('indicator', false);
    expect(main.webPreferences['preload']).toBe('/p/index.cjs');
    expect(overlay.webPreferences['preload']).toBe('/p/overlay.cjs');
    expect(indicator.webPreferences['preload']).toBe('/p/indicator.cjs');

    const { preload: _main, ...mainHardening } = main.webPreferences;
    const { preload: _overlay, ...overlayHardening } = overlay.webPreferences;
    const { preload: _indicator, ...indicatorHardening } = indicator.webPreferences;
    expect(overlayHardening).toEqual(mainHardening);
    expect(indicatorHardening).toEqual(mainHardening);
    expect(mainHardening).toEqual(expectedHardening);
    for (const window of [main, overlay, indicator]) {
      expect(window.webRtcPolicies).toEqual(['disable_non_proxied_udp']);
    }
  });

  it('turns devTools on only when asked, in every window', async () => {
    for (const name of ['main', 'overlay', 'indicator'] as const) {
      expect((await hardeningOf(name, true)).webPreferences['devTools'], name).toBe(true);
      expect((await hardeningOf(name, false)).webPreferences['devTools'], name).toBe(false);
    }
  });
});
