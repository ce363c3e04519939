/**
 * Stop pressed while Deepgram cannot be reached, as a user on bad Wi-Fi meets it: the status
 * says Earshot is finishing (how much audio, which attempt) and "Stop now" is offered, takes
 * the keyboard focus the disabled Stop button dropped, and ends it; the notice then says how
 * much was not yet transcribed. If Deepgram answers while finishing, the words arrive and
 * Stop now goes away by itself.
 */
import { expect, test } from './harness/earshot-test';
import { dictateIntoOutage } from './harness/outage';
import { containsInOrder } from './harness/transcript-match';

const finishingText = /^Finishing: sending the last (\d+(?:\.\d)?) s of audio, attempt (\d+)\.$/;

test('Stop during an outage shows Finishing and Stop now; Stop now ends it and says what is not yet transcribed', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(120_000);
  const outage = await dictateIntoOutage(earshot.page, ui, emulator, speech);

  await ui.stopButton.click();
  await expect(ui.status).toHaveText(finishingText, { timeout: 15_000 });
  await expect(ui.status).toHaveAttribute('data-phase', 'stopping');
  const [, unsentSeconds] = finishingText.exec(await ui.status.innerText())!;
  // Everything after the first utterance's final was held: most of the file.
  expect(Number(unsentSeconds)).toBeGreaterThan(3);
  expect(Number(unsentSeconds)).toBeLessThanOrEqual(Math.ceil(speech.durationMs / 1000));
  // Stop keeps trying at once, not after the backoff: the attempts count up.
  await expect
    .poll(async () => Number(finishingText.exec(await ui.status.innerText())?.[2] ?? 0), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(2);

  await expect(ui.stopNowButton).toBeVisible();
  await expect(ui.stopNowButton).toHaveAccessibleName('Stop now');
  await expect(ui.stopNowButton).toHaveAccessibleDescription(
    /^Finishing: sending the last .* Stops trying to reach Deepgram\. The audio not yet sent is kept on this computer and transcribed later\.$/,
  );
  // Pressing Stop disabled it; the focus went to Stop now, so the keyboard reaches it at once.
  await expect(ui.stopButton).toBeDisabled();
  await expect(ui.stopNowButton).toBeFocused();
  await earshot.page.keyboard.press('Enter');

  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  await expect(ui.stopNowButton).toHaveCount(0);
  await expect.poll(() => ui.phase()).toBe('idle');
  await expect(ui.sessionNotices).toContainText(
    /\d+(\.\d)? s not yet transcribed: Deepgram could not be reached in time\. Earshot keeps that audio and transcribes it when Deepgram answers again \(or press Transcribe now in History\)\./,
  );
  const waitingSeconds = Number(
    /(\d+(?:\.\d)?) s not yet transcribed/.exec(await ui.sessionNotices.innerText())![1],
  );
  expect(waitingSeconds).toBeGreaterThan(3);
  // Nothing is said to be lost: the old "could not be kept" sentence is gone from the product.
  await expect(ui.sessionNotices).not.toContainText('could not be kept');
  expect(containsInOrder(await ui.finalTranscript(), outage.heardLive)).toBe(true);
  expect(earshot.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
});

test('when Deepgram answers again while Stop is finishing, the last words arrive and Stop now goes away', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(120_000);
  const outage = await dictateIntoOutage(earshot.page, ui, emulator, speech);

  await ui.stopButton.click();
  await expect(ui.stopNowButton).toBeVisible({ timeout: 15_000 });
  emulator.faults.reset();

  await expect(ui.startButton).toBeVisible({ timeout: 40_000 });
  await expect(ui.stopNowButton).toHaveCount(0);
  await expect.poll(() => ui.phase()).toBe('idle');
  const shown = await ui.finalTranscript();
  expect(containsInOrder(shown, [outage.heardLive, ...outage.spokenOffline].join(' ')), shown).toBe(true);
  await expect(ui.sessionNotices).toHaveCount(0);
});
