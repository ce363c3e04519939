/**
 * The built main entry under the fake Electron (no Electron binary here), driven through its
 * tray by test/support/fake-electron/drive-tray.mjs: the tray's state and menu, closing the
 * window to the tray, opening it again, and Quit really quitting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain, type BuiltMain, type FakeElectronReport } from '../../support/built-main';

let built: BuiltMain | null = null;
let report: FakeElectronReport;

beforeAll(() => {
  built = buildMain('tray-entry');
  report = built.run('drive-tray.mjs').report;
}, 120_000);

afterAll(() => built?.remove());

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
