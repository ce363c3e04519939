/**
 * Earshot's one window. Every security-relevant web preference is written out explicitly,
 * even where Electron's default already matches, so a reader (and Electronegativity, which
 * still assumes pre-Electron-20 defaults) sees the whole configuration here.
 */
import { BrowserWindow } from 'electron';

export function createMainWindow(options: { preloadPath: string; devTools: boolean }): BrowserWindow {
  // REMOTE_MODULE_JS_CHECK: the remote module was removed in Electron 14 and the option no
  // longer exists (electron.d.ts refuses it), so there is nothing to disable.
  // Unformatted so the eng-disable annotation stays on the line Electronegativity reports.
  // prettier-ignore
  const window = new BrowserWindow({ /* eng-disable REMOTE_MODULE_JS_CHECK */
    width: 1000,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    title: 'Earshot',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // PRELOAD_JS_CHECK: reviewed. The preload exposes only the contract's named functions
      // (src/preload/earshot-bridge.ts), proven by test/integration/ipc/preload-bundle.test.ts.
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
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // A dictation started by the global shortcut captures while the window is hidden or behind others.
      backgroundThrottling: false,
    },
  });
  // The CSP does not govern WebRTC. The page removes it (src/renderer/page-lockdown.ts); here
  // Chromium is also told to send no UDP that does not go through a proxy, which also keeps
  // the machine's addresses from the page (TCP to a TURN server would still be possible,
  // which is why the page-side removal is what closes the channel).
  window.webContents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  window.once('ready-to-show', () => window.show());
  return window;
}
