/**
 * Audio that could not be transcribed is kept, never dropped, as a user meets it in History:
 * after Stop now during an outage the session reads "N s not yet transcribed"; Transcribe now
 * says why it cannot finish while Deepgram is away, and once Deepgram answers it brings the
 * words in at their place in the session, marked "transcribed later", in History and in the
 * live view. Deleting the waiting audio, the one way audio is ever lost, asks in the window
 * first. History orders words by their time, whatever order the file holds them in.
 */
import { join } from 'node:path';
import { createMemoryLogger } from '../../src/main/core/logger';
import { openTranscriptStore } from '../../src/main/core/transcript-store';
import { formatSessionId } from '../../src/shared/history';
import type { EarshotUi } from './harness/earshot-ui';
import { expect, test } from './harness/earshot-test';
import { dictateIntoOutage } from './harness/outage';
import { containsInOrder, normalizedWords } from './harness/transcript-match';

const notYetTranscribed = /^(\d+(?:\.\d)?) s not yet transcribed$/;

/** Stop pressed during the outage, then Stop now: the held audio goes to disk. */
async function stopNow(ui: EarshotUi): Promise<void> {
  await ui.stopButton.click();
  await expect(ui.stopNowButton).toBeVisible({ timeout: 15_000 });
  await ui.stopNowButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
}

test('audio kept after Stop now is transcribed from History at its place, marked as transcribed later', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(150_000);
  const outage = await dictateIntoOutage(earshot.page, ui, emulator, speech);
  await stopNow(ui);

  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(1);
  const item = ui.historyItems.first();
  await expect(item).toHaveAttribute('data-waiting-audio', 'true');
  const line = ui.waitingAudio.getByTestId('waiting-audio-line');
  await expect(line).toHaveText(notYetTranscribed);
  const [kept] = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(kept!.waitingAudioSeconds).toBeGreaterThan(3);
  await expect(item).toHaveAccessibleDescription(await line.innerText());

  // Deepgram is still away: Transcribe now tries at once (a new handshake, refused), says in a
  // sentence why it could not finish, and the audio stays.
  const problem = ui.waitingAudio.getByTestId('waiting-audio-problem');
  await expect(ui.transcribeNowButton).toBeVisible({ timeout: 20_000 });
  const handshakesBefore = emulator.recorder.connections.length;
  await ui.transcribeNowButton.click();
  await expect.poll(() => emulator.recorder.connections.length).toBeGreaterThan(handshakesBefore);
  await expect(problem).toBeVisible({ timeout: 20_000 });
  const transcribing = ui.waitingAudio.getByTestId('waiting-audio-transcribing');
  await expect(transcribing).toHaveCount(0, { timeout: 20_000 });
  // Clicked with the mouse or the keyboard, the button kept the focus all along.
  await expect(ui.transcribeNowButton).toBeFocused();
  await expect(ui.transcribeNowButton).toHaveAttribute('aria-disabled', 'false');
  expect(await problem.innerText()).not.toMatch(/\bat \S+:\d+|Error:|\{/);
  await expect(line).toHaveText(notYetTranscribed);

  // Deepgram answers again; Transcribe now from the opened session fills it in place.
  emulator.faults.reset();
  await item.click();
  await expect(earshot.page.getByTestId('history-transcript')).toBeVisible();
  await expect(ui.waitingAudio).toHaveCount(1);
  await ui.transcribeNowButton.click();
  await expect(ui.waitingAudio).toHaveCount(0, { timeout: 40_000 });
  await expect(earshot.page.getByTestId('waiting-audio-settled')).toHaveText(
    'The waiting audio is transcribed: its words are in the session, marked “transcribed later”.',
  );
  const everything = [outage.heardLive, ...outage.spokenOffline].join(' ');
  await expect.poll(async () => containsInOrder(await ui.historyTranscript(), everything)).toBe(true);

  // The words heard live are not marked; those transcribed later are, after them, in words.
  const rows = ui.historyFinalText.locator('[data-row-key] > p');
  const marked = await rows.evaluateAll((paragraphs) =>
    paragraphs.map((paragraph) => paragraph.hasAttribute('data-transcribed-later')),
  );
  const firstLater = marked.indexOf(true);
  expect(firstLater).toBeGreaterThan(0);
  expect(marked.slice(firstLater).every(Boolean)).toBe(true);
  expect(normalizedWords(await rows.nth(0).innerText())).toEqual(normalizedWords(outage.heardLive));
  await expect(ui.historyLaterSegments.first().getByTestId('transcribed-later-tag')).toHaveText(
    'transcribed later',
  );
  const [afterwards] = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(afterwards).toMatchObject({ waitingAudioSeconds: 0 });

  // The live view still shows that session: the late words joined it there too, at their place.
  await ui.goToLiveView();
  await expect(ui.finalText.locator('[data-transcribed-later]').first()).toBeVisible();
  expect(containsInOrder(await ui.finalTranscript(), everything)).toBe(true);
  expect(earshot.console.filter((entry) => entry.startsWith('pageerror'))).toEqual([]);
});

