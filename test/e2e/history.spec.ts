/**
 * History as a user meets it: after a short dictation and Stop, the History screen lists the
 * session with its date, duration and first words; opening it shows the final text exactly
 * as the live view showed it.
 */
import { firstWordsCount } from '../../src/main/core/transcript-store/transcript-store';
import { expect, test } from './harness/earshot-test';
import { containsInOrder, normalizedWords } from './harness/transcript-match';

/** m:ss or h:mm:ss, as the app writes durations. */
function secondsOf(duration: string): number {
  return duration.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

test('a stopped session is listed with date, duration and first words, and opens to its final text', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  const [first, second] = speech.utterances as [string, string];

  const startedAt = Date.now();
  await ui.startButton.click();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), `${first} ${second}`), { timeout: 20_000 })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  const wallSeconds = (Date.now() - startedAt) / 1000;
  const shown = await ui.finalTranscript();

  await ui.historyLink.click();
  await expect(ui.historyList).toBeVisible();
  await expect(ui.historyItems).toHaveCount(1);
  const item = ui.historyItems.first();
  await expect(item.getByTestId('interrupted-badge')).toHaveCount(0);
  // The item's parts have no test ids (src/renderer/TEST-IDS.md); HistoryView's classes name them.
  const shownDate = await item.locator('.history-date').innerText();
  const duration = await item.locator('.history-duration').innerText();
  const words = await item.locator('.history-words').innerText();

  // Date: today's, in the window's own locale.
  const today = await earshot.page.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date()),
  );
  expect(shownDate).toContain(today);
  // Duration: what main recorded, and no longer than the session the test ran.
  expect(duration).toMatch(/^(\d+:)?\d+:\d{2}$/);
  const [summary] = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(secondsOf(duration)).toBe(Math.floor(summary!.durationSeconds));
  expect(secondsOf(duration)).toBeGreaterThanOrEqual(1);
  expect(secondsOf(duration)).toBeLessThanOrEqual(Math.ceil(wallSeconds));
  // First words: the start of what was shown, cut after firstWordsCount words.
  expect(normalizedWords(words)).toEqual(normalizedWords(shown).slice(0, firstWordsCount));

  await item.click();
  await expect(earshot.page.getByTestId('history-transcript')).toBeVisible();
  await expect.poll(() => ui.historyTranscript()).toBe(shown);
});
