/**
 * Closing the window while "keep running in the tray" is on hides it instead: the window (and
 * with it the microphone capture) and any session go on, and Open Earshot shows it again. Quit,
 * from the tray or the app menu (Cmd+Q on macOS), really quits: once the app is quitting,
 * closing is never stopped. Without a tray there is nothing to come back from, so the window
 * closes as usual.
 */
import type { BrowserWindow } from 'electron';

export interface CloseFacts {
  closeToTray: boolean;
  trayShown: boolean;
  quitting: boolean;
}

export function shouldHideOnClose(facts: CloseFacts): boolean {
  return facts.closeToTray && facts.trayShown && !facts.quitting;
}

export type HideableWindow = Pick<BrowserWindow, 'on' | 'hide'>;

export function keepInTrayOnClose(window: HideableWindow, facts: () => CloseFacts): void {
  window.on('close', (event) => {
    if (!shouldHideOnClose(facts())) return;
    event.preventDefault();
    window.hide();
  });
}
