/**
 * Every Earshot window is built here, so each gets the same hardening: the main window
 * (window.ts), the caption overlay (overlay-window.ts) and the dictation indicator
 * (indicator-window.ts) say only how they look and behave; their webPreferences are this
 * module's alone. Every security-relevant web preference is written out explicitly, even where
 * Electron's default already matches, so a reader (and Electronegativity, which reads this
 * constructor call's literals and still assumes pre-Electron-20 defaults) sees the whole
 * configuration in one place.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/** How a window looks and behaves: everything but its webPreferences. */
export type WindowLook = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

export interface WindowPreload {
  /** The window's own preload, which exposes only its own contract's named functions. */
  preloadPath: string;
  devTools: boolean;
}

export function createHardenedWindow(look: WindowLook, preload: WindowPreload): BrowserWindow {
  // REMOTE_MODULE_JS_CHECK: the remote module was removed in Electron 14 and the option no
  // longer exists (electron.d.ts refuses it), so there is nothing to disable.
  // Unformatted so the eng-disable annotation stays on the line Electronegativity reports.
  // prettier-ignore
  const window = new BrowserWindow({ /* eng-disable REMOTE_MODULE_JS_CHECK */
    ...look,
    webPreferences: {
      // PRELOAD_JS_CHECK: reviewed. Each preload exposes only its contract's named functions:
      // src/preload/earshot-bridge.ts (proven by test/integration/ipc/preload-bundle.test.ts),
      // overlay-bridge.ts, and indicator-bridge.ts (two event subscriptions,
      // test/browser/indicator.spec.ts).
      preload: preload.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: preload.devTools,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // Every window works while it is hidden or behind others: a dictation started by the
      // global shortcut captures in the hidden main window, captions keep updating behind
      // other windows, and the indicator's level moves though it is never focused.
      backgroundThrottling: false,
    },
  });
  // The CSP does not govern WebRTC. The page removes it (src/renderer/page-lockdown.ts); here
  // Chromium is also told to send no UDP that does not go through a proxy, which also keeps
  // the machine's addresses from the page (TCP to a TURN server would still be possible,
  // which is why the page-side removal is what closes the channel).
  window.webContents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  return window;
}
