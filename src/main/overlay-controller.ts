/**
 * The caption overlay's lifecycle in the app: opening it where it was last left (per display),
 * remembering moves and resizes, bringing it back on screen when a display goes, click-through
 * with a global shortcut registered only while click-through is on (the way out when clicks no
 * longer reach the overlay), and its tray items. Placement rules live in
 * src/main/core/overlay/overlay-placement.ts; this file only reads Electron's screen and applies them.
 */
import type { BrowserWindow, GlobalShortcut, Rectangle, Screen } from 'electron';
import { errorName, type Logger } from './core/logger';
import type { OverlayControls, OverlayService } from './core/overlay/overlay-service';
import {
  afterDisplayChange,
  defaultBounds,
  displayUnder,
  placeOverlay,
  rememberPlacement,
  restyledBounds,
  type DisplayLayout,
} from './core/overlay/overlay-placement';
import { readPlacementMemory, writePlacementMemory } from './core/overlay/placement-file';
import type { TrayMenuEntry, TrayMenuSection } from './tray/tray-model';
import type { OverlayStyle } from '../shared/overlay-style';

/** Pressed anywhere, it turns click-through off: registered only while click-through is on. */
const clickThroughAccelerator = 'CommandOrControl+Alt+C';

export function acceleratorLabel(accelerator: string, platform: NodeJS.Platform): string {
  return accelerator
    .replace('CommandOrControl', platform === 'darwin' ? 'Cmd' : 'Ctrl')
    .replace('Alt', platform === 'darwin' ? 'Option' : 'Alt');
}

/** Moves and resizes arrive many times a second while dragging; the place is written once it settles. */
const placementSettleMs = 400;

export interface OverlayController {
  /** The window controls the overlay service drives. */
  readonly controls: OverlayControls;
  /** Once the service exists: the shortcut and the tray act through it. */
  attach(service: OverlayService): void;
  show(): boolean;
  hide(): void;
  isShown(): boolean;
  /** The overlay's webContents, while it exists: the only sender and target of the overlay contract. */
  webContents(): (BrowserWindow['webContents'] & { id: number }) | null;
  /** The overlay's items for the tray menu (TrayModel.addSection). */
  traySection: TrayMenuSection;
  /** The tray rebuilds its menu when this fires. */
  onChange(listener: () => void): void;
  restyle(style: OverlayStyle): void;
  dispose(): void;
}

