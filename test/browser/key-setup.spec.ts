/**
 * First run: no key, so Settings opens with the explanation; the admin types the key and
 * saves; main checks it with the endpoint, keeps it in the keychain, and the window shows
 * the project and what the key may do, never the key. A key the endpoint rejects is
 * explained in a plain sentence and not kept.
 */
import {
  keychainAccount,
  keychainService,
  loadKeytarSecretStore,
} from '../../src/main/core/key-vault/secret-store';
import { defaultMessages } from '../../src/shared/user-facing-error';
import { expect, test } from './harness/earshot-test';

test('first run opens Settings with the explanation; saving the key shows its project and abilities', async ({
  earshot,
  emulator,
  ui,
}) => {
  await expect(ui.settingsView).toBeVisible();
  await expect(ui.firstRunExplanation).toBeVisible();
  await expect(ui.firstRunExplanation).toContainText(/key/i);
  await expect(ui.keyStatus).toContainText('No key is saved');

  await ui.saveKey(emulator.demoKey);

  await expect(ui.keyProject).toContainText(emulator.projectName, { timeout: 15_000 });
  // What the key may do, as main learned it from the endpoint (the demo key is a Member key).
  await expect(ui.keyCanMint).toHaveText(/^yes$/i);
  await expect(ui.keyCanCreate).toHaveText(/^yes$/i);
  await expect(ui.keyError).toHaveCount(0);
  await expect(ui.keyInput).toHaveValue('');
  expect(await earshot.page.locator('body').innerText()).not.toContain(emulator.demoKey);

  const stored = await (await loadKeytarSecretStore()).getPassword(keychainService, keychainAccount);
  expect(stored).toBe(emulator.demoKey);
  expect(emulator.recorder.restRequests.some((request) => request.status === 200)).toBe(true);
});

test('a key the endpoint rejects is explained and not kept', async ({ emulator, ui }) => {
  const unknownKey = 'f'.repeat(40);
  await ui.saveKey(unknownKey);

  await expect(ui.keyError).toHaveText(defaultMessages['bad-key'], { timeout: 15_000 });
  await expect(ui.keyStatus).toContainText('No key is saved');
  const stored = await (await loadKeytarSecretStore()).getPassword(keychainService, keychainAccount);
  expect(stored).toBeNull();
  expect(emulator.recorder.restRequests.length).toBeGreaterThan(0);
  expect(emulator.recorder.restRequests.every((request) => request.status === 401)).toBe(true);
});
