/**
 * Crash recovery end to end. Main's real core runs in a child process of its own
 * (harness/main-process.ts), the most honest stand-in for Electron's main process the
 * harness allows: while a session runs and final text is on screen, that process gets a real
 * SIGKILL, with no stop, no dispose and nothing flushed. The renderer goes with it, as it
 * would in Electron. Then Earshot starts again, a fresh core and window on the same userData
 * directory, and History shows the interrupted session, marked so, holding every word that
 * had been shown as final.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EarshotUi } from './harness/earshot-ui';
import { expect, test } from './harness/earshot-test';
import { launchEarshot, launchEarshotWithMainProcess, type EarshotApp } from './harness/launch-earshot';
import type { MainProcess } from './harness/main-process';
import { containsInOrder, normalizedWords } from './harness/transcript-match';

let userDataDir: string | null = null;
const opened: EarshotApp<{ logLines: string[] }>[] = [];

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook destructures.
test.afterEach(async ({}, testInfo) => {
  const failed = testInfo.status !== testInfo.expectedStatus;
  for (const [index, app] of opened.splice(0).entries()) {
    if (failed) {
      const body = [...app.main.logLines, '--- renderer console ---', ...app.console].join('\n');
      await testInfo.attach(`launch-${index + 1}-logs.txt`, { body, contentType: 'text/plain' });
    }
    await app.close();
  }
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  userDataDir = null;
});

test('after main is killed mid-session, the next start lists the session as interrupted with all its final text', async ({
  emulator,
  speech,
}) => {
  test.setTimeout(90_000);
  userDataDir = await mkdtemp(join(tmpdir(), 'earshot-e2e-crash-'));
  const crashing: EarshotApp<MainProcess> = await launchEarshotWithMainProcess({
    microphoneWav: speech.wavPath,
    microphone: 'app-policy',
    endpoint: emulator.url,
    userDataDir,
  });
  opened.push(crashing);
  const ui = new EarshotUi(crashing.page);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  const [first] = speech.utterances as [string];

  await ui.startButton.click();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), first), {
      timeout: 20_000,
      intervals: [50],
    })
    .toBe(true);
  expect(await crashing.main.kill()).toBe('SIGKILL');
  // Whatever main sent before it died still reaches the window; then read what it shows.
  await crashing.window.flush();
  const shownAsFinal = await ui.finalTranscript();
  await crashing.close();
  // Nothing stopped the session: Deepgram never heard Finalize or CloseStream.
  const streams = emulator.recorder.connections.filter((connection) => connection.audio.bytes > 0);
  expect(streams.length).toBeGreaterThan(0);
  const controls = streams.flatMap((stream) => stream.controlMessages.map((message) => message.type));
  expect(controls.filter((type) => type === 'Finalize' || type === 'CloseStream')).toEqual([]);
  expect(normalizedWords(shownAsFinal).length).toBeGreaterThan(0);

  const restarted = await launchEarshot({
    microphoneWav: null,
    microphone: 'app-policy',
    endpoint: null,
    userDataDir,
    keepStoredKey: true,
  });
  opened.push(restarted);
  const after = new EarshotUi(restarted.page);
  await after.historyLink.click();
  await expect(after.historyItems).toHaveCount(1);
  const item = after.historyItems.first();
  await expect(item.getByTestId('interrupted-badge')).toHaveText(/interrupted/i);
  await expect(item).toContainText(first.split(' ').slice(0, 3).join(' '));

  await item.click();
  await expect(restarted.page.getByTestId('history-transcript')).toBeVisible();
  const saved = await after.historyTranscript();
  // Every word shown as final is there, in order; main may have saved a final it had not yet shown.
  expect(containsInOrder(saved, shownAsFinal), `shown: "${shownAsFinal}"\nsaved: "${saved}"`).toBe(true);
  expect(normalizedWords(saved).slice(0, normalizedWords(shownAsFinal).length)).toEqual(
    normalizedWords(shownAsFinal),
  );
  test
    .info()
    .annotations.push({ type: 'transcript', description: `shown: "${shownAsFinal}" saved: "${saved}"` });
  const [summary] = await restarted.main.core.invokeHandlers.listHistory(undefined);
  expect(summary).toMatchObject({ interrupted: true, endedAt: null });
});
