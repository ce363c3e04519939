/**
 * Issue 11 §5: every screen of the main window, in each state a person meets it in, has no
 * axe-core violations (all of axe's default rules: WCAG 2.x A/AA and best practices), in light
 * and in dark colours; so has the caption overlay's window.
 */
import { axeViolationsInBothSchemes } from './harness/axe-scan';
import { expect, test } from './harness/earshot-test';
import { openOverlayWindow, type OverlayWindow } from './harness/overlay-window';
import { containsInOrder } from './harness/transcript-match';

// Each scan takes a few seconds on a busy machine, and every state is scanned twice.
test.describe.configure({ timeout: 360_000 });

let overlay: OverlayWindow | null = null;
test.afterEach(async () => {
  await overlay?.close();
  overlay = null;
});

test('Settings: first run, a refused key, a refused setting, a saved key and removing it', async ({
  earshot,
  emulator,
  ui,
}) => {
  const page = earshot.page;
  await expect(ui.firstRunExplanation).toBeVisible();
  expect(await axeViolationsInBothSchemes(page), 'first run').toEqual([]);

  await ui.saveKey('f'.repeat(40));
  await expect(ui.keyError).toBeVisible({ timeout: 15_000 });
  expect(await axeViolationsInBothSchemes(page), 'a refused key').toEqual([]);

  await ui.retype(ui.endpointInput, 'http://example.com');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsError).toBeVisible();
  await expect(ui.endpointInput).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolationsInBothSchemes(page), 'a refused setting').toEqual([]);
  await ui.setEndpoint(emulator.url);

  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await expect(page.getByTestId('key-notice')).toBeVisible();
  expect(await axeViolationsInBothSchemes(page), 'a saved key').toEqual([]);

  await page.getByTestId('remove-key').click();
  await expect(page.getByTestId('confirm-remove')).toBeFocused();
  expect(await axeViolationsInBothSchemes(page), 'confirming removal').toEqual([]);
});

test('Live idle, running with a transcript and stopped; History listed and a session opened', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  const page = earshot.page;
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  expect(await axeViolationsInBothSchemes(page), 'live, idle').toEqual([]);

  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  const [first] = speech.utterances as [string];
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), first), { timeout: 60_000 })
    .toBe(true);
  expect(await axeViolationsInBothSchemes(page), 'live, running with a transcript').toEqual([]);

  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  expect(await axeViolationsInBothSchemes(page), 'live, stopped').toEqual([]);

  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(1);
  expect(await axeViolationsInBothSchemes(page), 'history list').toEqual([]);

  await ui.historyItems.first().click();
  await expect(page.getByTestId('history-transcript')).toBeVisible();
  await expect.poll(() => ui.historyTranscript()).not.toBe('');
  expect(await axeViolationsInBothSchemes(page), 'history, a session opened').toEqual([]);
});

test('the caption overlay: waiting for words, and showing them while a session runs', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  overlay = await openOverlayWindow(earshot);
  const captions = overlay.page.getByTestId('overlay-captions');
  await expect(captions).toContainText('Captions appear here when Earshot is listening.');
  expect(await axeViolationsInBothSchemes(overlay.page), 'overlay, waiting').toEqual([]);

  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  const [first] = speech.utterances as [string];
  await expect
    .poll(async () => containsInOrder((await captions.innerText()).replace(/\s+/g, ' '), first), {
      timeout: 60_000,
    })
    .toBe(true);
  expect(await axeViolationsInBothSchemes(overlay.page), 'overlay, showing words').toEqual([]);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
});