export function createOverlayController(deps: {
  createWindow: (bounds: Rectangle, style: OverlayStyle) => BrowserWindow;
  overlayUrl: string;
  style: () => OverlayStyle;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on' | 'removeListener'>;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  placementPath: string;
  platform: NodeJS.Platform;
  log: Logger;
}): OverlayController {
  const { log } = deps;
  let window: BrowserWindow | null = null;
  let service: OverlayService | null = null;
  let memory = readPlacementMemory(deps.placementPath);
  let shortcutRegistered = false;
  let clickThrough = false;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  let shownStyle: OverlayStyle | null = null;
  const changeListeners: (() => void)[] = [];
  const changed = () => {
    for (const listener of changeListeners) listener();
  };

  const layout = (): DisplayLayout => ({
    displays: deps.screen.getAllDisplays().map(({ id, bounds, workArea }) => ({ id, bounds, workArea })),
    primaryId: deps.screen.getPrimaryDisplay().id,
  });

  const live = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);

  const savePlacement = () => {
    const current = live();
    if (!current) return;
    memory = rememberPlacement(memory, layout(), current.getBounds());
    try {
      writePlacementMemory(deps.placementPath, memory);
    } catch (error) {
      log.warn('overlay place not saved', { errorName: errorName(error) });
    }
  };

  const settleSoon = () => {
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      savePlacement();
    }, placementSettleMs);
  };

  /** A display came, went or changed: keep the overlay on one that is there, inside its work area. */
  const keepOnScreen = () => {
    const current = live();
    if (!current) return;
    const next = afterDisplayChange(layout(), memory, deps.style(), current.getBounds());
    if (next) current.setBounds(next);
  };
  deps.screen.on('display-removed', keepOnScreen);
  deps.screen.on('display-metrics-changed', keepOnScreen);

  const registerShortcut = (wanted: boolean) => {
    if (wanted && !shortcutRegistered) {
      shortcutRegistered = deps.globalShortcut.register(clickThroughAccelerator, () =>
        service?.setClickThrough(false),
      );
      if (!shortcutRegistered) log.warn('click-through shortcut taken by another app');
    } else if (!wanted && shortcutRegistered) {
      deps.globalShortcut.unregister(clickThroughAccelerator);
      shortcutRegistered = false;
    }
  };

  const controls: OverlayControls = {
    setClickThrough(enabled) {
      clickThrough = enabled;
      registerShortcut(enabled);
      const current = live();
      if (enabled) current?.setIgnoreMouseEvents(true, { forward: true });
      else current?.setIgnoreMouseEvents(false);
      changed();
    },
    hide: () => hide(),
    clickThroughShortcut: () =>
      shortcutRegistered || !clickThrough ? acceleratorLabel(clickThroughAccelerator, deps.platform) : null,
  };

  function show(): boolean {
    const existing = live();
    if (existing) {
      existing.showInactive();
      return true;
    }
    const style = deps.style();
    const screens = layout();
    const primary = screens.displays.find((display) => display.id === screens.primaryId);
    const bounds =
      placeOverlay(screens, memory, style) ??
      (primary ? defaultBounds(primary, style) : { x: 0, y: 0, width: 800, height: 160 });
    const created = deps.createWindow(bounds, style);
    window = created;
    shownStyle = style;
    created.on('move', settleSoon);
    created.on('resize', settleSoon);
    created.on('closed', () => {
      if (window === created) window = null;
      // Click-through ends with the window: nothing is left that clicks could miss.
      if (clickThrough) service?.setClickThrough(false);
      changed();
    });
    created.loadURL(deps.overlayUrl).catch((error: unknown) => {
      log.error('overlay failed to load', { errorName: errorName(error) });
    });
    changed();
    return true;
  }

  function hide(): void {
    const current = live();
    if (!current) return;
    if (settleTimer) {
      clearTimeout(settleTimer);
      settleTimer = null;
      savePlacement();
    }
    current.close();
  }

  const traySection: TrayMenuSection = () => {
    const shown = live() !== null;
    const entries: TrayMenuEntry[] = [
      {
        kind: 'item',
        label: shown ? 'Hide captions' : 'Show captions',
        enabled: true,
        click: () => (shown ? hide() : show()),
      },
    ];
    if (shown) {
      entries.push({
        kind: 'item',
        label: 'Click through captions',
        enabled: service !== null,
        checked: clickThrough,
        click: () => service?.setClickThrough(!clickThrough),
      });
    }
    return entries;
  };

  return {
    controls,
    attach(attached) {
      service = attached;
    },
    show,
    hide,
    isShown: () => live() !== null,
    webContents: () => live()?.webContents ?? null,
    traySection,
    onChange(listener) {
      changeListeners.push(listener);
    },
    restyle(style) {
      const current = live();
      const previous = shownStyle;
      shownStyle = style;
      if (!current || !previous) return;
      if (previous.transparent !== style.transparent) {
        // Transparency is fixed when a window is created: open it again, in the same place.
        savePlacement();
        current.once('closed', () => show());
        current.close();
        return;
      }
      if (
        previous.widthPercent !== style.widthPercent ||
        previous.lines !== style.lines ||
        previous.fontSize !== style.fontSize
      ) {
        const display = displayUnder(layout(), current.getBounds());
        if (display) current.setBounds(restyledBounds(current.getBounds(), display, style));
      }
    },
    dispose() {
      registerShortcut(false);
      deps.screen.removeListener('display-removed', keepOnScreen);
      deps.screen.removeListener('display-metrics-changed', keepOnScreen);
      if (settleTimer) clearTimeout(settleTimer);
      live()?.close();
    },
  };
}
