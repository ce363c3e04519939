import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { idleSessionState, type SessionState } from '../../../src/shared/session-state';
import { crc32, trayIconPixels, trayIconPng, trayIconRgba } from '../../../src/main/tray/tray-icons';
import {
  TrayModel,
  trayIconFor,
  trayIconStates,
  trayTooltipFor,
  type TrayMenuEntry,
} from '../../../src/main/tray/tray-model';
import { shouldHideOnClose } from '../../../src/main/tray/close-to-tray';

const state = (patch: Partial<SessionState>): SessionState => ({ ...idleSessionState, ...patch });

function actions() {
  return { start: vi.fn(), stop: vi.fn(), openWindow: vi.fn(), quit: vi.fn() };
}

const labels = (menu: TrayMenuEntry[]) => menu.map((entry) => (entry.kind === 'item' ? entry.label : '—'));

function item(menu: TrayMenuEntry[], label: string) {
  const found = menu.find((entry) => entry.kind === 'item' && entry.label === label);
  if (!found || found.kind !== 'item') throw new Error(`no item ${label}`);
  return found;
}

describe('tray model', () => {
  it('maps every session phase to one of the four icons', () => {
    expect(trayIconFor(state({ phase: 'idle' }))).toBe('idle');
    expect(trayIconFor(state({ phase: 'paused' }))).toBe('idle');
    expect(trayIconFor(state({ phase: 'connecting' }))).toBe('listening');
    expect(trayIconFor(state({ phase: 'live' }))).toBe('listening');
    expect(trayIconFor(state({ phase: 'reconnecting' }))).toBe('reconnecting');
    expect(trayIconFor(state({ phase: 'stopping' }))).toBe('listening');
    expect(trayIconFor(state({ phase: 'stopping', finishing: { unsentAudioMs: 900, attempt: 2 } }))).toBe(
      'reconnecting',
    );
    expect(trayIconFor(state({ phase: 'error' }))).toBe('error');
  });

  it('tooltips name the state and never a server text', () => {
    const error = state({
      phase: 'error',
      error: { code: 'connection-lost', message: 'evil <server> text', retryable: false },
    } as Partial<SessionState>);
    expect(trayTooltipFor(error)).toBe('Earshot: stopped by a problem; open Earshot to see what to do');
    expect(trayTooltipFor(state({ phase: 'live' }))).toBe('Earshot: listening');
    expect(trayTooltipFor(state({ phase: 'reconnecting' }))).toMatch(/reconnecting/);
  });

  it('idle: Start, Open Earshot, Quit Earshot; each click runs its action', () => {
    const act = actions();
    const view = new TrayModel(act).view({ session: state({}), windowVisible: true });
    expect(labels(view.menu)).toEqual(['Start', '—', 'Open Earshot', 'Quit Earshot']);
    item(view.menu, 'Start').click();
    item(view.menu, 'Open Earshot').click();
    item(view.menu, 'Quit Earshot').click();
    expect(act.start).toHaveBeenCalledOnce();
    expect(act.openWindow).toHaveBeenCalledOnce();
    expect(act.quit).toHaveBeenCalledOnce();
    expect(view).toMatchObject({ icon: 'idle', tooltip: 'Earshot: not listening' });
  });

  it('while listening the first item stops; while finishing it waits, disabled', () => {
    const act = actions();
    const model = new TrayModel(act);
    const live = model.view({ session: state({ phase: 'live' }), windowVisible: false });
    expect(labels(live.menu)[0]).toBe('Stop');
    item(live.menu, 'Stop').click();
    expect(act.stop).toHaveBeenCalledOnce();
    const stopping = model.view({ session: state({ phase: 'stopping' }), windowVisible: false });
    expect(item(stopping.menu, 'Finishing…').enabled).toBe(false);
    expect(labels(model.view({ session: state({ phase: 'error' }), windowVisible: true }).menu)[0]).toBe(
      'Start',
    );
  });

  it('sections added by other features appear between Start/Stop and Open Earshot, see the context, and can be removed', () => {
    const model = new TrayModel(actions());
    const changes = vi.fn();
    model.onChange(changes);
    const showCaptions = vi.fn();
    const remove = model.addSection(({ windowVisible }) => [
      { kind: 'item', label: 'Show captions', enabled: true, checked: !windowVisible, click: showCaptions },
      { kind: 'item', label: 'Turn click-through off', enabled: false, click: () => undefined },
    ]);
    expect(changes).toHaveBeenCalledOnce();
    const view = model.view({ session: state({}), windowVisible: false });
    expect(labels(view.menu)).toEqual([
      'Start',
      '—',
      'Show captions',
      'Turn click-through off',
      '—',
      'Open Earshot',
      'Quit Earshot',
    ]);
    expect(item(view.menu, 'Show captions').checked).toBe(true);
    item(view.menu, 'Show captions').click();
    expect(showCaptions).toHaveBeenCalledOnce();
    remove();
    expect(changes).toHaveBeenCalledTimes(2);
    expect(labels(model.view({ session: state({}), windowVisible: true }).menu)).toEqual([
      'Start',
      '—',
      'Open Earshot',
      'Quit Earshot',
    ]);
  });

  it('an empty section adds no separator', () => {
    const model = new TrayModel(actions());
    model.addSection(() => []);
    expect(labels(model.view({ session: state({}), windowVisible: true }).menu)).toHaveLength(4);
  });
});

describe('close to tray', () => {
  it('hides only with the setting on, a tray shown, and not while quitting', () => {
    expect(shouldHideOnClose({ closeToTray: true, trayShown: true, quitting: false })).toBe(true);
    expect(shouldHideOnClose({ closeToTray: false, trayShown: true, quitting: false })).toBe(false);
    expect(shouldHideOnClose({ closeToTray: true, trayShown: false, quitting: false })).toBe(false);
    expect(shouldHideOnClose({ closeToTray: true, trayShown: true, quitting: true })).toBe(false);
  });
});

describe('tray icons', () => {
  function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let offset = 8;
    let width = 0;
    let height = 0;
    const idat: Buffer[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('ascii', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(
        crc32(png.subarray(offset + 4, offset + 8 + length)),
      );
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
      }
      if (type === 'IDAT') idat.push(data);
      offset += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const rows: Buffer[] = [];
    for (let y = 0; y < height; y += 1) {
      const row = raw.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1));
      expect(row[0]).toBe(0);
      rows.push(row.subarray(1));
    }
    return { width, height, rgba: Buffer.concat(rows) };
  }

  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('each state is a valid 32×32 RGBA PNG holding exactly its drawing', () => {
    for (const iconState of trayIconStates) {
      const decoded = decode(trayIconPng(iconState));
      expect(decoded).toMatchObject({ width: trayIconPixels, height: trayIconPixels });
      expect([...decoded.rgba]).toEqual([...trayIconRgba(iconState)]);
    }
  });

  it('the four shapes differ (not only their colours), and the dot is filled in the middle', () => {
    const alphas = trayIconStates.map((iconState) =>
      [...trayIconRgba(iconState)].filter((_, index) => index % 4 === 3).join(','),
    );
    expect(new Set(alphas).size).toBe(4);
    const centre = ((trayIconPixels / 2) * trayIconPixels + trayIconPixels / 2) * 4 + 3;
    expect(trayIconRgba('listening')[centre]).toBe(255);
    expect(trayIconRgba('idle')[centre]).toBe(0);
  });
});
