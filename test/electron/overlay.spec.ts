/**
 * The caption overlay in the real Electron app (built app in out/, fresh userData): Show
 * captions opens a frameless always-on-top window that does not take the focus, whose page has
 * only the overlay's bridge; click-through registers the shortcut out of it; its place is
 * remembered. Skipped, with the reason, where no Electron binary is installed; GitHub Actions runs
 * it on Linux (xvfb), macOS and Windows.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { overlayBridgeGlobalName, overlayPagePath } from '../../src/shared/overlay-contract';
import { bridgeGlobalName } from '../../src/shared/ipc-contract';
import { EarshotUi } from '../browser/harness/earshot-ui';
import { findElectronBinary, projectRoot } from './electron-binary';

const binary = findElectronBinary();
test.skip(binary.problem !== null, `Electron binary not installed on this machine: ${binary.problem}`);

const overlayTitle = 'Earshot captions';
let app: ElectronApplication | null = null;
let page: Page;
let userDataDir = '';

test.beforeEach(async () => {
  if (!binary.path) throw new Error('unreachable: skipped above');
  userDataDir = mkdtempSync(join(tmpdir(), 'earshot-electron-overlay-'));
  const builtMain = join(projectRoot, 'out', 'main', 'index.js');
  if (!existsSync(builtMain)) throw new Error(`${builtMain} is missing: run \`npm run build\` first.`);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE')
      env[name] = value;
  }
  env['EARSHOT_USER_DATA_DIR'] = userDataDir;
  app = await electron.launch({ executablePath: binary.path, args: [projectRoot], cwd: projectRoot, env });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(userDataDir, { recursive: true, force: true });
});

async function openOverlay(): Promise<Page> {
  if (!app) throw new Error('not launched');
  const opened = app.waitForEvent('window', (window) => window.url().endsWith(overlayPagePath));
  // A first run opens on Settings; the button is on the live screen.
  await new EarshotUi(page).goToLiveView();
  await page.getByTestId('show-captions').click();
  const overlay = await opened;
  await expect(overlay.getByTestId('overlay')).toBeVisible();
  return overlay;
}

/** The overlay window as main sees it, or null when there is none. */
function overlayState() {
  return app!.evaluate(({ BrowserWindow }, title) => {
    const window = BrowserWindow.getAllWindows().find((candidate) => candidate.getTitle() === title);
    if (!window) return null;
    return {
      alwaysOnTop: window.isAlwaysOnTop(),
      focused: window.isFocused(),
      visible: window.isVisible(),
      bounds: window.getBounds(),
    };
  }, overlayTitle);
}

function onOverlay(action: 'close' | { x: number; y: number; width: number; height: number }) {
  return app!.evaluate(
    ({ BrowserWindow }, [title, what]) => {
      const window = BrowserWindow.getAllWindows().find((candidate) => candidate.getTitle() === title);
      if (what === 'close') window?.close();
      else window?.setBounds(what);
    },
    [overlayTitle, action] as const,
  );
}

test('Show captions opens a frameless, always-on-top overlay that leaves the focus where it was', async () => {
  const overlay = await openOverlay();
  expect(await overlayState()).toMatchObject({ alwaysOnTop: true, focused: false, visible: true });
  await expect(overlay.getByTestId('overlay-captions')).toContainText('Captions appear here');
  // Its page has the overlay's bridge and not the main window's.
  const globals = await overlay.evaluate(
    ([main, own]) => ({ main: main in globalThis, own: own in globalThis }),
    [bridgeGlobalName, overlayBridgeGlobalName] as const,
  );
  expect(globals).toEqual({ main: false, own: true });
});

test('click-through registers the shortcut that ends it; the overlay reopens where it was left', async () => {
  const overlay = await openOverlay();
  await overlay.getByTestId('overlay').hover();
  await overlay.getByTestId('overlay-click-through').click();
  await expect(overlay.getByTestId('overlay-click-through-note')).toBeVisible();
  expect(
    await app!.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+C')),
  ).toBe(true);

  await onOverlay({ x: 120, y: 140, width: 700, height: 150 });
  // Moves are written once they settle.
  await page.waitForTimeout(1_000);
  await onOverlay('close');
  await expect.poll(() => overlayState()).toBeNull();
  expect(
    await app!.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+C')),
  ).toBe(false);

  await openOverlay();
  expect((await overlayState())?.bounds).toEqual({
    x: 120,
    y: 140,
    width: 700,
    height: 150,
  });
});
