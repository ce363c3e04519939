/**
 * The webPreferences every Earshot window must be created with, apart from its own preload,
 * written out here on purpose: a test must not import the values it checks from src. Shared by
 * the tests of the windows' hardening (test/integration/main/hardened-window.test.ts,
 * indicator-window.test.ts, main-entry.test.ts). devTools is off, as in a packaged build.
 */
export const expectedHardening = {
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
  devTools: false,
  disableBlinkFeatures: 'Auxclick',
  backgroundThrottling: false,
} as const;
