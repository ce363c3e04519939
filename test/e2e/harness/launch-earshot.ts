/**
 * Starts one Earshot "app" for a test: a fresh Chromium whose fake microphone plays the given
 * WAV, the built renderer served with the production CSP, the real preload under the
 * Electron emulation, and the real main-process core and IPC dispatcher in this process with
 * the real keychain and a throwaway userData directory.
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
import { applyPermissionPolicy, type MicrophoneDecision } from './permission-emulation';
import { serveRenderer, type RendererServer } from './renderer-server';
import { loadSandboxedPreload } from './sandboxed-preload';

export interface LaunchOptions {
  /** WAV the fake microphone plays once, from the moment getUserMedia opens it; null for silence. */
  microphoneWav: string | null;
  microphone: MicrophoneDecision;
  /** Endpoint URL put into settings before the window opens (as an admin would have). */
  endpoint: string | null;
}

export interface EarshotApp {
  page: Page;
  browser: Browser;
  window: AttachedWindow;
  main: EmulatedMain;
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

export async function launchEarshot(options: LaunchOptions): Promise<EarshotApp> {
  const preloadSource = loadSandboxedPreload();
  const userDataDir = mkdtempSync(join(tmpdir(), 'earshot-e2e-userdata-'));
  const cleanups: (() => Promise<void> | void)[] = [
    () => rmSync(userDataDir, { recursive: true, force: true }),
  ];
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
    await forgetStoredKey();
    const server = await serveRenderer();
    cleanups.push(() => server.close());

    const ipcMain = new EmulatedIpcMain();
    let window: AttachedWindow | null = null;
    const main = await startEmulatedMain({
      userDataDir,
      ipcMain,
      window: () => window?.webContents ?? null,
      appOrigin: server.origin,
    });
    cleanups.push(() => main.dispose());
    if (options.endpoint) {
      await main.core.invokeHandlers.updateSettings({ endpoint: options.endpoint });
    }

    const browser = await launchChromium(
      options.microphoneWav ? { microphoneWav: options.microphoneWav } : {},
    );
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.name}: ${error.message}`));

    window = await attachElectronEmulation(page, { ipcMain, preloadSource });
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

    return { page, browser, window, main, server, userDataDir, console: consoleLines, close };
  } catch (error) {
    await close();
    throw error;
  }
}
