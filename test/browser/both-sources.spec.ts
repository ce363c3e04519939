/**
 * "Both" for real: the microphone and the system audio carry DIFFERENT speech and come back as
 * two channels labelled apart. Chromium's fake-device switch replaces every input, so it cannot
 * be the microphone here; instead one private PulseAudio server has two null sinks: "Speakers"
 * (the default output: main's Linux glue adds "Earshot system audio" from its monitor, as in
 * system-audio.spec.ts) and "Desk microphone", whose monitor is remapped into an ordinary
 * source "Test microphone" made the default input. One speech WAV is played into each with
 * paplay, one after the other. Earshot streams channel 0 (microphone) and channel 1 (system)
 * with multichannel=true&channels=2; the emulator transcribes each channel on its own, from its
 * own script, so a channel that heard the other's speech would show the wrong words or
 * "[inaudible]". The live view must show "You" with exactly the microphone's words and
 * "Others" with exactly the system audio's.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test, expect, type Locator } from '@playwright/test';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { makeSpeechFixture } from '../fixtures/make-speech';
import { pulseToolsMissing, startPulseServer, type PulseServer } from '../support/pulse-server';
import { audioInputLabels, chooseAudioSource, recordOpenedInputs } from './harness/audio-source';
import { EarshotUi } from './harness/earshot-ui';
import { launchEarshot, type EarshotApp } from './harness/launch-earshot';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { normalizedWords } from './harness/transcript-match';

const run = promisify(execFile);
const speakers = { name: 'earshot_speakers', description: 'Speakers' };
const deskMicrophone = { name: 'earshot_desk_mic', description: 'Desk_microphone' };
const microphoneSource = 'earshot_test_microphone';

let pulse: PulseServer | null = null;
let emulator: DeepgramEmulator | null = null;
let app: EarshotApp | null = null;

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (app && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('main-log.txt', { body: app.main.logLines.join('\n'), contentType: 'text/plain' });
    await testInfo.attach('renderer-console.txt', {
      body: app.console.join('\n'),
      contentType: 'text/plain',
    });
  }
  await app?.close();
  await emulator?.close();
  await pulse?.close();
  app = emulator = pulse = null;
});

/** Words shown under each speaker label ("You: …" starts a run; a label shows when the speaker changes). */
async function wordsByLabel(finalText: Locator): Promise<Record<string, string[]>> {
  const rows = await finalText.locator('p.segment.final').allInnerTexts();
  const byLabel: Record<string, string[]> = {};
  let label = '(none)';
  for (const row of rows) {
    const match = /^\s*(You|Others)\s*:\s*(.*)$/s.exec(row);
    if (match) label = match[1] as string;
    (byLabel[label] ??= []).push(...normalizedWords(match ? (match[2] as string) : row));
  }
  return byLabel;
}

test('both: microphone and system audio with different speech come back as "You" and "Others"', async () => {
  test.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  const missing = pulseToolsMissing();
  test.skip(missing !== null, `"Both" needs a private PulseAudio server: ${missing}`);
  test.setTimeout(180_000);
  const you = makeSpeechFixture({
    name: 'both-microphone',
    sentences: ['Good morning, this is the microphone speaking.', 'I will share my screen now.'],
  });
  const others = makeSpeechFixture({
    name: 'both-system',
    sentences: ['The video conference audio comes from the computer.', 'Thank you all for joining today.'],
  });
  // Speakers first: the first sink loaded is the default output, whose monitor main remaps.
  pulse = await startPulseServer([speakers, deskMicrophone]);
  const pactl = (...args: string[]) => run('pactl', args, { env: { ...process.env, ...pulse!.env } });
  await pactl(
    'load-module',
    'module-remap-source',
    `master=${deskMicrophone.name}.monitor`,
    `source_name=${microphoneSource}`,
    'source_properties=device.description=Test_microphone',
  );
  await pulse.setDefaultSource(microphoneSource);

  emulator = await startDeepgramEmulator();
  app = await launchEarshot({
    microphoneWav: null,
    microphone: 'app-policy',
    endpoint: emulator.url,
    pulseAudioEnv: pulse.env,
  });
  const ui = new EarshotUi(app.page);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);

  await chooseAudioSource(ui, 'both');
  await expect.poll(() => audioInputLabels(app!.page)).toContain('Earshot system audio');
  expect(await audioInputLabels(app.page)).toContain('Test_microphone');
  const openedInputs = await recordOpenedInputs(app.page);
  await ui.goToLiveView();
  emulator.queueUtterances(you.utterances, 0);
  emulator.queueUtterances(others.utterances, 1);
  await ui.startButton.click();
  await expect(ui.stopButton).toBeVisible();
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('live');

  await pulse.play(you.wavPath, deskMicrophone.name);
  await pulse.play(others.wavPath, speakers.name);
  const expected = { You: normalizedWords(you.expectedText), Others: normalizedWords(others.expectedText) };
  await expect.poll(() => wordsByLabel(ui.finalText), { timeout: 30_000 }).toEqual(expected);

  const streams = () => emulator!.recorder.connections.filter((connection) => connection.audio.bytes > 0);
  const heardMs = () => streams().reduce((total, stream) => total + stream.audio.durationMs, 0);
  await expect.poll(heardMs, { timeout: 20_000 }).toBeGreaterThan((you.durationMs + others.durationMs) * 0.9);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  // The microphone setting is "System default": Chromium labels that track "Default", and the
  // server's default input is Test_microphone (set above); the system audio is opened by name.
  expect((await openedInputs()).sort()).toEqual(['Default', 'Earshot system audio']);
  expect(await wordsByLabel(ui.finalText)).toEqual(expected);

  for (const stream of streams()) {
    expect(stream.query['channels']).toBe('2');
    expect(stream.query['multichannel']).toBe('true');
    // Interleaved two-channel linear16: whole 4-byte sample frames only.
    expect(stream.audio.bytes % 4).toBe(0);
  }
  const finals = streams().flatMap((stream) =>
    stream.results.filter((r) => r.isFinal && r.transcript !== ''),
  );
  expect(new Set(finals.map((result) => result.channel))).toEqual(new Set([0, 1]));
  expect(finals.some((result) => result.transcript.includes('[inaudible]'))).toBe(false);
});
