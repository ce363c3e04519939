/**
 * A session main starts (the dictation shortcut) while the person is not on the Live screen:
 * the built window in Chromium obeys main's capture request (the real preload, LiveController,
 * Chromium's fake microphone playing real speech), main's real session transcribes it with the
 * emulator, and on release the words go to the inserter (recorded here: there is no other app
 * in the harness). Also the Settings section: main's status sentence, and the shortcut recorded
 * by pressing it, checked strictly and saved.
 */
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

test('the window captures for a session main started, and the words reach the inserter and History', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(120_000);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  // The person stays on Settings: nothing in the window starts this session.
  emulator.queueUtterances(speech.utterances);
  const dictation = earshot.main.core.dictation;
  if (!dictation) throw new Error('the harness gave main no dictation glue');
  const first = speech.utterances[0] ?? '';

  dictation.keyDown();
  await expect
    .poll(() => earshot.main.core.invokeHandlers.getSessionState(undefined).then((s) => s.phase))
    .toBe('live');
  await earshot.page.waitForTimeout(speech.durationMs + 500);
  dictation.keyUp(); // held far past 300 ms: the release stops it
  await expect.poll(() => earshot.main.dictation.inserted.length, { timeout: 20_000 }).toBe(1);

  const inserted = earshot.main.dictation.inserted[0] ?? '';
  expect(containsInOrder(inserted, first)).toBe(true);
  expect(earshot.main.dictation.notices).toEqual([]);
  const [summary] = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(summary).toBeDefined();
  const kept = await earshot.main.core.invokeHandlers.getHistorySession({ id: summary!.id });
  expect(containsInOrder(kept.segments.map((segment) => segment.text).join(' '), first)).toBe(true);
  // The window let go of the microphone when main's session ended.
  await expect.poll(() => ui.phase()).toBe('idle');
});

test('Settings shows the shortcut status; a shortcut is recorded by pressing it, checked, and saved', async ({
  earshot,
}) => {
  const page = earshot.page;
  await page.getByTestId('settings-link').click();
  await expect(page.getByTestId('dictation-shortcut-status')).toHaveText(
    'Hold Ctrl+Alt+Space to talk (emulated).',
  );
  const record = page.getByTestId('dictation-shortcut-record');
  await record.click();
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('dictation-shortcut-problem')).toContainText('needs Ctrl, Alt or Meta');
  await page.keyboard.press('Control+Alt+KeyD');
  await expect(record).toHaveText('Ctrl+Alt+D');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const saved = await earshot.main.core.invokeHandlers.getSettings(undefined);
  expect(saved.settings.dictationShortcut).toBe('Ctrl+Alt+D');
});
