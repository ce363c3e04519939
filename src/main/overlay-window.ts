/**
 * The caption overlay's window: frameless, always on top, optionally transparent, shown without
 * taking the focus. Its webPreferences are the main window's (src/main/window.ts), written out
 * the same way; its preload is the overlay's own (out/preload/overlay.cjs), which exposes only
 * the overlay contract.
 */
import { BrowserWindow, type Rectangle } from 'electron';

export const overlayWindowTitle = 'Earshot captions';

export function createOverlayWindow(options: {
  preloadPath: string;
  devTools: boolean;
  bounds: Rectangle;
  transparent: boolean;
}): BrowserWindow {
  // prettier-ignore
  const window = new BrowserWindow({ /* eng-disable REMOTE_MODULE_JS_CHECK */
    ...options.bounds,
    minWidth: 200,
    minHeight: 60,
    title: overlayWindowTitle,
    show: false,
    frame: false,
    transparent: options.transparent,
    backgroundColor: options.transparent ? '#00000000' : '#141414',
    hasShadow: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: true,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    webPreferences: {
      // PRELOAD_JS_CHECK: reviewed. The overlay preload exposes only the overlay contract's named
      // functions (src/preload/overlay-bridge.ts).
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
      // Captions keep updating while the window is behind others or on another workspace.
      backgroundThrottling: false,
    },
  });
  window.webContents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  // Above full-screen video and presentations, where captions are most needed.
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  // Shown without focus: the app the person is using keeps the keyboard.
  window.once('ready-to-show', () => window.showInactive());
  return window;
}
