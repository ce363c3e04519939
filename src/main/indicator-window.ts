/**
 * The dictation indicator's window: a small floating window (floating-window.ts), transparent
 * where the platform allows and never focusable, so the app being dictated into keeps the
 * keyboard. Its hardening is the main window's (hardened-window.ts); its preload is the
 * indicator's own (out/preload/indicator.cjs), which exposes two event subscriptions and
 * nothing that reaches main.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { createFloatingWindow } from './floating-window';
import type { WindowPreload } from './hardened-window';

export const indicatorWindowTitle = 'Earshot indicator';

export function createIndicatorWindow(options: WindowPreload & { bounds: Rectangle }): BrowserWindow {
  const { bounds, ...preload } = options;
  const window = createFloatingWindow(
    {
      ...bounds,
      title: indicatorWindowTitle,
      transparent: true,
      backgroundColor: '#00000000',
      focusable: false,
      resizable: false,
      movable: false,
    },
    preload,
  );
  // Clicks go to the app underneath: the indicator has nothing to click.
  window.setIgnoreMouseEvents(true);
  return window;
}
