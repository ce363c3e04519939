/**
 * The dictation indicator's window: small, frameless, transparent where the platform allows,
 * always on top, out of the taskbar, and never focusable, so the app being dictated into keeps
 * the keyboard. Its webPreferences are the main window's (src/main/window.ts), written out the
 * same way; its preload is the indicator's own (out/preload/indicator.cjs), which exposes two
 * event subscriptions and nothing that reaches main.
 */
import { BrowserWindow, type Rectangle } from 'electron';

export const indicatorWindowTitle = 'Earshot indicator';

export function createIndicatorWindow(options: {
  preloadPath: string;
  devTools: boolean;
  bounds: Rectangle;
}): BrowserWindow {
  // prettier-ignore
  const window = new BrowserWindow({ /* eng-disable REMOTE_MODULE_JS_CHECK */
    ...options.bounds,
    title: indicatorWindowTitle,
    show: false,
    frame: false,
    transparent: true,
    backgroundColor: '#00000000',
    hasShadow: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    focusable: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    webPreferences: {
      // PRELOAD_JS_CHECK: reviewed. The indicator preload exposes only two event subscriptions
      // (src/preload/indicator-bridge.ts), proven by test/browser/indicator.spec.ts.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
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
      devTools: options.devTools,
      disableBlinkFeatures: 'Auxclick',
      // The level keeps moving while the window is behind nothing but never focused.
      backgroundThrottling: false,
    },
  });
  window.webContents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  // Above full-screen apps too: that is where people dictate.
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  // Clicks go to the app underneath: the indicator has nothing to click.
  window.setIgnoreMouseEvents(true);
  return window;
}
