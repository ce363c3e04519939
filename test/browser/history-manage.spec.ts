/**
 * History as a person manages it, in the built window: search finds a sentence said last month
 * and opens the session scrolled to it; rename; delete with Undo; retention deletes what is too
 * old; with Keep history off a dictated session is not saved and both screens say so. Sessions
 * are seeded into the app's own SQLite store (a second connection, as the app's runs).
 */
import { join } from 'node:path';
import { createMemoryLogger } from '../../src/main/core/logger';
import { openTranscriptStore } from '../../src/main/core/transcript-store';
import { formatSessionId } from '../../src/shared/history';
import type { TranscriptSegment } from '../../src/shared/transcript';
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

const day = 24 * 60 * 60 * 1000;

function segmentOf(index: number, text: string): TranscriptSegment {
  const start = index * 4;
  return {
    id: `seed-${index}`,
    text,
    start,
    end: start + 3,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: text.split(' ').map((word, position) => ({
      word: word.toLowerCase(),
      punctuatedWord: word,
      start: start + position * 0.3,
      end: start + position * 0.3 + 0.25,
      confidence: 0.95,
      speaker: null,
    })),
    speaker: null,
  };
}

interface Seeded {
  startedAt: Date;
  endedAt: Date;
  texts: string[];
}

async function seed(userDataDir: string, sessions: Seeded[]): Promise<string[]> {
  const store = await openTranscriptStore({
    directory: join(userDataDir, 'transcripts'),
    log: createMemoryLogger(),
  });
  const ids: string[] = [];
  try {
    for (const [index, session] of sessions.entries()) {
      const id = formatSessionId(session.startedAt, `5eed${index.toString(16).padStart(2, '0')}`);
      await store.beginSession(id, session.startedAt);
      for (const [position, text] of session.texts.entries())
        await store.appendFinal(id, segmentOf(position, text));
      await store.endSession(id, session.endedAt);
      ids.push(id);
    }
  } finally {
    store.close();
  }
  return ids;
}

const filler = (count: number) =>
  Array.from(
    { length: count },
    (_, index) => `Filler sentence number ${index} about the weather and the traffic.`,
  );

