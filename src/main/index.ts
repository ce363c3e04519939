/**
 * Earshot's Electron entry point: hardens the app and its one window, serves the renderer,
 * and wires the main-process core to IPC through the contract. Policy lives in the small
 * modules beside this file; this file only puts them in order (some steps must happen
 * before `ready`, the rest after).
 */
import { join } from 'node:path';
import {
  app,
  clipboard,
  ClipboardItem,
  desktopCapturer,
  dialog,
  globalShortcut,
  Menu,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
  systemPreferences,
  webContents,
  type BrowserWindow,
} from 'electron';
import { keychainAccount, loadKeytarSecretStore } from './core/key-vault/secret-store';
import { createLogger, createSecretRegistry, errorName, type Logger } from './core/logger';
import { applicationMenuTemplate } from './application-menu';
import { registerAppSchemeAsPrivileged, serveRendererOverAppProtocol } from './app-protocol';
import { applyCspToDevServer, contentSecurityPolicy } from './content-security-policy';
import { openKeyMetadataStore, openSettingsStore } from './electron-stores';
import { installDisplayMediaHandler, sourceNeedsLoopback } from './display-media';
import { followSystemAudioSource } from './system-audio-glue';
import { confirmEndpointNatively } from './endpoint-dialog';
import { chooseExportPathNatively } from './export-dialog';
import { electronIpcMain } from './ipc/electron-ipc-main';
import { wireEarshotMain } from './ipc/ipc-wiring';
import { originOf, packagedAppOrigin } from './ipc/origin';
import { createTrustedWebContentsRegistry } from './ipc/trusted-sender';
import { openLogFile } from './log-file';
import { installNavigationGuards } from './navigation-guard';
import { installPermissionHandlers } from './permissions';
import { forwardPowerEvents } from './power-events';
import { fakeAudioSwitches } from './test-fake-audio';
import { applyMainV8Flags } from './v8-flags';
import { createMainWindow } from './window';
import { createDictationWiring } from './dictation-glue';
import { createEarshotTray } from './tray/earshot-tray';
import { createAppIndicator } from './indicator-app';
import { createAppOverlay } from './overlay-app';
import type { AudioSource } from '../shared/settings';

// A packaged app never takes its renderer URL or data directory from the environment.
const devServerUrl = app.isPackaged ? null : process.env['ELECTRON_RENDERER_URL'] || null;
const devServerOrigin = devServerUrl ? originOf(devServerUrl) : null;
const appOrigin = devServerOrigin ?? packagedAppOrigin;
const userDataOverride = app.isPackaged ? null : process.env['EARSHOT_USER_DATA_DIR'] || null;
// Tests on macOS and Windows, which have no private Secret Service, keep their key in an entry of their own.
const keychainServiceOverride = app.isPackaged ? null : process.env['EARSHOT_KEYCHAIN_SERVICE'] || null;

