/**
 * Live mode (`npm run test:live`): the whole path, as a user does it, against real Deepgram,
 * a self-hosted endpoint or, by default, the bundled emulator.
 *
 *   DEEPGRAM_API_URL + DEEPGRAM_API_KEY  use that endpoint instead of starting the emulator
 *   E2E_AUDIO        WAV played once as the microphone (any rate, mono or stereo)
 *   E2E_TRANSCRIPT   the words expected; passes when the final transcript shown holds at least
 *                    80% of them in order (longest common subsequence of normalized words)
 *   E2E_OUTPUT_DIR   where to write transcript.txt, the final transcript shown in the window
 *
 * Without them: the emulator, the project's speech fixture, and the fixture's text queued in
 * the emulator's script transcriber. Everything is done on the settings screen as a user
 * would: when the endpoint is not Deepgram's default (DEEPGRAM_API_URL, or the emulator) its
 * URL is typed into the endpoint field and saved, then the key is typed and saved; every other
 * setting stays at its default. The microphone opens when Start is pressed, so the file is
 * heard from its first sample; the test waits for it to play out, presses Stop and reads the
 * final transcript.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { defaultSettings, endpointUrl } from '../../src/shared/settings';
import { makeSpeechFixture } from '../fixtures/make-speech';
import { EarshotUi } from './harness/earshot-ui';
import { launchEarshot, type EarshotApp } from './harness/launch-earshot';
import { prepareMicrophoneWav } from './harness/microphone-wav';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { wordsRecalledInOrder } from './harness/transcript-match';

const requiredRecall = 0.8;
/** After the file has played: time for the last results to arrive before Stop. */
const playOutMarginMs = 3_000;

interface LiveTarget {
  endpoint: string;
  key: string;
  audio: string;
  expected: string;
  emulator: DeepgramEmulator | null;
}

function environment(name: string): string | null {
  const value = process.env[name]?.trim();
  return value ? value : null;
}

async function liveTarget(): Promise<LiveTarget> {
  const url = environment('DEEPGRAM_API_URL');
  const key = environment('DEEPGRAM_API_KEY');
  const audio = environment('E2E_AUDIO');
  const transcript = environment('E2E_TRANSCRIPT');
  if ((url === null) !== (key === null)) {
    throw new Error(
      'Set both DEEPGRAM_API_URL and DEEPGRAM_API_KEY to use an endpoint, or neither to use the emulator.',
    );
  }
  if ((audio === null) !== (transcript === null)) {
    throw new Error('Set both E2E_AUDIO and E2E_TRANSCRIPT, or neither to use the project fixture.');
  }
  const fixture = audio === null ? makeSpeechFixture() : null;
  const expected = transcript ?? fixture!.expectedText;
  if (url !== null && key !== null) {
    return { endpoint: url, key, audio: audio ?? fixture!.wavPath, expected, emulator: null };
  }
  const emulator = await startDeepgramEmulator();
  emulator.queueUtterances(fixture ? fixture.utterances : [expected]);
  return {
    endpoint: emulator.url,
    key: emulator.demoKey,
    audio: audio ?? fixture!.wavPath,
    expected,
    emulator,
  };
}

let target: LiveTarget | null = null;
let app: EarshotApp | null = null;

test.afterEach(async () => {
  await app?.close();
  await target?.emulator?.close();
});

test('dictation end to end: the final transcript holds the spoken words', async () => {
  const testInfo = test.info();
  testInfo.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  target = await liveTarget();
  const microphone = prepareMicrophoneWav(target.audio);
  test.setTimeout(microphone.info.durationMs + 120_000);
  // Nothing is put into main's settings behind the window's back: the user types it.
  app = await launchEarshot({ microphoneWav: microphone.path, microphone: 'app-policy', endpoint: null });
  const ui = new EarshotUi(app.page);

  await expect(ui.endpointInput).toHaveValue(defaultSettings.endpoint);
  const endpoint = endpointUrl(target.endpoint, 'DEEPGRAM_API_URL');
  if (endpoint !== defaultSettings.endpoint) await ui.setEndpoint(target.endpoint);
  await ui.setUpKey(target.key, /\S/);
  expect(await app.main.core.invokeHandlers.getSettings(undefined)).toEqual({
    settings: { ...defaultSettings, endpoint },
    notice: null,
  });
  await ui.goToLiveView();
  await ui.startButton.click();
  await expect(ui.stopButton).toBeVisible();
  await app.page.waitForTimeout(microphone.info.durationMs + playOutMarginMs);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 15_000 });

  const transcript = await ui.finalTranscript();
  const outputDir = environment('E2E_OUTPUT_DIR');
  if (outputDir) {
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, 'transcript.txt'), `${transcript}\n`);
  }
  await testInfo.attach('transcript.txt', { body: transcript, contentType: 'text/plain' });
  const recall = wordsRecalledInOrder(target.expected, transcript);
  expect(recall, `transcript: "${transcript}"\nexpected: "${target.expected}"`).toBeGreaterThanOrEqual(
    requiredRecall,
  );
});
