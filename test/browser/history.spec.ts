/**
 * History as a user meets it: after a short dictation and Stop, the History screen lists the
 * session with its date, duration and first words; opening it shows the final text exactly
 * as the live view showed it. JSONL transcript files (the store before SQLite) that cannot be
 * read whole are migrated as far as they read, listed as damaged with a sentence, and kept.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstWordsCount } from '../../src/main/core/transcript-store/transcript-store';
import { formatSessionId } from '../../src/shared/history';
import { EarshotUi } from './harness/earshot-ui';
import { expect, test } from './harness/earshot-test';
import { launchEarshot } from './harness/launch-earshot';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
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

test('damaged transcript files are migrated as far as they read, listed as damaged with a sentence, and kept on disk', async ({
  emulator,
}) => {
  test.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  // JSONL files of the store before SQLite, as a crash, a full disk or a sync tool could leave them;
  // the next start migrates them.
  const userDataDir = await mkdtemp(join(tmpdir(), 'earshot-e2e-damaged-'));
  const transcripts = join(userDataDir, 'transcripts');
  await mkdir(transcripts, { recursive: true });
  const unreadable = formatSessionId(new Date('2026-11-20T09:00:00Z'), 'dead01');
  const partly = formatSessionId(new Date('2026-11-21T09:00:00Z'), 'dead02');
  const files = {
    [unreadable]: 'PK\u0003\u0004 not a transcript at all\n{"kind":"end"}\n',
    [partly]: [
      JSON.stringify({ kind: 'session', version: 1, id: partly, startedAt: '2026-11-21T09:00:00.000Z' }),
      JSON.stringify({
        kind: 'final',
        segment: { id: 's0', text: 'Words that survived the damage.', start: 0, end: 2, words: [] },
      }),
      '{"kind":"final","segment":{"id":"s1","te',
      JSON.stringify({ kind: 'end', endedAt: '2026-11-21T09:00:05.000Z' }),
      '',
    ].join('\n'),
  };
  for (const [id, content] of Object.entries(files))
    await writeFile(join(transcripts, `${id}.jsonl`), content);
  const earshot = await launchEarshot({
    microphoneWav: null,
    microphone: 'app-policy',
    endpoint: emulator.url,
    userDataDir,
  });
  try {
    const ui = new EarshotUi(earshot.page);
    await ui.historyLink.click();
    await expect(ui.historyList).toBeVisible();
    await expect(ui.historyItems).toHaveCount(2);
    await expect(ui.damagedHistoryItems).toHaveCount(2);
    // Newest first: the partly readable session, then the unreadable one.
    await expect(ui.historyItems.nth(0)).toHaveAttribute('data-session-id', partly);
    await expect(ui.historyItems.nth(1)).toHaveAttribute('data-session-id', unreadable);
    for (const item of await ui.historyItems.all()) {
      await expect(item.getByTestId('damaged-badge')).toHaveText('damaged');
    }
    await expect(ui.historyItems.nth(0).locator('.history-words')).toHaveText(
      'Words that survived the damage.',
    );
    await expect(ui.historyItems.nth(1).locator('.history-words')).toHaveText('Nothing could be read');
    const [partlyReason, unreadableReason] = await ui.historyDamagedReasons.allInnerTexts();
    expect(partlyReason).toMatch(
      /^One line of this session's file could not be read and is left out; the rest is shown\./,
    );
    expect(unreadableReason).toMatch(/^Earshot cannot read this session: the start of its file is damaged/);
    expect(partlyReason).toContain(`kept unchanged as ${partly}.jsonl.migrated in the "transcripts" folder`);
    expect(unreadableReason).toContain(
      `kept unchanged as ${unreadable}.jsonl.migrated in the "transcripts" folder`,
    );
    // The sentence is the button's description for screen readers.
    await expect(ui.historyItems.nth(1)).toHaveAccessibleDescription(unreadableReason!);

    // Nothing readable: an empty session under the sentence, and the way back still works.
    await ui.historyItems.nth(1).click();
    await expect(ui.historyDamagedNotice).toHaveText(unreadableReason!);
    await ui.historyBackButton.click();
    await expect(ui.historyItems).toHaveCount(2);

    // Partly readable: what could be read, under a notice that says what was left out.
    await ui.historyItems.nth(0).click();
    await expect(ui.historyDamagedNotice).toHaveText(partlyReason!);
    await expect.poll(() => ui.historyTranscript()).toBe('Words that survived the damage.');

    // Each original is kept byte for byte under its new name.
    for (const [id, content] of Object.entries(files)) {
      expect(await readFile(join(transcripts, `${id}.jsonl.migrated`), 'utf8')).toBe(content);
    }
    expect(earshot.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
  } finally {
    await earshot.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
