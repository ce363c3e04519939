/**
 * System audio for real: a private PulseAudio server with a null sink ("Speakers"), Chromium
 * launched WITHOUT the fake microphone and pointed at that server, and the speech fixture
 * played into the sink with paplay, as any app playing sound would. Chromium does not list
 * monitors, so choosing "System audio" makes main's Linux glue add "Earshot system audio", a
 * source fed from the default output's monitor; the window opens it and the words arrive in
 * the live view and in the caption overlay. The endpoint must have heard mono linear16 as long
 * as the speech.
 */
import { test, expect } from '@playwright/test';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { makeSpeechFixture } from '../fixtures/make-speech';
import { pulseToolsMissing, startPulseServer, type PulseServer } from '../support/pulse-server';
import { audioInputLabels, chooseAudioSource, recordOpenedInputs } from './harness/audio-source';
import { EarshotUi } from './harness/earshot-ui';
import { launchEarshot, type EarshotApp } from './harness/launch-earshot';
import { openOverlayWindow, type OverlayWindow } from './harness/overlay-window';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { containsInOrder } from './harness/transcript-match';

const speakers = { name: 'earshot_speakers', description: 'Speakers' };

let pulse: PulseServer | null = null;
let emulator: DeepgramEmulator | null = null;
let app: EarshotApp | null = null;
let overlay: OverlayWindow | null = null;

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (app && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('main-log.txt', { body: app.main.logLines.join('\n'), contentType: 'text/plain' });
    await testInfo.attach('renderer-console.txt', {
      body: app.console.join('\n'),
      contentType: 'text/plain',
    });
  }
  await overlay?.close();
  await app?.close();
  await emulator?.close();
  await pulse?.close();
  app = emulator = pulse = overlay = null;
});

test('system audio: speech played into a PulseAudio sink is captured from its monitor and shown, in the overlay too', async () => {
  test.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  const missing = pulseToolsMissing();
  test.skip(missing !== null, `System audio needs a private PulseAudio server: ${missing}`);
  // Key set-up, one settings save and the fixture played in real time; generous for a loaded machine.
  test.setTimeout(150_000);
  const speech = makeSpeechFixture();
  pulse = await startPulseServer([speakers]);
  emulator = await startDeepgramEmulator();
  app = await launchEarshot({
    microphoneWav: null,
    microphone: 'app-policy',
    endpoint: emulator.url,
    pulseAudioEnv: pulse.env,
  });
  const ui = new EarshotUi(app.page);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);

  // Chromium hears the private server, not a fake device, and lists no input before main adds one.
  expect(await audioInputLabels(app.page)).toEqual([]);

  // "Both" is offered (main streams two channels); this test wants the system audio alone.
  await expect(ui.page.getByTestId('audio-source-microphone')).toBeChecked();
  await expect(ui.page.getByTestId('audio-source-both')).toHaveCount(1);
  await chooseAudioSource(ui, 'system');
  await expect.poll(() => audioInputLabels(app!.page)).toContain('Earshot system audio');
  await expect(ui.page.getByTestId('system-audio-note')).toContainText('Earshot system audio');
  const openedInputs = await recordOpenedInputs(app.page);
  overlay = await openOverlayWindow(app);
  const captions = overlay.page.getByTestId('overlay-captions');
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  await expect(ui.stopButton).toBeVisible();
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('live');

  await pulse.play(speech.wavPath, speakers.name);
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), speech.expectedText), { timeout: 15_000 })
    .toBe(true);
  // The caption overlay shows the latest lines: the last utterance heard from the system output.
  const lastUtterance = speech.utterances[speech.utterances.length - 1] ?? '';
  await expect
    .poll(async () => containsInOrder((await captions.innerText()).replace(/\s+/g, ' '), lastUtterance), {
      timeout: 15_000,
      message: 'the overlay shows the last utterance',
    })
    .toBe(true);
  // The whole file reaches the endpoint (on a loaded machine the capture may trail the playback a little).
  const streams = () => emulator!.recorder.connections.filter((connection) => connection.audio.bytes > 0);
  const heardMs = () => streams().reduce((total, stream) => total + stream.audio.durationMs, 0);
  await expect.poll(heardMs, { timeout: 20_000 }).toBeGreaterThan(speech.durationMs * 0.9);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  expect(await openedInputs()).toEqual(['Earshot system audio']);

  for (const stream of streams()) {
    expect(stream.query['encoding']).toBe('linear16');
    expect(stream.query['channels']).toBe('1');
  }
});
