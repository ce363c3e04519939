/**
 * The settings form, as an admin uses it: a setting Earshot cannot accept is refused with a
 * plain sentence that says what to do, and nothing changes in main; an accepted change is
 * main's from then on, so a reloaded window shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bridgeGlobalName } from '../../src/shared/ipc-contract';
import type { IpcResult } from '../../src/shared/user-facing-error';
import type { EarshotApp } from './harness/launch-earshot';
import { expect, test } from './harness/earshot-test';

async function settingsInMain(earshot: EarshotApp) {
  return (await earshot.main.core.invokeHandlers.getSettings(undefined)).settings;
}

function settingsFile(earshot: EarshotApp): string {
  return readFileSync(join(earshot.userDataDir, 'settings.json'), 'utf8');
}

test('an http:// endpoint on another machine is refused with its sentence; main keeps the old one', async ({
  earshot,
  emulator,
  ui,
}) => {
  const before = await settingsInMain(earshot);
  const fileBefore = settingsFile(earshot);
  expect(before.endpoint).toBe(emulator.url);

  await ui.retype(ui.endpointInput, 'http://example.com');
  await ui.saveSettingsButton.click();

  await expect(ui.settingsError).toHaveText(
    'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
  );
  await expect(ui.endpointInput).toHaveAttribute('aria-invalid', 'true');
  await expect(ui.settingsSaved).toHaveCount(0);
  expect(await settingsInMain(earshot)).toEqual(before);
  expect(settingsFile(earshot)).toBe(fileBefore);

  // A renderer that skips the form's check meets the same rule in main, in a plain sentence.
  const direct = await earshot.page.evaluate(
    (name) =>
      (
        (globalThis as Record<string, unknown>)[name] as {
          updateSettings(patch: unknown): Promise<IpcResult<unknown>>;
        }
      ).updateSettings({ endpoint: 'http://example.com' }),
    bridgeGlobalName,
  );
  expect(direct.ok).toBe(false);
  const message = direct.ok ? '' : direct.error.message;
  expect(message).toMatch(/https:\/\/.*localhost/);
  expect(message).not.toMatch(/\bat \S+:\d+|Error:/);
  expect(await settingsInMain(earshot)).toEqual(before);
});

test('keyterms with a model other than Nova-3 are refused with their sentence', async ({ earshot, ui }) => {
  const before = await settingsInMain(earshot);

  await ui.retype(ui.modelInput, 'nova-2');
  await ui.keytermsInput.click();
  await ui.keytermsInput.pressSequentially('Earshot\nDeepgram', { delay: 0 });
  await ui.saveSettingsButton.click();

  await expect(ui.settingsError).toHaveText(
    'Keyterms work only with Nova-3 models; choose nova-3 or clear the keyterms.',
  );
  await expect(ui.settingsSaved).toHaveCount(0);
  expect(await settingsInMain(earshot)).toEqual(before);
});

test('an accepted change is kept by main and shown again after the window reloads', async ({
  earshot,
  ui,
}) => {
  await ui.retype(ui.modelInput, 'nova-3-medical');
  await ui.keytermsInput.click();
  await ui.keytermsInput.pressSequentially('Earshot\nDeepgram', { delay: 0 });
  await earshot.page.getByTestId('smart-format-toggle').uncheck();
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toHaveText('Settings saved.');
  await expect(ui.settingsError).toHaveCount(0);
  expect(await settingsInMain(earshot)).toMatchObject({
    model: 'nova-3-medical',
    keyterms: ['Earshot', 'Deepgram'],
    smartFormat: false,
  });

  await earshot.page.reload();
  // No key is saved, so the reloaded window opens on Settings again.
  await expect(ui.settingsView).toBeVisible();
  await expect(ui.modelInput).toHaveValue('nova-3-medical');
  await expect(ui.keytermsInput).toHaveValue('Earshot\nDeepgram');
  await expect(earshot.page.getByTestId('smart-format-toggle')).not.toBeChecked();
  await expect(ui.settingsSaved).toHaveCount(0);
  expect(JSON.parse(settingsFile(earshot))).toMatchObject({
    model: 'nova-3-medical',
    keyterms: ['Earshot', 'Deepgram'],
    smartFormat: false,
  });
});
