/**
 * Earshot's tray, wired: the model, the glue over Electron's Tray, the session state it shows
 * (from main's own events), what its items do, and closing the window to the tray. index.ts
 * creates it before the core (so it can watch the core's events) and attaches the core after.
 */
import { Menu, nativeImage, Tray, type App, type BrowserWindow } from 'electron';
import type { EarshotCore } from '../core/create-earshot-core';
import type { EventSink } from '../core/handler-types';
import { errorName, type Logger } from '../core/logger';
import { idleSessionState, type SessionState } from '../../shared/session-state';
import { keepInTrayOnClose } from './close-to-tray';
import { installTray, type InstalledTray } from './tray-glue';
import { TrayModel } from './tray-model';

export interface EarshotTray {
  /** Main's events: the tray follows the session's state. */
  observeEvents: EventSink;
  /** Once the core exists: the tray appears and its items work. */
  attach(core: Pick<EarshotCore, 'dictation' | 'currentSettings' | 'invokeHandlers'>): void;
  /** Closing this window hides it while "keep running in the tray" is on. */
  keepInTray(window: BrowserWindow): void;
  /** Other features add their menu items here (TrayModel.addSection). */
  readonly model: TrayModel;
}

export function createEarshotTray(options: {
  app: Pick<App, 'on' | 'quit'>;
  showWindow: () => void;
  windowVisible: () => boolean;
  log: Logger;
}): EarshotTray {
  const { app, log } = options;
  let session: SessionState = { ...idleSessionState };
  let core: Pick<EarshotCore, 'dictation' | 'currentSettings' | 'invokeHandlers'> | null = null;
  let installed: InstalledTray | null = null;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  /** A tap of the dictation shortcut: starts dictation (text goes to the focused app at the end) or stops it. */
  const tapDictation = (): boolean => {
    const dictation = core?.dictation;
    if (!dictation) return false;
    dictation.keyDown();
    dictation.keyUp();
    return true;
  };

  const model = new TrayModel({
    start: () => {
      // Without dictation the window's Start button is the way in.
      if (!tapDictation()) options.showWindow();
    },
    stop: () => {
      if (core?.dictation?.isListening() && tapDictation()) return;
      core?.invokeHandlers.stopSession(undefined).catch((error: unknown) => {
        log.warn('stop from the tray failed', { errorName: errorName(error) });
      });
    },
    openWindow: () => options.showWindow(),
    quit: () => app.quit(),
  });

  return {
    model,
    observeEvents: (method, payload) => {
      if (method !== 'onSessionState') return;
      session = payload as SessionState;
      installed?.refresh();
    },
    attach(attached) {
      core = attached;
      installed = installTray({
        parts: {
          createTray: (image) => new Tray(image),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          imageFromPng: (png, scaleFactor) => nativeImage.createFromBuffer(png, { scaleFactor }),
          isMac: process.platform === 'darwin',
        },
        model,
        context: () => ({ session, windowVisible: options.windowVisible() }),
        openWindow: options.showWindow,
        log,
      });
    },
    keepInTray(window) {
      keepInTrayOnClose(window, () => ({
        closeToTray: core?.currentSettings().closeToTray ?? false,
        trayShown: installed?.shown ?? false,
        quitting,
      }));
      window.on('show', () => installed?.refresh());
      window.on('hide', () => installed?.refresh());
    },
  };
}
