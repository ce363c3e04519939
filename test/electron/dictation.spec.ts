/**
 * The dictation shortcut in the real Electron app (Playwright's _electron): Settings shows
 * whether the shortcut works on this desktop, and on Linux under X (the CI runs these under
 * Xvfb) holding Ctrl+Alt+Space with xdotool while the window is hidden starts a session that
 * the hidden window captures for (Chromium's fake microphone playing the speech fixture),
 * and letting go stops it: the words are in History, and inserted into whatever had focus or
 * put on the clipboard.
 *
 * Skipped, with the reason, where no Electron binary is installed (as on the machine these
 * were written on), and the hold-to-talk test also where there is no X display or xdotool.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { makeSpeechFixture, type SpeechFixture } from '../fixtures/make-speech';
import { EarshotUi } from '../browser/harness/earshot-ui';
import { findElectronBinary, projectRoot } from './electron-binary';
import { keychainAccount, loadKeytarSecretStore } from '../../src/main/core/key-vault/secret-store';
import { speechToolsMissing } from '../support/speech-audio';
import { x11ToolsMissing } from '../support/x11-display';

const binary = findElectronBinary();
test.skip(binary.problem !== null, `Electron binary not installed on this machine: ${binary.problem}`);

const keychainService = `Earshot dictation test ${randomUUID()}`;
let speech: SpeechFixture | null = null;
let emulator: DeepgramEmulator;
let launched: { app: ElectronApplication; page: Page; userDataDir: string } | null = null;

test.beforeAll(() => {
  if (speechToolsMissing === null) speech = makeSpeechFixture();
});
test.afterAll(async () => {
  const store = await loadKeytarSecretStore();
  await store.deletePassword(keychainService, keychainAccount);
});
test.beforeEach(async () => {
  emulator = await startDeepgramEmulator();
  if (!binary.path) throw new Error('unreachable: skipped above');
  const builtMain = join(projectRoot, 'out', 'main', 'index.js');
  if (!existsSync(builtMain)) throw new Error(`${builtMain} is missing: run \`npm run build\` first.`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'earshot-electron-dictation-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE')
      env[name] = value;
  }
  if (speech) env['EARSHOT_E2E_FAKE_AUDIO'] = speech.wavPath;
  env['EARSHOT_KEYCHAIN_SERVICE'] = keychainService;
  env['EARSHOT_USER_DATA_DIR'] = userDataDir;
  const app = await electron.launch({
    executablePath: binary.path,
    args: [projectRoot],
    cwd: projectRoot,
    env,
  });
  launched = { app, page: await app.firstWindow(), userDataDir };
});
test.afterEach(async () => {
  if (launched) {
    await launched.app.close();
    rmSync(launched.userDataDir, { recursive: true, force: true });
    launched = null;
  }
  await emulator.close();
});

test('Settings says whether the dictation shortcut works on this desktop', async () => {
  const { page } = launched!;
  const ui = new EarshotUi(page);
  await expect(ui.settingsView).toBeVisible();
  const status = page.getByTestId('dictation-shortcut-status');
  await expect(status).toBeVisible();
  const state = await status.getAttribute('data-state');
  expect(['ready', 'tap-only', 'taken', 'unavailable']).toContain(state);
  // A sentence, never an error dump.
  expect(await status.innerText()).toMatch(/^[A-Z].*[.:]/);
});

test('hold-to-talk with the window hidden: the session is captured and kept in History', async () => {
  const xMissing = process.platform !== 'linux' ? 'needs Linux under X' : x11ToolsMissing(['xdotool']);
  test.skip(
    xMissing !== null || !process.env.DISPLAY,
    `Hold-to-talk through xdotool ${xMissing ?? 'needs DISPLAY'}.`,
  );
  test.skip(speech === null, `The speech fixture ${speechToolsMissing ?? ''}.`);
  test.setTimeout(120_000);
  const { app, page } = launched!;
  const ui = new EarshotUi(page);
  await expect(ui.settingsView).toBeVisible();
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
  await expect(page.getByTestId('dictation-shortcut-status')).toHaveAttribute('data-state', 'ready');
  emulator.queueUtterances(speech!.utterances);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());

  spawnSync('xdotool', ['keydown', 'ctrl+alt+space']);
  await new Promise((resolve) => setTimeout(resolve, Math.min(speech!.durationMs, 8000) + 1000));
  spawnSync('xdotool', ['keyup', 'ctrl+alt+space']);

  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
  const history = await page.evaluate(async () => {
    const bridge = (
      globalThis as unknown as { earshot: { listHistory(): Promise<{ ok: boolean; value: unknown[] }> } }
    ).earshot;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const listed = await bridge.listHistory();
      if (listed.ok && listed.value.length > 0) return listed.value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return [];
  });
  expect(history.length).toBe(1);
  const streams = emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);
  expect(streams.length).toBeGreaterThanOrEqual(1);
  // Audio arrived while the window was hidden: Chromium kept capturing (backgroundThrottling off).
  expect(streams[0]?.audio.sampleRate).toBe(16_000);
});
