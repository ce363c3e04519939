/**
 * The caption overlay in the built main under the fake Electron (no Electron binary here),
 * driven by test/support/fake-electron/drive-overlay.mjs: the window's options, its own IPC,
 * click-through with the shortcut and the tray item out of it, and its place per display.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain, type BuiltMain, type FakeElectronReport } from '../../support/built-main';

let built: BuiltMain | null = null;
let report: FakeElectronReport;

beforeAll(() => {
  built = buildMain('overlay-entry');
  report = built.run('drive-overlay.mjs').report;
}, 120_000);

afterAll(() => built?.remove());

const overlayCalls = (what: string) => report.calls.filter((call) => call.what === what);

describe('the caption overlay, in the built main under the fake Electron', () => {
  it('opens one frameless, always-on-top window with the overlay’s own preload and the main window’s hardening', () => {
    expect(report.probes['shown']).toEqual({ ok: true, value: true });
    expect(report.probes['windowCount']).toBe(2);
    expect(report.probes['windowCountAfterSecondShow']).toBe(2);
    const options = report.probes['overlayOptions'] as Record<string, unknown> & {
      webPreferences: Record<string, unknown>;
    };
    expect(options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: true,
      show: false,
    });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(options.webPreferences['preload'])).toMatch(/preload\/overlay\.cjs$/);
    expect(report.probes['overlayUrl']).toBe('app://earshot/overlay/index.html');
  });

  it('floats above full-screen apps and shows without taking the focus', () => {
    expect(overlayCalls('window.setAlwaysOnTop')).toContainEqual(
      expect.objectContaining({ flag: true, level: 'screen-saver' }),
    );
    expect(overlayCalls('window.showInactive').length).toBeGreaterThan(0);
    expect(report.probes['overlayVisible']).toBe(true);
  });

  it('answers the overlay on its own channels only; main’s channels refuse the overlay, and the overlay’s refuse the main window', () => {
    expect(report.probes['viewFromOverlay']).toMatchObject({ ok: true, value: { clickThrough: false } });
    expect(report.probes['viewFromMain']).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(report.probes['mainSettingsFromOverlay']).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('click-through ignores the mouse (moves still forwarded) and registers the shortcut that ends it', () => {
    expect(report.probes['clickThroughOn']).toMatchObject({ ok: true, value: { clickThrough: true } });
    const after = report.probes['afterClickThroughOn'] as {
      ignore: Array<{ ignore: boolean; options: unknown }>;
      registered: string[];
      trayMenu: Array<[string, boolean | null]>;
    };
    expect(after.ignore).toEqual([expect.objectContaining({ ignore: true, options: { forward: true } })]);
    expect(after.registered).toEqual(['CommandOrControl+Alt+C']);
    expect(after.trayMenu).toContainEqual(['Click through captions', true]);
    expect(after.trayMenu).toContainEqual(['Hide captions', null]);
  });

  it('the shortcut turns click-through off, unregisters itself and tells the overlay; the tray item turns it on', () => {
    const after = report.probes['afterShortcut'] as {
      ignore: Array<{ ignore: boolean }>;
      unregistered: string[];
      eventToOverlay: { channel: string; payload: { clickThrough: boolean } };
    };
    expect(after.ignore).toEqual([expect.objectContaining({ ignore: false })]);
    expect(after.unregistered).toEqual(['CommandOrControl+Alt+C']);
    expect(after.eventToOverlay).toMatchObject({
      channel: 'earshot-overlay:event:view',
      payload: { clickThrough: false },
    });
    expect(report.probes['afterTrayItem']).toEqual([expect.objectContaining({ ignore: true })]);
  });

  it('remembers where it was left per display, and reopens there', () => {
    const placement = report.probes['placementAfterMove'] as {
      byDisplay: Record<string, unknown>;
      lastDisplay: string;
    };
    expect(placement.lastDisplay).toBe('2@1920,0,2560x1440');
    expect(placement.byDisplay['2@1920,0,2560x1440']).toEqual({ x: 2400, y: 1100, width: 1400, height: 150 });
    expect(report.probes['hidden']).toEqual({ ok: true, value: true });
    expect(report.probes['overlayDestroyed']).toBe(true);
    expect(report.probes['trayAfterHide']).toContain('Show captions');
    expect(report.probes['reopenedOptions']).toMatchObject({ x: 2400, y: 1100, width: 1400, height: 150 });
  });

  it('comes back on the remaining screen when its display is unplugged', () => {
    const moves = report.probes['afterDisplayRemoved'] as Array<{ x: number; y: number; width: number }>;
    expect(moves).toHaveLength(1);
    const bounds = report.probes['reopenedBounds'] as { x: number; y: number; width: number; height: number };
    expect(bounds.x).toBeGreaterThanOrEqual(0);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1920);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(1040);
  });
});
