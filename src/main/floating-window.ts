/**
 * The caption overlay and the dictation indicator float: frameless, shadowless, out of the
 * taskbar, never minimized, maximized or full-screen, and above everything on every
 * workspace, full-screen apps included, because that is where people watch captions and
 * dictate. Created hidden; each window decides how it is shown.
 */
import type { BrowserWindow } from 'electron';
import { createHardenedWindow, type WindowLook, type WindowPreload } from './hardened-window';

export function createFloatingWindow(look: WindowLook, preload: WindowPreload): BrowserWindow {
  const window = createHardenedWindow(
    {
      show: false,
      frame: false,
      hasShadow: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      ...look,
    },
    preload,
  );
  // Above full-screen video, presentations and apps.
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  return window;
}
