import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { keepInTrayOnClose } from '../../../src/main/tray/close-to-tray';
import { installTray, type TrayLike, type TrayParts } from '../../../src/main/tray/tray-glue';
import { TrayModel, type TrayContext } from '../../../src/main/tray/tray-model';
import { idleSessionState, type SessionState } from '../../../src/shared/session-state';

const log = createLogger({ write: () => undefined, secrets: createSecretRegistry() });

/** Records what the glue does to Electron's Tray, Menu and nativeImage (shapes from electron.d.ts). */
function fakeParts(options: { refuseTray?: boolean; isMac?: boolean } = {}) {
  const images: Array<{ png: Buffer; scaleFactor: number }> = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const tray = {
    image: null as NativeImage | null,
    tooltip: '',
    menu: null as Menu | null,
    listeners: new Map<string, () => void>(),
    destroyed: false,
  };
  const trayLike = {
    setImage: (image: NativeImage | string) => {
      tray.image = image as NativeImage;
    },
    setToolTip: (tooltip: string) => {
      tray.tooltip = tooltip;
    },
    setContextMenu: (menu: Menu | null) => {
      tray.menu = menu;
    },
    on: (event: string, listener: () => void) => {
      tray.listeners.set(event, listener);
      return trayLike;
    },
    destroy: () => {
      tray.destroyed = true;
    },
  } as unknown as TrayLike;
  const parts: TrayParts = {
    createTray: (image) => {
      if (options.refuseTray) throw new Error('no tray');
      tray.image = image;
      return trayLike;
    },
    buildMenu: (template) => {
      menus.push(template);
      return { template } as unknown as Menu;
    },
    imageFromPng: (png, scaleFactor) => {
      images.push({ png, scaleFactor });
      return { png } as unknown as NativeImage;
    },
    isMac: options.isMac ?? false,
  };
  return { parts, tray, images, menus };
}

describe('tray glue', () => {
  it('shows the state, rebuilds the menu on refresh, and clicks run the actions', () => {
    const { parts, tray, images, menus } = fakeParts();
    const actions = { start: vi.fn(), stop: vi.fn(), openWindow: vi.fn(), quit: vi.fn() };
    let context: TrayContext = { session: { ...idleSessionState }, windowVisible: true };
    const installed = installTray({
      parts,
      model: new TrayModel(actions),
      context: () => context,
      openWindow: actions.openWindow,
      log,
    });
    expect(installed.shown).toBe(true);
    expect(tray.tooltip).toBe('Earshot: not listening');
    expect(images).toHaveLength(1);
    expect(images[0]?.scaleFactor).toBe(2);
    const first = menus.at(-1) ?? [];
    expect(first.map((item) => item.label ?? item.type)).toEqual([
      'Start',
      'separator',
      'Open Earshot',
      'Quit Earshot',
    ]);
    first[0]?.click?.({} as never, undefined, {} as never);
    expect(actions.start).toHaveBeenCalledOnce();

    context = { session: { ...idleSessionState, phase: 'live' } as SessionState, windowVisible: false };
    installed.refresh();
    expect(tray.tooltip).toBe('Earshot: listening');
    expect(images).toHaveLength(2);
    expect(menus.at(-1)?.[0]?.label).toBe('Stop');
    installed.refresh();
    // The image for a state is made once.
    expect(images).toHaveLength(2);

    tray.listeners.get('click')?.();
    expect(actions.openWindow).toHaveBeenCalledOnce();
    installed.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('a section added later shows up at once, as a checkbox when it says checked', () => {
    const { parts, menus } = fakeParts({ isMac: true });
    const model = new TrayModel({ start: vi.fn(), stop: vi.fn(), openWindow: vi.fn(), quit: vi.fn() });
    const installed = installTray({
      parts,
      model,
      context: () => ({ session: { ...idleSessionState }, windowVisible: true }),
      openWindow: vi.fn(),
      log,
    });
    model.addSection(() => [
      { kind: 'item', label: 'Show captions', enabled: true, checked: false, click: vi.fn() },
    ]);
    expect(menus.at(-1)?.[2]).toMatchObject({ label: 'Show captions', type: 'checkbox', checked: false });
    installed.destroy();
  });

  it('a desktop without a tray: not shown, and refresh does nothing', () => {
    const { parts, menus } = fakeParts({ refuseTray: true });
    const installed = installTray({
      parts,
      model: new TrayModel({ start: vi.fn(), stop: vi.fn(), openWindow: vi.fn(), quit: vi.fn() }),
      context: () => ({ session: { ...idleSessionState }, windowVisible: true }),
      openWindow: vi.fn(),
      log,
    });
    expect(installed.shown).toBe(false);
    installed.refresh();
    expect(menus).toHaveLength(0);
  });
});

describe('keepInTrayOnClose', () => {
  function fakeWindow() {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    const window = {
      hidden: false,
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => {
        listeners.set(name, listener);
        return window;
      },
      hide: () => {
        window.hidden = true;
      },
    };
    const close = () => {
      let prevented = false;
      listeners.get('close')?.({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { window, close };
  }

  it('hides instead of closing while the setting is on, and closes once quitting', () => {
    const { window, close } = fakeWindow();
    const facts = { closeToTray: true, trayShown: true, quitting: false };
    keepInTrayOnClose(window as never, () => facts);
    expect(close()).toBe(true);
    expect(window.hidden).toBe(true);
    facts.quitting = true;
    window.hidden = false;
    expect(close()).toBe(false);
    expect(window.hidden).toBe(false);
  });

  it('closes as usual with the setting off', () => {
    const { window, close } = fakeWindow();
    keepInTrayOnClose(window as never, () => ({ closeToTray: false, trayShown: true, quitting: false }));
    expect(close()).toBe(false);
    expect(window.hidden).toBe(false);
  });
});
