/**
 * Exports as a user makes them: after a dictation and Stop, the live view offers the session's
 * export; History offers it for any saved session. Main's save dialog is played by the harness
 * (a file in a temporary folder, or a cancel), and the file on disk is read back by independent
 * parsers (`subtitle` for SRT, `webvtt-parser` for WebVTT) with its cues checked against the
 * word timings of the JSON export. The window hears the file's name, never its folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import type { ExportFormat, JsonExport } from '../../src/shared/export';
import { cueProblems, parseSrt, parseVtt } from '../support/subtitle-checks';
import { expect, test } from './harness/earshot-test';
import type { EarshotUi } from './harness/earshot-ui';
import { containsInOrder, normalizedWords } from './harness/transcript-match';

async function exportAs(view: Locator, format: ExportFormat): Promise<string> {
  await view.getByTestId('export-format').selectOption(format);
  await view.getByTestId('export-button').click();
  const outcome = view.getByTestId('export-outcome');
  await expect(outcome).toHaveText(/^(Saved as .+\.|Export canceled: nothing was saved\.)$/, {
    timeout: 10_000,
  });
  return outcome.innerText();
}

/** A dictation, three exports and their checks take longer than the default minute on a busy machine. */
test.describe.configure({ timeout: 150_000 });

async function dictateAndStop(ui: EarshotUi, utterances: readonly string[]): Promise<string> {
  await ui.startButton.click();
  const expected = utterances.slice(0, 2).join(' ');
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), expected), {
      timeout: 45_000,
      message: `the words "${expected}" in the live view`,
    })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  return ui.finalTranscript();
}

test('after Stop the live view exports the session as SRT, WebVTT and JSON, checked on disk by independent parsers', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  await expect(earshot.page.getByTestId('export-controls')).toHaveCount(0);
  emulator.queueUtterances(speech.utterances);
  const shown = await dictateAndStop(ui, speech.utterances);
  const dialog = earshot.main.exportDialog;
  const liveView = earshot.page.locator('.view-live');

  const saved: Partial<Record<ExportFormat, string>> = {};
  for (const format of ['json', 'srt', 'vtt'] as const) {
    const outcome = await exportAs(liveView, format);
    const fileName = /^Saved as (.+)\.$/.exec(outcome)?.[1];
    expect(fileName, outcome).toMatch(new RegExp(`^Earshot \\d{4}-\\d{2}-\\d{2} \\d{2}-\\d{2}\\.${format}$`));
    expect(outcome).not.toContain(dialog.directory);
    saved[format] = readFileSync(join(dialog.directory, fileName!), 'utf8');
  }
  expect(dialog.questions.map((question) => question.extension)).toEqual(['json', 'srt', 'vtt']);

  const json = JSON.parse(saved.json!) as JsonExport;
  expect(json).toMatchObject({ format: 'earshot-transcript', version: 1 });
  const words = json.segments.flatMap((segment) => segment.words.map((word) => word.punctuatedWord));
  expect(normalizedWords(words.join(' '))).toEqual(normalizedWords(shown));

  const srt = parseSrt(saved.srt!);
  expect(srt.length).toBeGreaterThan(0);
  expect(cueProblems(srt, json)).toEqual([]);
  const vtt = parseVtt(saved.vtt!);
  expect(vtt.errors).toEqual([]);
  expect(cueProblems(vtt.cues, json)).toEqual([]);

  // The bridge carried the session id and format out, and a file name (never a folder) back.
  const exportMessages = earshot.window.records.filter(
    (record) => record.channel === 'earshot:history:export',
  );
  expect(exportMessages.filter((record) => record.kind === 'invoke')).toHaveLength(3);
  expect(JSON.stringify(earshot.window.records)).not.toContain(dialog.directory);
});

test('History exports any saved session, copies it as Markdown, and a canceled dialog writes nothing', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await dictateAndStop(ui, speech.utterances);

  await ui.historyLink.click();
  await ui.historyItems.first().click();
  await expect(earshot.page.getByTestId('history-transcript')).toBeVisible();
  const dialog = earshot.main.exportDialog;
  // The live view stays mounted (hidden) with its own export controls: History's are in its view.
  const historyView = earshot.page.locator('.history-view');

  dialog.answerWith(null);
  expect(await exportAs(historyView, 'md')).toBe('Export canceled: nothing was saved.');
  expect(readdirSync(dialog.directory)).toEqual([]);

  dialog.answerWith(() => join(dialog.directory, 'minutes.md'));
  expect(await exportAs(historyView, 'md')).toBe('Saved as minutes.md.');
  const markdown = readFileSync(join(dialog.directory, 'minutes.md'), 'utf8');
  expect(markdown).toMatch(/^# Transcript of \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n/);
  expect(markdown).toMatch(/\*\*\[00:00:\d{2}\]\*\* \S/);
  const [first] = speech.utterances as [string];
  expect(containsInOrder(markdown.replace(/\\/g, ''), first)).toBe(true);

  await historyView.getByTestId('copy-as-markdown').click();
  await expect(historyView.getByTestId('export-outcome')).toHaveText('Copied as Markdown.');
  // What reached the clipboard is the Markdown export itself (the test reads it with its own grant).
  await earshot.page.context().grantPermissions(['clipboard-read'], { origin: earshot.server.origin });
  const copied = await earshot.page.evaluate('navigator.clipboard.readText()');
  expect(copied).toBe(markdown);
});