// ── Before ready ──
applyMainV8Flags();
if (userDataOverride) app.setPath('userData', userDataOverride);
for (const [name, value] of fakeAudioSwitches(process.env, app.isPackaged)) {
  app.commandLine.appendSwitch(name, value);
}
registerAppSchemeAsPrivileged(protocol);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(null, error));
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  const logFile = openLogFile(userDataDir);
  const secrets = createSecretRegistry();
  const log = createLogger({ write: logFile.write, secrets });
  log.info('earshot starting', { version: app.getVersion(), packaged: app.isPackaged, appOrigin });

  try {
    const trustedWebContents = createTrustedWebContentsRegistry();
    let mainWindow: BrowserWindow | null = null;

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate({
          isMac: process.platform === 'darwin',
          includeDeveloperItems: !app.isPackaged,
        }),
      ),
    );
    installNavigationGuards(app, shell, log);
    // The audio source chosen in Settings, once the core can say (display capture is refused before).
    let audioSource = async (): Promise<AudioSource> => 'microphone';
    installPermissionHandlers(
      session.defaultSession,
      {
        isTrustedWebContents: (id) => trustedWebContents.has(id),
        appOrigin,
        loopbackWanted: async () => sourceNeedsLoopback(await audioSource(), process.platform),
      },
      log,
    );
    const csp = contentSecurityPolicy({ devServerOrigin });
    if (devServerOrigin) {
      applyCspToDevServer(session.defaultSession, devServerOrigin, csp, log);
    } else {
      serveRendererOverAppProtocol(protocol, {
        rendererRoot: join(import.meta.dirname, '../renderer'),
        contentSecurityPolicy: csp,
        log,
      });
    }

    const settings = openSettingsStore(userDataDir, log);
    const keyMetadata = openKeyMetadataStore(userDataDir, log);
    const dictation = createDictationWiring(
      {
        clipboard,
        ClipboardItem,
        globalShortcut,
        Notification,
        systemPreferences,
        platform: process.platform,
        env: process.env,
      },
      { log, windowOpen: () => mainWindow !== null && !mainWindow.webContents.isDestroyed() },
    );
    const tray = createEarshotTray({
      app,
      showWindow: () => showWindow(),
      windowVisible: () => mainWindow?.isVisible() ?? false,
      log,
    });
    const overlay = createAppOverlay({ userDataDir, devServerOrigin, devTools: !app.isPackaged, log });
    const indicator = createAppIndicator({ devServerOrigin, devTools: !app.isPackaged, log });
    const { core } = await wireEarshotMain({
      core: {
        userDataDir,
        secretStoreLoader: loadKeytarSecretStore,
        settingsBackend: settings.backend,
        settingsNotice: settings.notice,
        keyMetadataStore: keyMetadata.file,
        keyMetadataNotice: keyMetadata.notice,
        confirmEndpoint: (request) => confirmEndpointNatively(dialog, mainWindow, request),
        exportGlue: {
          chooseExportPath: (question) =>
            chooseExportPathNatively(dialog, mainWindow, question, documentsDirectory()),
        },
        ...(keychainServiceOverride
          ? { keychainEntry: { service: keychainServiceOverride, account: keychainAccount } }
          : {}),
        log,
        secrets,
        dictation: dictation.glue,
        captionOverlay: overlay.captionOverlay,
      },
      ipcMain: electronIpcMain,
      window: () => mainWindow?.webContents ?? null,
      isTrustedWebContents: (id) => trustedWebContents.has(id),
      appOrigin,
      observeEvents: (method, payload) => {
        tray.observeEvents(method, payload);
        indicator.observeEvents(method, payload);
      },
      observeAudio: (frame) => indicator.observeAudio(frame),
    });
    tray.attach(core);
    indicator.attach(core);
    overlay.attach(core, tray.model);
    forwardPowerEvents(powerMonitor, core, log);
    audioSource = async () => (await core.invokeHandlers.getSettings(undefined)).settings.audioSource;
    const systemAudioSource = followSystemAudioSource(core, log);
    installDisplayMediaHandler(
      session.defaultSession,
      desktopCapturer,
      (frame) => webContents.fromFrame(frame),
      {
        isTrustedWebContents: (id) => trustedWebContents.has(id),
        appOrigin,
        audioSource: () => audioSource(),
      },
      log,
    );

    const openWindow = () => {
      const window = createMainWindow({
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        devTools: !app.isPackaged,
      });
      const webContentsId = window.webContents.id;
      trustedWebContents.add(webContentsId);
      window.webContents.once('destroyed', () => trustedWebContents.remove(webContentsId));
      window.webContents.on('render-process-gone', (_event, details) =>
        log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode }),
      );
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
      tray.keepInTray(window);
      indicator.followMainWindow(window);
      // Closed for good (not to the tray): the captions go with the window.
      window.on('closed', () => overlay.hide());
      mainWindow = window;
      window.loadURL(devServerUrl ?? `${packagedAppOrigin}/index.html`).catch((error: unknown) => {
        log.error('renderer failed to load', { errorName: errorName(error) });
      });
    };

    // Also brings back a window closed to the tray (hidden, not destroyed).
    const showWindow = () => {
      if (!mainWindow) return openWindow();
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    };
    app.on('second-instance', () => showWindow());
    app.on('activate', () => showWindow());
    app.on('window-all-closed', () => app.quit());

    let disposing = false;
    app.on('before-quit', (event) => {
      if (disposing) return;
      // Let the session stop cleanly (last words saved) before the process exits.
      event.preventDefault();
      disposing = true;
      dictation.dispose();
      overlay.dispose();
      core
        .dispose()
        .then(() => systemAudioSource?.dispose())
        .catch((error: unknown) => log.error('shutdown failed', { errorName: errorName(error) }))
        .finally(() => {
          log.info('earshot stopped');
          logFile.close();
          app.quit();
        });
    });

    openWindow();
  } catch (error) {
    fail(log, error);
  }
}

function fail(log: Logger | null, error: unknown): void {
  log?.error('earshot could not start', { errorName: errorName(error) });
  dialog.showErrorBox(
    'Earshot could not start',
    'Something went wrong while starting Earshot. Restart the app; if it keeps happening, reinstall it.',
  );
  app.exit(1);
}

/** Where the save dialog starts; some Linux desktops have no documents folder. */
function documentsDirectory(): string | null {
  try {
    return app.getPath('documents');
  } catch {
    return null;
  }
}
