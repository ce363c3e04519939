/**
 * The caption overlay's window: a floating window (floating-window.ts), optionally
 * transparent, resizable and movable, shown without taking the focus. Its hardening is the
 * main window's (hardened-window.ts); its preload is the overlay's own (out/preload/overlay.cjs),
 * which exposes only the overlay contract.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { createFloatingWindow } from './floating-window';
import type { WindowPreload } from './hardened-window';

export const overlayWindowTitle = 'Earshot captions';

export function createOverlayWindow(
  options: WindowPreload & { bounds: Rectangle; transparent: boolean },
): BrowserWindow {
  const { bounds, transparent, ...preload } = options;
  const window = createFloatingWindow(
    {
      ...bounds,
      minWidth: 200,
      minHeight: 60,
      title: overlayWindowTitle,
      transparent,
      backgroundColor: transparent ? '#00000000' : '#141414',
      resizable: true,
      movable: true,
    },
    preload,
  );
  // Shown without focus: the app the person is using keeps the keyboard.
  window.once('ready-to-show', () => window.showInactive());
  return window;
}