test('search finds a sentence said last month and opens the session scrolled to it, the words marked', async ({
  earshot,
  ui,
}) => {
  const monthAgo = new Date(Date.now() - 32 * day);
  const texts = filler(400);
  texts[350] = 'The quarterly budget was approved by the board on Tuesday.';
  const [lastMonth, recent] = await seed(earshot.userDataDir, [
    { startedAt: monthAgo, endedAt: new Date(monthAgo.getTime() + 1800_000), texts },
    {
      startedAt: new Date(Date.now() - day),
      endedAt: new Date(Date.now() - day + 60_000),
      texts: ['Lunch plans for Friday.'],
    },
  ]);
  const page = earshot.page;
  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(2);

  // Typed as a person types: the last word is still being written.
  await page.getByTestId('history-search').pressSequentially('quarterly budg');
  const hits = page.getByTestId('history-search-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toHaveAttribute('data-session-id', lastMonth!);
  await expect(hits.first()).toContainText('at 23:20');
  await expect(hits.first().locator('mark')).toHaveText(['quarterly', 'budget']);
  await expect(page.getByTestId('history-search-status')).toHaveText('One place found, best first.');

  await hits.first().click();
  await expect(page.getByTestId('history-transcript')).toBeVisible();
  const match = page.locator('.transcript-row[data-focused]');
  await expect(match).toHaveText('The quarterly budget was approved by the board on Tuesday.');
  await expect(match).toBeInViewport();
  // Far down a long session: the first rows are not even rendered (the list is virtualized).
  await expect(page.getByText('Filler sentence number 0 about', { exact: false })).toHaveCount(0);

  // Back to the results; FTS5 syntax typed in the box is only text.
  await ui.historyBackButton.click();
  await page.getByTestId('history-search').fill('"NEAR( budget AND');
  await expect(page.getByTestId('history-search-status')).toHaveText(
    'Nothing found. Check the spelling, or try fewer words.',
  );
  await page.getByTestId('history-search').fill('lunch');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toHaveAttribute('data-session-id', recent!);
  expect(earshot.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
});

test('rename shows the name instead of the first words; delete hides the session with an Undo that brings it back', async ({
  earshot,
  ui,
}) => {
  const now = Date.now();
  const [older, newer] = await seed(earshot.userDataDir, [
    {
      startedAt: new Date(now - 3 * day),
      endedAt: new Date(now - 3 * day + 60_000),
      texts: ['Notes from the design review.'],
    },
    {
      startedAt: new Date(now - day),
      endedAt: new Date(now - day + 60_000),
      texts: ['A call with the bank.'],
    },
  ]);
  const page = earshot.page;
  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(2);
  const olderRow = page.locator('.history-row', { has: page.locator(`[data-session-id="${older}"]`) });

  await olderRow.getByTestId('history-rename').click();
  await page.getByTestId('history-rename-input').fill('Design review, week 48');
  await page.getByTestId('history-rename-input').press('Enter');
  await expect(olderRow.locator('.history-words')).toHaveText('Design review, week 48');
  // Kept by main, not only on screen.
  await ui.liveLink.click();
  await ui.historyLink.click();
  await expect(olderRow.locator('.history-words')).toHaveText('Design review, week 48');

  const newerRow = page.locator('.history-row', { has: page.locator(`[data-session-id="${newer}"]`) });
  await newerRow.getByTestId('history-delete').click();
  await expect(ui.historyItems).toHaveCount(1);
  await expect(page.getByTestId('history-deleted-bar')).toContainText('Deleted “A call with the bank.”.');
  await page.getByTestId('history-undo-delete').click();
  await expect(ui.historyItems).toHaveCount(2);
  await expect(page.getByTestId('history-deleted-bar')).toHaveCount(0);

  await newerRow.getByTestId('history-delete').click();
  await expect(ui.historyItems).toHaveCount(1);
  // The offer of Undo goes after a few seconds; the session stays gone.
  await expect(page.getByTestId('history-deleted-bar')).toHaveCount(0, { timeout: 12_000 });
  const listed = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(listed.map((summary) => summary.id)).toEqual([older]);
  expect(await earshot.main.core.invokeHandlers.searchHistory({ query: 'bank' })).toEqual([]);
});

test('retention: choosing 30 days deletes the sessions that ended longer ago, and Settings says where transcripts are', async ({
  earshot,
  ui,
}) => {
  const now = Date.now();
  const [old, kept] = await seed(earshot.userDataDir, [
    {
      startedAt: new Date(now - 40 * day),
      endedAt: new Date(now - 40 * day + 60_000),
      texts: ['Forty days ago.'],
    },
    {
      startedAt: new Date(now - 10 * day),
      endedAt: new Date(now - 10 * day + 60_000),
      texts: ['Ten days ago.'],
    },
  ]);
  const page = earshot.page;
  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(2);

  await ui.settingsLink.click();
  await expect(page.getByTestId('history-storage')).toContainText(
    `Transcripts are stored in ${join(earshot.userDataDir, 'transcripts')} and take`,
  );
  await expect(page.getByTestId('history-storage')).toContainText('(2 sessions)');
  await page.getByTestId('history-retention-select').selectOption('30');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();

  await ui.historyLink.click();
  await expect(ui.historyItems).toHaveCount(1);
  await expect(ui.historyItems.first()).toHaveAttribute('data-session-id', kept!);
  expect(
    (await earshot.main.core.invokeHandlers.listHistory(undefined)).map((summary) => summary.id),
  ).not.toContain(old);
});

test('with Keep history off a dictated session is shown live but not saved, and both screens say so', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  // A key check, a dictation and Stop: on a busy machine more than the default minute.
  test.slow();
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  const page = earshot.page;
  await page.getByTestId('keep-history-toggle').uncheck();
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();

  await ui.goToLiveView();
  await expect(page.getByTestId('history-off-notice')).toBeVisible();
  emulator.queueUtterances(speech.utterances);
  const [first] = speech.utterances as [string];
  await ui.startButton.click();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), first), { timeout: 40_000 })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });

  await ui.historyLink.click();
  // The live view stays mounted (hidden): History's own notice.
  await expect(page.locator('.history-view').getByTestId('history-off-notice')).toContainText(
    'History is off',
  );
  await expect(page.getByTestId('history-empty')).toBeVisible();
  expect(await earshot.main.core.invokeHandlers.listHistory(undefined)).toEqual([]);
  expect((await earshot.main.core.invokeHandlers.getStorageInfo(undefined)).sessionCount).toBe(0);
});
