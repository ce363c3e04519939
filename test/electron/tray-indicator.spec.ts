/**
 * Closing to the tray and the dictation indicator in the real Electron app (built app in out/,
 * fresh userData, the emulator as the endpoint). Skipped, with the reason, where no Electron
 * binary is installed; GitHub Actions runs it on Linux (xvfb), macOS and Windows.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { EarshotUi } from '../browser/harness/earshot-ui';
import { bridgeGlobalName } from '../../src/shared/ipc-contract';
import { keychainAccount, loadKeytarSecretStore } from '../../src/main/core/key-vault/secret-store';
import { findElectronBinary, projectRoot } from './electron-binary';

const binary = findElectronBinary();
test.skip(binary.problem !== null, `Electron binary not installed on this machine: ${binary.problem}`);

const keychainService = `Earshot test ${randomUUID()}`;
let emulator: DeepgramEmulator;
let app: ElectronApplication | null = null;
let page: Page;
let userDataDir = '';

test.beforeEach(async () => {
  if (!binary.path) throw new Error('unreachable: skipped above');
  emulator = await startDeepgramEmulator();
  userDataDir = mkdtempSync(join(tmpdir(), 'earshot-electron-tray-'));
  const builtMain = join(projectRoot, 'out', 'main', 'index.js');
  if (!existsSync(builtMain)) throw new Error(`${builtMain} is missing: run \`npm run build\` first.`);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE')
      env[name] = value;
  }
  env['EARSHOT_KEYCHAIN_SERVICE'] = keychainService;
  env['EARSHOT_USER_DATA_DIR'] = userDataDir;
  app = await electron.launch({ executablePath: binary.path, args: [projectRoot], cwd: projectRoot, env });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(userDataDir, { recursive: true, force: true });
  await emulator.close();
});

test.afterAll(async () => {
  const store = await loadKeytarSecretStore();
  await store.deletePassword(keychainService, keychainAccount);
});

async function updateSettings(patch: Record<string, unknown>): Promise<void> {
  const result = await page.evaluate(
    ([name, change]) =>
      (
        (globalThis as Record<string, unknown>)[name] as {
          updateSettings(patch: unknown): Promise<{ ok: boolean }>;
        }
      ).updateSettings(change),
    [bridgeGlobalName, patch] as const,
  );
  expect(result.ok).toBe(true);
}

test('with "keep running in the tray" on, closing hides the window and the app keeps running', async () => {
  if (!app) throw new Error('not launched');
  await updateSettings({ closeToTray: true });
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expect
    .poll(() =>
      app!.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((window) => ({
          title: window.getTitle(),
          visible: window.isVisible(),
        })),
      ),
    )
    .toContainEqual({ title: 'Earshot', visible: false });
  // A second start (as the tray's Open Earshot does) brings the same window back.
  await app.evaluate(({ app: electronApp }) => electronApp.emit('second-instance'));
  await expect
    .poll(() =>
      app!.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().some((window) => window.isVisible()),
      ),
    )
    .toBe(true);
});

test('while a session runs with Earshot behind, the indicator shows without focus, on top', async () => {
  if (!app) throw new Error('not launched');
  test.setTimeout(90_000);
  const ui = new EarshotUi(page);
  await expect(page.getByTestId('endpoint-input')).toHaveValue('https://api.deepgram.com');
  await page.getByTestId('endpoint-input').fill(emulator.url);
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await app.evaluate(({ dialog }) => {
    Object.defineProperty(dialog, 'showMessageBox', {
      configurable: true,
      value: async (...args: unknown[]) => {
        const options = args.at(-1) as { buttons: string[] };
        return { response: options.buttons.length - 1, checkboxChecked: false };
      },
    });
  });
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  await ui.startButton.click();
  await expect.poll(() => ui.phase(), { timeout: 20_000 }).toBe('live');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.blur());
  await expect
    .poll(
      () =>
        app!.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()
            .filter((window) => window.getTitle() === 'Earshot indicator')
            .map((window) => ({
              visible: window.isVisible(),
              focusable: window.isFocusable(),
              onTop: window.isAlwaysOnTop(),
              focused: window.isFocused(),
            })),
        ),
      { timeout: 10_000 },
    )
    .toEqual([{ visible: true, focusable: false, onTop: true, focused: false }]);
  await ui.stopButton.click();
  await expect
    .poll(() =>
      app!.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().some(
          (window) => window.getTitle() === 'Earshot indicator' && window.isVisible(),
        ),
      ),
    )
    .toBe(false);
});
