/**
 * Speaker labels as the person meets them: with speaker labels on, the emulator's two voices
 * come back as "Speaker 1" and "Speaker 2"; a label renamed in the live view during the session,
 * and another in History afterwards, are kept with the session.
 */
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

test('speakers are labelled, renamed in the live view and in History, and the names are kept', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(240_000);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await earshot.main.core.invokeHandlers.updateSettings({ diarize: true });
  await ui.goToLiveView();
  const [first, second, third] = speech.utterances as [string, string, string];
  emulator.queueUtterances([first, second, third]);
  await ui.startButton.click();
  await expect
    .poll(
      async () => containsInOrder(await ui.finalTranscript(), `Speaker 1: ${first} Speaker 2: ${second}`),
      {
        timeout: speech.durationMs + 60_000,
      },
    )
    .toBe(true);

  // The first label, renamed in place while the session runs.
  const liveLabels = ui.finalText.getByTestId('speaker-label');
  await liveLabels.first().click();
  const input = ui.finalText.getByTestId('speaker-name-input');
  await expect(input).toBeFocused();
  await input.fill('Ada');
  await input.press('Enter');
  await expect(liveLabels.first()).toHaveText('Ada');

  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), `Ada: ${third}`), {
      timeout: speech.durationMs + 60_000,
    })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 30_000 });

  await ui.historyLink.click();
  await ui.historyItems.first().click();
  await expect.poll(() => ui.historyTranscript()).toContain(`Ada: ${first}`);
  expect(
    containsInOrder(await ui.historyTranscript(), `Ada: ${first} Speaker 2: ${second} Ada: ${third}`),
  ).toBe(true);

  // Speaker 2, renamed in History; Escape on a second edit keeps the name.
  const historyLabels = ui.historyFinalText.getByTestId('speaker-label');
  await historyLabels.nth(1).click();
  await ui.historyFinalText.getByTestId('speaker-name-input').fill('Bo');
  await ui.historyFinalText.getByTestId('speaker-name-input').press('Enter');
  await expect(historyLabels.nth(1)).toHaveText('Bo');
  await historyLabels.nth(1).click();
  await ui.historyFinalText.getByTestId('speaker-name-input').fill('Nobody');
  await ui.historyFinalText.getByTestId('speaker-name-input').press('Escape');
  await expect(historyLabels.nth(1)).toHaveText('Bo');

  // Opened again: the names come from main, kept with the session.
  await ui.historyBackButton.click();
  await ui.historyItems.first().click();
  await expect.poll(() => ui.historyTranscript()).toContain(`Bo: ${second}`);
  const stored = await earshot.main.core.invokeHandlers.listHistory(undefined);
  const transcript = await earshot.main.core.invokeHandlers.getHistorySession({ id: stored[0]!.id });
  expect(transcript.speakerNames).toEqual({ '0': 'Ada', '1': 'Bo' });
});
