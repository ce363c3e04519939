/**
 * Keyterms edited from the live view, by keyboard, before and during a session: each change is
 * main's at once (its settings, the session's next connection), and the line under the editor
 * says when Deepgram uses them. The emulator at 127.0.0.1 is not Deepgram's global endpoint, so
 * during a session the new list waits for the next connection (the Configure path itself is
 * proven in test/integration/core/session-keyterms.test.ts).
 */
import { axeViolationsInBothSchemes } from './harness/axe-scan';
import type { EarshotApp } from './harness/launch-earshot';
import { expect, test } from './harness/earshot-test';

async function keytermsInMain(earshot: EarshotApp): Promise<string[]> {
  return (await earshot.main.core.invokeHandlers.getSettings(undefined)).settings.keyterms;
}

test('keyterms added and removed by keyboard, before and during a session', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(180_000);
  const page = earshot.page;
  const toggle = page.getByTestId('keyterm-toggle');
  const input = page.getByTestId('keyterm-input');
  const outcome = page.getByTestId('keyterm-outcome');

  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  await expect(toggle).toHaveText('Keyterms (0)');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await input.fill('Earshot');
  await input.press('Enter');
  await expect(outcome).toHaveText('Keyterms saved for the next session.');
  await expect(toggle).toHaveText('Keyterms (1)');
  await expect(input).toHaveValue('');
  expect(await keytermsInMain(earshot)).toEqual(['Earshot']);
  // The open editor, its list and its outcome line pass axe in both colour schemes.
  expect(await axeViolationsInBothSchemes(page)).toEqual([]);

  emulator.queueUtterances(speech.utterances);
  // The key check opened connections of its own: only the session's count from here.
  emulator.recorder.clear();
  await ui.startButton.click();
  await expect.poll(() => emulator.recorder.connections.length, { timeout: 15_000 }).toBe(1);
  expect(emulator.recorder.connections[0]?.query['keyterm']).toBe('Earshot');
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('live');

  await input.fill('Deepgram emulator');
  await input.press('Enter');
  await expect(outcome).toHaveText(
    'Keyterms saved. This endpoint cannot change them during a session, so they apply when the session next connects (or at the next session).',
  );
  expect(await keytermsInMain(earshot)).toEqual(['Earshot', 'Deepgram emulator']);
  expect(emulator.recorder.connections[0]?.controlMessages.map((message) => message.type)).not.toContain(
    'Configure',
  );

  await page.getByRole('button', { name: 'Remove Earshot' }).click();
  await expect(toggle).toHaveText('Keyterms (1)');
  expect(await keytermsInMain(earshot)).toEqual(['Deepgram emulator']);

  await ui.stopButton.click();
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('idle');
});
