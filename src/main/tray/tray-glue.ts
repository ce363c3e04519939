/**
 * Electron's side of the tray: turns TrayModel's view into a Tray, its tooltip and a Menu.
 * Only types come from Electron here; index.ts hands in the real constructors (TrayParts), and
 * the tests hand in recording fakes of the same shape.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { errorName, type Logger } from '../core/logger';
import { trayIconPng, trayIconScaleFactor } from './tray-icons';
import type { TrayContext, TrayIconState, TrayMenuEntry, TrayModel } from './tray-model';

export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;

export interface TrayParts {
  createTray(image: NativeImage): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  imageFromPng(png: Buffer, scaleFactor: number): NativeImage;
  /** Windows and Linux open the window on a click; macOS shows the menu. */
  isMac: boolean;
}

export interface InstalledTray {
  /** Shows the current state again (call on every session state change). */
  refresh(): void;
  /** False when the desktop refused a tray: closing the window must then close it. */
  readonly shown: boolean;
  destroy(): void;
}

function menuTemplate(entries: readonly TrayMenuEntry[]): MenuItemConstructorOptions[] {
  return entries.map((entry) =>
    entry.kind === 'separator'
      ? { type: 'separator' }
      : {
          label: entry.label,
          enabled: entry.enabled,
          ...(entry.checked === undefined
            ? { type: 'normal' as const }
            : { type: 'checkbox' as const, checked: entry.checked }),
          click: () => entry.click(),
        },
  );
}

export function installTray(options: {
  parts: TrayParts;
  model: TrayModel;
  context: () => TrayContext;
  openWindow: () => void;
  log: Logger;
}): InstalledTray {
  const { parts, model, log } = options;
  const images = new Map<TrayIconState, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    let image = images.get(state);
    if (!image) {
      image = parts.imageFromPng(trayIconPng(state), trayIconScaleFactor);
      images.set(state, image);
    }
    return image;
  };

  let tray: TrayLike | null = null;
  try {
    tray = parts.createTray(imageFor('idle'));
  } catch (error) {
    // Some Linux desktops have no tray at all; the window then closes as usual.
    log.warn('no tray on this desktop', { errorName: errorName(error) });
  }
  if (tray && !parts.isMac) tray.on('click', () => options.openWindow());

  let shownIcon: TrayIconState | null = null;
  const refresh = (): void => {
    if (!tray) return;
    const view = model.view(options.context());
    if (view.icon !== shownIcon) {
      tray.setImage(imageFor(view.icon));
      shownIcon = view.icon;
    }
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(parts.buildMenu(menuTemplate(view.menu)));
  };
  const stopListening = model.onChange(refresh);
  refresh();

  return {
    refresh,
    get shown() {
      return tray !== null;
    },
    destroy() {
      stopListening();
      tray?.destroy();
      tray = null;
    },
  };
}
