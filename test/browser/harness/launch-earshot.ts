/**
 * Starts one Earshot "app" for a test: a fresh Chromium whose fake microphone plays the given
 * WAV, the built renderer served with the production CSP, the real preload under the
 * Electron emulation, and the real main-process core and IPC dispatcher with the real
 * keychain and a throwaway userData directory. Main runs in this process (launchEarshot) or
 * in a child process a test can SIGKILL (launchEarshotWithMainProcess).
 */
import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  keychainAccount,
  keychainService,
  loadKeytarSecretStore,
} from '../../../src/main/core/key-vault/secret-store';
import { bridgeGlobalName } from '../../../src/shared/ipc-contract';
import { launchChromium } from './chromium';
import { attachElectronEmulation, EmulatedIpcMain, type AttachedWindow } from './electron-main-emulation';
import { startEmulatedMain, type EmulatedMain } from './emulated-main';
import type { EmulatedWebContents } from './electron-main-emulation';
import { startMainProcess, type MainProcess } from './main-process';
import { applyPermissionPolicy, type MicrophoneDecision } from './permission-emulation';
import { serveRenderer, type RendererServer } from './renderer-server';
import { recordWindowCoverage } from './window-coverage';
import { loadSandboxedPreload } from './sandboxed-preload';

export interface LaunchOptions {
  /** WAV the fake microphone plays once, from the moment getUserMedia opens it; null for silence. */
  microphoneWav: string | null;
  microphone: MicrophoneDecision;
  /** Endpoint URL put into settings before the window opens (as an admin would have). */
  endpoint: string | null;
  /** Reuse this userData directory (a restart of the same app); it is then left in place on close. */
  userDataDir?: string;
  /** A restart: keep the key an earlier launch saved instead of starting as a first run. */
  keepStoredKey?: boolean;
  /** Chromium hears this private PulseAudio server's real devices (test/support/pulse-server.ts), not the fake microphone. */
  pulseAudioEnv?: Record<string, string>;
}

export interface EarshotApp<Main extends { logLines: string[] } = EmulatedMain> {
  page: Page;
  browser: Browser;
  window: AttachedWindow;
  main: Main;
  /** The emulated ipcMain main's wiring is registered on (a second window, e.g. the caption overlay, joins it). */
  ipcMain: EmulatedIpcMain;
  server: RendererServer;
  userDataDir: string;
  /** Everything the renderer printed to its console, and uncaught page errors. */
  console: string[];
  close(): Promise<void>;
}

/** Tests start as a first run: no key in the (private) keychain. */
export async function forgetStoredKey(): Promise<void> {
  const store = await loadKeytarSecretStore();
  await store.deletePassword(keychainService, keychainAccount);
}

interface StartedMain<Main> {
  main: Main;
  ipcMain: EmulatedIpcMain;
  windowAttached(webContents: EmulatedWebContents): void;
  dispose(): Promise<void>;
}

type MainStarter<Main> = (context: { userDataDir: string; appOrigin: string }) => Promise<StartedMain<Main>>;

/** Main's core in the test process: tests can reach into it (settings, history, logs). */
export function launchEarshot(options: LaunchOptions): Promise<EarshotApp> {
  return launch(options, async ({ userDataDir, appOrigin }) => {
    const ipcMain = new EmulatedIpcMain();
    let window: EmulatedWebContents | null = null;
    const main = await startEmulatedMain({
      userDataDir,
      ipcMain,
      window: () => window,
      appOrigin,
      ...(options.pulseAudioEnv ? { pulseAudioEnv: options.pulseAudioEnv } : {}),
    });
    if (options.endpoint) await main.core.invokeHandlers.updateSettings({ endpoint: options.endpoint });
    return {
      main,
      ipcMain,
      windowAttached: (webContents) => {
        window = webContents;
      },
      dispose: () => main.dispose(),
    };
  });
}

/** Main's core in a child process of its own, which `app.main.kill()` ends with SIGKILL. */
export function launchEarshotWithMainProcess(options: LaunchOptions): Promise<EarshotApp<MainProcess>> {
  return launch(options, async ({ userDataDir, appOrigin }) => {
    const main = await startMainProcess({ userDataDir, appOrigin, endpoint: options.endpoint });
    return {
      main,
      ipcMain: main.ipcMain,
      windowAttached: (webContents) => main.windowAttached(webContents),
      dispose: () => main.dispose(),
    };
  });
}

async function launch<Main extends { logLines: string[] }>(
  options: LaunchOptions,
  startMain: MainStarter<Main>,
): Promise<EarshotApp<Main>> {
  const preloadSource = loadSandboxedPreload();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'earshot-e2e-userdata-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  if (options.userDataDir === undefined) {
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
  }
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Keep tearing down the rest.
      }
    }
  };
  try {
    if (!options.keepStoredKey) await forgetStoredKey();
    const server = await serveRenderer();
    cleanups.push(() => server.close());

    const started = await startMain({ userDataDir, appOrigin: server.origin });
    cleanups.push(() => started.dispose());

    const browser = await launchChromium(
      options.pulseAudioEnv
        ? { pulseAudioEnv: options.pulseAudioEnv }
        : options.microphoneWav
          ? { microphoneWav: options.microphoneWav }
          : {},
    );
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const saveCoverage = await recordWindowCoverage(page);
    // Runs before the browser closes (cleanups run in reverse).
    if (saveCoverage) cleanups.push(saveCoverage);
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.name}: ${error.message}`));

    const window = await attachElectronEmulation(page, { ipcMain: started.ipcMain, preloadSource });
    started.windowAttached(window.webContents);
    await applyPermissionPolicy(context, {
      appOrigin: server.origin,
      webContentsId: window.webContents.id,
      decision: options.microphone,
    });
    await page.goto(server.indexUrl);
    // A preload error arrives through the binding; the evaluate round trip lets it land first.
    const bridged = await page.evaluate((name) => name in globalThis, bridgeGlobalName);
    if (window.preloadErrors.length > 0) {
      throw new Error(`The preload failed in the window: ${window.preloadErrors.join('; ')}`);
    }
    if (!bridged) throw new Error(`The preload did not expose window.${bridgeGlobalName}.`);

    return {
      page,
      browser,
      window,
      main: started.main,
      ipcMain: started.ipcMain,
      server,
      userDataDir,
      console: consoleLines,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
