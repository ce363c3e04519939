/**
 * The dictation indicator's own page and its own real preload (out/preload/indicator.cjs), in
 * Chromium over the Electron IPC emulation, served through main's app:// handler with the
 * production CSP: main's indicator controller (src/main/indicator-controller.ts) drives it as it
 * does in the app, through the window's webContents.send. The page shows the state and the
 * level; its preload exposes two subscriptions and nothing that reaches main, and it has no
 * window.earshot.
 */
import { resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createIndicatorController, type IndicatorWindowLike } from '../../src/main/indicator-controller';
import { indicatorBridgeGlobalName, indicatorPagePath } from '../../src/shared/indicator-contract';
import { bridgeGlobalName } from '../../src/shared/ipc-contract';
import { idleSessionState, type SessionPhase } from '../../src/shared/session-state';
import { axeViolationsInBothSchemes } from './harness/axe-scan';
import { launchChromium } from './harness/chromium';
import {
  attachElectronEmulation,
  EmulatedIpcMain,
  type AttachedWindow,
} from './harness/electron-main-emulation';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { loadSandboxedPreload } from './harness/sandboxed-preload';
import { buildRoot, serveRenderer, type RendererServer } from './harness/renderer-server';
import { recordWindowCoverage } from './harness/window-coverage';

let server: RendererServer;
let browser: Browser;

test.beforeAll(async () => {
  test.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  server = await serveRenderer();
  browser = await launchChromium();
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Indicator pages open in this test, closed after it (their coverage saved first, under npm run coverage). */
const openPages: Array<{ page: Page; saveCoverage: (() => Promise<void>) | null }> = [];
test.afterEach(async () => {
  for (const { page, saveCoverage } of openPages.splice(0)) {
    await saveCoverage?.();
    await page.close();
  }
});

async function openIndicator(): Promise<{
  page: Page;
  window: AttachedWindow;
  ipcMain: EmulatedIpcMain;
  errors: string[];
}> {
  const page = await browser.newPage({ viewport: { width: 220, height: 40 } });
  openPages.push({ page, saveCoverage: await recordWindowCoverage(page) });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const ipcMain = new EmulatedIpcMain();
  const window = await attachElectronEmulation(page, {
    ipcMain,
    preloadSource: loadSandboxedPreload(resolve(buildRoot, 'preload/indicator.cjs')),
  });
  await page.goto(`${server.origin}${indicatorPagePath}`);
  return { page, window, ipcMain, errors };
}

test('shows the state and the level main sends, and nothing else is exposed', async () => {
  const { page, window, ipcMain, errors } = await openIndicator();
  expect(window.preloadErrors).toEqual([]);

  // The page's surface: two subscriptions, no main-window bridge, no way to invoke or send.
  const surface = await page.evaluate(
    ([indicatorName, mainName]) => {
      const bridge = (globalThis as Record<string, unknown>)[indicatorName] as Record<string, unknown>;
      return {
        keys: Object.keys(bridge).sort(),
        kinds: Object.values(bridge).map((value) => typeof value),
        frozen: Object.isFrozen(bridge),
        mainBridge: mainName in globalThis,
        require: 'require' in globalThis,
      };
    },
    [indicatorBridgeGlobalName, bridgeGlobalName] as const,
  );
  expect(surface).toEqual({
    keys: ['onIndicatorLevel', 'onIndicatorState'],
    kinds: ['function', 'function'],
    frozen: true,
    mainBridge: false,
    require: false,
  });

  // Main's controller drives the page through the window's webContents, as in the app.
  let visible = false;
  const indicatorWindow: IndicatorWindowLike = {
    webContents: {
      send: (channel, payload) => window.webContents.send(channel, payload),
      isDestroyed: () => false,
    },
    showInactive: () => (visible = true),
    hide: () => (visible = false),
    isVisible: () => visible,
    isDestroyed: () => false,
    setBounds: () => undefined,
  };
  const controller = createIndicatorController({
    createWindow: () => indicatorWindow,
    workArea: () => ({ x: 0, y: 0, width: 1280, height: 800 }),
    enabled: () => true,
    mainWindowFocused: () => false,
    now: () => Date.now(),
  });
  const state = (phase: SessionPhase) => controller.sessionState({ ...idleSessionState, phase });

  const label = page.getByTestId('indicator-label');
  const level = page.getByTestId('indicator-level');
  await expect(label).toHaveText('Not listening');
  state('connecting');
  await expect(label).toHaveText('Connecting…');
  state('live');
  await expect(label).toHaveText('Listening');
  await expect(page.getByTestId('indicator')).toHaveAttribute('data-phase', 'live');
  expect(visible).toBe(true);
  expect(await axeViolationsInBothSchemes(page)).toEqual([]);

  // 50 ms of a -6 dBFS square wave: the meter shows 90 %.
  const loud = new Int16Array(800).map((_, index) => (index % 2 === 0 ? 16384 : -16384));
  controller.audioFrame(loud.buffer);
  await expect(level).toHaveAttribute('aria-valuenow', '90');
  await expect(page.locator('.indicator-level-fill')).toHaveAttribute('style', /scaleX\(0\.89/);

  state('reconnecting');
  await expect(label).toHaveText('Reconnecting…');
  await expect(level).toHaveAttribute('aria-valuenow', '0');
  state('idle');
  await expect(label).toHaveText('Not listening');
  expect(visible).toBe(false);

  // Nothing crossed towards main, no channel exists for it, and the CSP was never broken.
  expect(window.records.filter((record) => record.direction !== 'main-to-renderer')).toEqual([]);
  expect(ipcMain.eventNames()).toEqual([]);
  expect(errors).toEqual([]);
});

test('the page cannot take the focus by itself: it has no control to focus', async () => {
  const { page } = await openIndicator();
  await expect(page.getByTestId('indicator')).toBeVisible();
  await expect(page.locator('button, input, select, textarea, a[href], [tabindex]')).toHaveCount(0);
});
