/**
 * Speaking into Earshot: real speech (espeak-ng) through Chromium's fake microphone, the
 * renderer's AudioWorklet, the real preload and IPC dispatcher, main's session and the
 * emulator. Proves what the user sees (interim words, then final text in their place; Stop
 * keeps the last words) and what the endpoint received (linear16, 16 kHz, mono, frames of at
 * most 50 ms, about as long as the file).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { audioFrameLimits } from '../../src/shared/ipc-contract';
import { expect, test } from './harness/earshot-test';
import { containsInOrder, normalizedWords } from './harness/transcript-match';
import { watchTranscript } from './harness/transcript-watch';

/** Every run writes the live view here (git-ignored)... */
const screenshotPath = resolve(import.meta.dirname, '../../test-results/screenshots/live-view.png');
/** ...and README's copy only when asked, so a run leaves a clone's tree as it was. */
const documentedScreenshotPath = resolve(import.meta.dirname, '../../docs/screenshots/live-view.png');
const updateDocumentedScreenshot = process.env.EARSHOT_UPDATE_SCREENSHOTS === '1';
const maxFrameBytes =
  (audioFrameLimits.sampleRate *
    audioFrameLimits.bytesPerSample *
    audioFrameLimits.channels *
    audioFrameLimits.maxFrameMs) /
  1000;

test('speech shows interim words, then final text in their place; the endpoint hears linear16 16 kHz mono', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(90_000);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  const snapshots = await watchTranscript(earshot.page);

  await ui.startButton.click();
  const startedAt = Date.now();
  const [first, second, third] = speech.utterances as [string, string, string];
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), `${first} ${second} ${third}`), {
      timeout: speech.durationMs + 15_000,
    })
    .toBe(true);
  await expect(ui.interimText).toHaveText('');

  mkdirSync(dirname(screenshotPath), { recursive: true });
  await earshot.page.screenshot({ path: screenshotPath });
  if (updateDocumentedScreenshot) {
    mkdirSync(dirname(documentedScreenshotPath), { recursive: true });
    copyFileSync(screenshotPath, documentedScreenshotPath);
  }

  // Let the file play out (its trailing silence included) before stopping.
  await earshot.page.waitForTimeout(Math.max(0, startedAt + speech.durationMs + 500 - Date.now()));
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => ui.phase()).toBe('idle');

  // What the user saw, in order: the first utterance's words as interim text before any of
  // it was final, then final, with the interim line emptied (replaced in place).
  const seen = await snapshots();
  const firstWords = normalizedWords(first);
  const interimBeforeFinal = seen.findIndex(
    (snapshot) =>
      snapshot.interim !== '' &&
      normalizedWords(snapshot.interim).every((word) => firstWords.includes(word)) &&
      !containsInOrder(snapshot.final, first),
  );
  const finalShown = seen.findIndex((snapshot) => containsInOrder(snapshot.final, first));
  expect(interimBeforeFinal, JSON.stringify(seen, null, 1)).toBeGreaterThanOrEqual(0);
  expect(finalShown).toBeGreaterThan(interimBeforeFinal);
  expect(normalizedWords(seen[finalShown]!.interim).join(' ')).not.toBe(firstWords.join(' '));

  // What the endpoint received.
  // The key check's zero-audio probe also opened /v1/listen; the session's streams carry audio.
  const streams = emulator.recorder.connections.filter(
    (connection) => connection.handshakeStatus === 101 && connection.audio.bytes > 0,
  );
  expect(streams.length).toBeGreaterThanOrEqual(1);
  for (const stream of streams) {
    expect(stream.query.encoding).toBe('linear16');
    expect(stream.query.sample_rate).toBe('16000');
    expect(String(stream.query.channels ?? '1')).toBe('1');
    expect(stream.audio.encoding).toBe('linear16');
    expect(stream.audio.sampleRate).toBe(16_000);
    expect(stream.audio.channels).toBe(1);
    expect(stream.emptyBinaryFrames).toBe(0);
    expect(Math.max(...stream.audio.frameSizes)).toBeLessThanOrEqual(maxFrameBytes);
  }
  const receivedMs = streams.reduce((total, stream) => total + stream.audio.durationMs, 0);
  test.info().annotations.push({
    type: 'audio',
    description: `endpoint received ${Math.round(receivedMs)} ms of audio for a ${Math.round(speech.durationMs)} ms WAV`,
  });
  // The whole file was heard (Chromium delivers silence after its end until Stop).
  expect(receivedMs).toBeGreaterThan(speech.durationMs * 0.97);
  expect(receivedMs).toBeLessThan(speech.durationMs + 3_000);
});

test('Stop in the middle of an utterance keeps its words', async ({ earshot, emulator, speech, ui }) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  const [first, second] = speech.utterances as [string, string];

  await ui.startButton.click();
  // Wait until the second utterance is being heard: the first is final, the second only interim.
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), first), { timeout: 20_000 })
    .toBe(true);
  let interimAtStop = '';
  await expect
    .poll(
      async () => {
        const shown = await ui.interimText.innerText();
        const words = normalizedWords(shown);
        if (words.length === 0 || !words.every((word) => normalizedWords(second).includes(word)))
          return false;
        interimAtStop = shown;
        return true;
      },
      { timeout: 10_000, intervals: [50] },
    )
    .toBe(true);
  await ui.stopButton.click();

  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  const finalAfterStop = await ui.finalTranscript();
  expect(containsInOrder(finalAfterStop, `${first} ${interimAtStop}`), finalAfterStop).toBe(true);
  await expect(ui.interimText).toHaveText('');

  const stream = emulator.recorder.connections.find(
    (connection) => connection.handshakeStatus === 101 && connection.audio.bytes > 0,
  );
  const controls = stream?.controlMessages.map((message) => message.type) ?? [];
  expect(controls.some((type) => type === 'Finalize' || type === 'CloseStream')).toBe(true);
  // The words stay on screen after the session ended.
  await earshot.page.waitForTimeout(1_000);
  expect(await ui.finalTranscript()).toBe(finalAfterStop);
});
