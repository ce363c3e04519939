/**
 * The caption overlay put together for the app: its window, controller and IPC, hooked to the
 * core and the tray. index.ts creates it before the core (the core's "Show captions" calls it)
 * and attaches the core after.
 */
import { join } from 'node:path';
import { globalShortcut, screen } from 'electron';
import type { EarshotCore } from './core/create-earshot-core';
import type { Logger } from './core/logger';
import { electronIpcMain } from './ipc/electron-ipc-main';
import { packagedAppOrigin } from './ipc/origin';
import { wireOverlayMain } from './ipc/overlay-wiring';
import { createOverlayController } from './overlay-controller';
import { createOverlayWindow } from './overlay-window';
import type { TrayModel } from './tray/tray-model';
import { overlayPagePath } from '../shared/overlay-contract';
import { defaultOverlayStyle, type OverlayStyle } from '../shared/overlay-style';

export interface AppOverlay {
  /** For the core's showCaptions. */
  captionOverlay: { show(): boolean };
  attach(core: EarshotCore, tray: TrayModel | null): void;
  /** The main window closed for good: the captions go with it. */
  hide(): void;
  dispose(): void;
}

export function createAppOverlay(options: {
  userDataDir: string;
  /** The dev server's origin in a development run, else null (the app:// origin). */
  devServerOrigin: string | null;
  devTools: boolean;
  log: Logger;
}): AppOverlay {
  const { log } = options;
  const appOrigin = options.devServerOrigin ?? packagedAppOrigin;
  let style = (): OverlayStyle => defaultOverlayStyle;
  const controller = createOverlayController({
    createWindow: (bounds, chosen) =>
      createOverlayWindow({
        preloadPath: join(import.meta.dirname, '../preload/overlay.cjs'),
        devTools: options.devTools,
        bounds,
        transparent: chosen.transparent,
      }),
    overlayUrl: `${appOrigin}${overlayPagePath}`,
    style: () => style(),
    screen,
    globalShortcut,
    placementPath: join(options.userDataDir, 'overlay-placement.json'),
    platform: process.platform,
    log,
  });
  let unwire = (): void => undefined;
  return {
    captionOverlay: { show: () => controller.show() },
    attach(core, tray) {
      style = () => core.currentSettings().overlay;
      const wired = wireOverlayMain({
        ipcMain: electronIpcMain,
        core,
        overlayWindow: () => controller.webContents(),
        controls: controller.controls,
        appOrigin,
        log,
      });
      controller.attach(wired.service);
      const stopRestyling = core.observeSettings((settings) => controller.restyle(settings.overlay));
      if (tray) {
        tray.addSection(controller.traySection);
        controller.onChange(() => tray.changed());
      }
      unwire = () => {
        stopRestyling();
        wired.unregister();
      };
    },
    hide: () => controller.hide(),
    dispose() {
      controller.dispose();
      unwire();
    },
  };
}
