/**
 * The dictation indicator put together for the app: its window (not trusted for any IPC: its
 * webContents is never added to the main window's registry, and main registers no channel for
 * it), its controller, and the events and audio it follows. index.ts creates it before the core
 * (so main's events and frames reach it) and tells it about the main window.
 */
import { join } from 'node:path';
import { screen, type BrowserWindow } from 'electron';
import type { EarshotCore } from './core/create-earshot-core';
import type { EventSink } from './core/handler-types';
import { errorName, type Logger } from './core/logger';
import { packagedAppOrigin } from './ipc/origin';
import { indicatorPagePath } from '../shared/indicator-contract';
import type { SessionState } from '../shared/session-state';
import { createIndicatorController } from './indicator-controller';
import { createIndicatorWindow } from './indicator-window';

export interface AppIndicator {
  observeEvents: EventSink;
  observeAudio(frame: ArrayBuffer): void;
  /** Earshot's main window: the indicator hides while it is in front. */
  followMainWindow(window: BrowserWindow): void;
  /** Once the core exists: the indicator follows its "show a small indicator" setting. */
  attach(core: Pick<EarshotCore, 'currentSettings'>): void;
}

export function createAppIndicator(options: {
  devServerOrigin: string | null;
  devTools: boolean;
  log: Logger;
}): AppIndicator {
  const { log } = options;
  let mainWindow: BrowserWindow | null = null;
  let core: Pick<EarshotCore, 'currentSettings'> | null = null;
  const pageUrl = `${options.devServerOrigin ?? packagedAppOrigin}${indicatorPagePath}`;
  const controller = createIndicatorController({
    createWindow: (bounds) => {
      const window = createIndicatorWindow({
        preloadPath: join(import.meta.dirname, '../preload/indicator.cjs'),
        devTools: options.devTools,
        bounds,
      });
      window.webContents.on('did-finish-load', () => controller.pageLoaded());
      window.loadURL(pageUrl).catch((error: unknown) => {
        log.error('indicator failed to load', { errorName: errorName(error) });
      });
      return window;
    },
    workArea: () => screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea,
    enabled: () => core?.currentSettings().showIndicator ?? false,
    mainWindowFocused: () => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isFocused(),
    now: () => performance.now(),
  });
  return {
    observeEvents: (method, payload) => {
      if (method === 'onSessionState') controller.sessionState(payload as SessionState);
    },
    observeAudio: (frame) => controller.audioFrame(frame),
    attach(attached) {
      core = attached;
    },
    followMainWindow(window) {
      mainWindow = window;
      window.on('focus', () => controller.mainWindowFocusChanged());
      window.on('blur', () => controller.mainWindowFocusChanged());
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
    },
  };
}