test('Delete waiting audio asks in the window first: Keep it keeps the audio, Delete audio removes it', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(120_000);
  await dictateIntoOutage(earshot.page, ui, emulator, speech);
  await stopNow(ui);
  let dialogs = 0;
  earshot.page.on('dialog', () => (dialogs += 1));
  // An attempt fails while History is not open (as main's own attempts do): opened later,
  // History still says why, from the news the window heard meanwhile.
  const [session] = await earshot.main.core.invokeHandlers.listHistory(undefined);
  const handshakesBefore = emulator.recorder.connections.length;
  await earshot.main.core.invokeHandlers.transcribeWaitingAudio({ id: session!.id });
  await expect.poll(() => emulator.recorder.connections.length).toBeGreaterThan(handshakesBefore);
  await expect
    .poll(() => earshot.main.logLines.some((line) => line.includes('could not transcribe kept audio yet')))
    .toBe(true);

  await ui.historyLink.click();
  await expect(ui.waitingAudio.getByTestId('waiting-audio-problem')).toHaveText(/\S/, { timeout: 20_000 });
  const deleteButton = ui.waitingAudio.getByTestId('delete-waiting-audio');
  const keep = ui.waitingAudio.getByTestId('cancel-delete-waiting-audio');
  const confirmDelete = ui.waitingAudio.getByTestId('confirm-delete-waiting-audio');

  await deleteButton.click();
  const question = earshot.page.getByRole('group', { name: 'Confirm deleting the waiting audio' });
  await expect(question).toContainText(
    /^Delete \d+(\.\d)? s of audio that was never transcribed\? Its words will be lost for good\./,
  );
  // The safe answer has the focus; keeping hands the focus back to the button that asked.
  await expect(keep).toBeFocused();
  await earshot.page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(deleteButton).toBeFocused();
  await expect(ui.waitingAudio.getByTestId('waiting-audio-line')).toHaveText(notYetTranscribed);
  expect(
    (await earshot.main.core.invokeHandlers.listHistory(undefined))[0]!.waitingAudioSeconds,
  ).toBeGreaterThan(0);

  await deleteButton.click();
  await confirmDelete.focus();
  await earshot.page.keyboard.press('Enter');
  await expect(ui.waitingAudio).toHaveCount(0);
  // The controls that had the focus are gone; the sentence that says what happened has it.
  const settled = earshot.page.getByTestId('waiting-audio-settled');
  await expect(settled).toHaveText('Waiting audio deleted: those words will not be transcribed.');
  await expect(settled).toBeFocused();
  await expect(ui.historyItems.first()).toHaveAttribute('data-waiting-audio', 'false');
  expect((await earshot.main.core.invokeHandlers.listHistory(undefined))[0]!.waitingAudioSeconds).toBe(0);
  expect(dialogs).toBe(0);
});

test('History shows words transcribed later at their time, whatever order the store got them in', async ({
  earshot,
  ui,
}) => {
  const id = formatSessionId(new Date('2026-11-22T09:00:00Z'), '1a7e01');
  const segment = (segmentId: string, text: string, start: number) => ({
    id: segmentId,
    text,
    start,
    end: start + 2,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: [],
    speaker: null,
  });
  // Written into the app's own store (a second connection), in the order a session writes them.
  const store = await openTranscriptStore({
    directory: join(earshot.userDataDir, 'transcripts'),
    log: createMemoryLogger(),
  });
  await store.beginSession(id, new Date('2026-11-22T09:00:00.000Z'));
  await store.appendFinal(id, segment('s0', 'Spoken first.', 0));
  await store.appendFinal(id, segment('s2', 'Spoken third.', 20));
  await store.endSession(id, new Date('2026-11-22T09:00:30.000Z'));
  // Added after the session, as words from its kept audio are.
  await store.appendLater(id, [segment('later-s1', 'Spoken second.', 10)]);
  store.close();

  await ui.historyLink.click();
  await ui.historyItems.first().click();
  await expect
    .poll(() => ui.historyTranscript())
    .toBe('Spoken first. Spoken second. transcribed later Spoken third.');
  await expect(ui.historyLaterSegments).toHaveCount(1);
  await expect(ui.historyLaterSegments).toContainText('Spoken second.');
});

test('Settings: "Keep up to N minutes of audio to transcribe later" reads as one sentence, refuses 0 and saves a new limit', async ({
  earshot,
  ui,
}) => {
  const field = earshot.page.getByTestId('waiting-audio-limit-input');
  await expect(field).toHaveValue('60');
  await expect(field).toHaveAccessibleName('Keep up to minutes of audio to transcribe later');
  await expect(field).toHaveAccessibleDescription(
    /^When Deepgram cannot be reached, Earshot keeps your audio/,
  );

  await ui.retype(field, '0');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsError).toHaveText('Audio kept to transcribe later must be at least 1.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(
    (await earshot.main.core.invokeHandlers.getSettings(undefined)).settings.waitingAudioLimitMinutes,
  ).toBe(60);

  await ui.retype(field, '90');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
  expect(
    (await earshot.main.core.invokeHandlers.getSettings(undefined)).settings.waitingAudioLimitMinutes,
  ).toBe(90);
  await earshot.page.reload();
  await expect(earshot.page.getByTestId('waiting-audio-limit-input')).toHaveValue('90');
});
