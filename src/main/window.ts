/** Earshot's main window; its hardening is src/main/hardened-window.ts's. */
import type { BrowserWindow } from 'electron';
import { createHardenedWindow, type WindowPreload } from './hardened-window';

export function createMainWindow(preload: WindowPreload): BrowserWindow {
  const window = createHardenedWindow(
    {
      width: 1000,
      height: 720,
      minWidth: 480,
      minHeight: 360,
      title: 'Earshot',
      show: false,
      backgroundColor: '#ffffff',
    },
    preload,
  );
  window.once('ready-to-show', () => window.show());
  return window;
}
