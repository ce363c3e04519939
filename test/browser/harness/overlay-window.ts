/**
 * Opens the caption overlay beside a launched Earshot, as main does in the app: a second page
 * (the overlay's own renderer entry) with the overlay's own built preload under the Electron
 * emulation, wired by the app's own wireOverlayMain to the same emulated ipcMain and the same
 * core. The window controls Electron would apply (click-through, hide) are recorded.
 */
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import type { EmulatedMain } from './emulated-main';
import type { Logger } from '../../../src/main/core/logger';
import { wireOverlayMain, type WiredOverlay } from '../../../src/main/ipc/overlay-wiring';
import { overlayBridgeGlobalName, overlayPagePath } from '../../../src/shared/overlay-contract';
import { attachElectronEmulation, type AttachedWindow } from './electron-main-emulation';
import type { EarshotApp } from './launch-earshot';
import { buildRoot } from './renderer-server';
import { loadSandboxedPreload } from './sandboxed-preload';
import { recordWindowCoverage } from './window-coverage';

export const overlayPreloadPath = resolve(buildRoot, 'preload/overlay.cjs');

export interface OverlayWindow {
  page: Page;
  window: AttachedWindow;
  wired: WiredOverlay;
  /** What the overlay asked of its window: setIgnoreMouseEvents(true/false), in order. */
  clickThroughCalls: boolean[];
  hideCalls: () => number;
  console: string[];
  close(): Promise<void>;
}

const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export async function openOverlayWindow(app: EarshotApp<EmulatedMain>): Promise<OverlayWindow> {
  const page = await app.page.context().newPage();
  const saveCoverage = await recordWindowCoverage(page);
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.name}: ${error.message}`));
  const window = await attachElectronEmulation(page, {
    ipcMain: app.ipcMain,
    preloadSource: loadSandboxedPreload(overlayPreloadPath),
  });
  const clickThroughCalls: boolean[] = [];
  let hides = 0;
  const wired = wireOverlayMain({
    ipcMain: app.ipcMain,
    core: app.main.core,
    overlayWindow: () => window.webContents,
    controls: {
      setClickThrough: (enabled) => {
        clickThroughCalls.push(enabled);
      },
      hide: () => (hides += 1),
      clickThroughShortcut: () => 'Ctrl+Alt+C',
    },
    appOrigin: app.server.origin,
    log: quietLog,
  });
  await page.goto(`${app.server.origin}${overlayPagePath}`);
  const bridged = await page.evaluate((name) => name in globalThis, overlayBridgeGlobalName);
  if (window.preloadErrors.length > 0) {
    throw new Error(`The overlay preload failed: ${window.preloadErrors.join('; ')}`);
  }
  if (!bridged) throw new Error(`The overlay preload did not expose window.${overlayBridgeGlobalName}.`);
  return {
    page,
    window,
    wired,
    clickThroughCalls,
    hideCalls: () => hides,
    console: consoleLines,
    close: async () => {
      wired.unregister();
      await saveCoverage?.();
      await page.close();
    },
  };
}
