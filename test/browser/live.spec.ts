/**
 * Live mode (`npm run test:live`): the whole path, as a user does it, against real Deepgram,
 * a self-hosted endpoint or, by default, the bundled emulator.
 *
 *   DEEPGRAM_API_URL + DEEPGRAM_API_KEY  use that endpoint instead of starting the emulator
 *   E2E_AUDIO        WAV played once as the microphone (any rate, mono or stereo)
 *   E2E_TRANSCRIPT   the words expected; passes when the final transcript shown holds at least
 *                    80% of them in order (longest common subsequence of normalized words)
 *   E2E_OUTPUT_DIR   where to write transcript.txt, the final transcript shown in the window
 *   E2E_EMULATOR_FAULTS  a fault script for the bundled emulator, in the syntax of
 *                    `npm run emulator -- --faults` (e.g. "cut-after=6s,refuse-after-cut=2x503":
 *                    every connection cut after 6 s of its audio, the next two handshakes refused).
 *                    With the project fixture the transcript must then hold every expected word
 *                    exactly once, in order, and the script must have cut at least one connection.
 *   E2E_SOURCE       mic (default): E2E_AUDIO is the microphone, as above. system: Chromium hears a
 *                    private PulseAudio server instead of a fake microphone (test/support/pulse-server.ts),
 *                    "System audio" is chosen on the settings screen, and once the session is live
 *                    E2E_AUDIO is played into the system output (a null sink) with paplay; Earshot
 *                    hears it through main's "Earshot system audio" source, fed from the sink's monitor.
 *
 * Without them: the emulator, the project's speech fixture, and the fixture's text queued in
 * the emulator's script transcriber. Everything is done on the settings screen as a user
 * would: when the endpoint is not Deepgram's default (DEEPGRAM_API_URL, or the emulator) its
 * URL is typed into the endpoint field and saved, then the key is typed and saved; every other
 * setting stays at its default. The microphone opens when Start is pressed, so the file is
 * heard from its first sample; the test waits for it to play out, presses Stop, waits until the
 * session has really ended (during an outage Stop keeps trying for about 30 s, "Finishing") and
 * no audio waits to be transcribed, then reads the final transcript. Every run reports words the
 * transcript holds twice or lacks; only the fault-script run asserts it.
 */
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseFaultScript,
  startDeepgramEmulator,
  type DeepgramEmulator,
  type FaultScript,
  type RecordedConnection,
} from '../../emulator/index';
import { defaultSettings, endpointUrl } from '../../src/shared/settings';
import { makeSpeechFixture } from '../fixtures/make-speech';
import { EarshotUi } from './harness/earshot-ui';
import { launchEarshot, type EarshotApp } from './harness/launch-earshot';
import { prepareMicrophoneWav } from './harness/microphone-wav';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { normalizedWords, wordsRecalledInOrder } from './harness/transcript-match';
import { describeTally, tallyWords } from './harness/word-tally';
import { cueProblems, parseSrt, parseVtt, withSrtSpeakers } from '../support/subtitle-checks';
import type { JsonExport } from '../../src/shared/export';
import { exportThroughWindow } from './harness/export-ui';
import { chooseAudioSource } from './harness/audio-source';
import { pulseToolsMissing, startPulseServer, type PulseServer } from '../support/pulse-server';

const requiredRecall = 0.8;
/** After the file has played: time for the last results to arrive before Stop. */
const playOutMarginMs = 3_000;
/** Stop during an outage keeps trying for about 30 s before it keeps the audio for later. */
const stopWaitMs = 60_000;
/** Audio Stop could not send is transcribed once the endpoint answers again. */
const waitingAudioWaitMs = 60_000;

interface LiveTarget {
  endpoint: string;
  key: string;
  audio: string;
  expected: string;
  emulator: DeepgramEmulator | null;
  /** The bundled emulator's fault script, when E2E_EMULATOR_FAULTS sets one. */
  faults: FaultScript | null;
  /** The expected text is exactly what the emulator was told to answer (the project fixture). */
  expectedExactly: boolean;
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
  const faultText = environment('E2E_EMULATOR_FAULTS');
  if (faultText !== null && url !== null) {
    throw new Error(
      'E2E_EMULATOR_FAULTS applies to the bundled emulator: unset DEEPGRAM_API_URL and DEEPGRAM_API_KEY, or E2E_EMULATOR_FAULTS.',
    );
  }
  const parsedFaults = faultText === null ? null : parseFaultScript(faultText);
  const faults = parsedFaults?.cutAfterMs === null ? null : parsedFaults;
  const fixture = audio === null ? makeSpeechFixture() : null;
  const expected = transcript ?? fixture!.expectedText;
  if (url !== null && key !== null) {
    const endpointTarget = { endpoint: url, key, audio: audio ?? fixture!.wavPath, expected };
    return { ...endpointTarget, emulator: null, faults: null, expectedExactly: false };
  }
  const emulator = await startDeepgramEmulator(faults ? { faultScript: faults } : {});
  emulator.queueUtterances(fixture ? fixture.utterances : [expected]);
  return {
    endpoint: emulator.url,
    key: emulator.demoKey,
    audio: audio ?? fixture!.wavPath,
    expected,
    emulator,
    faults,
    expectedExactly: fixture !== null,
  };
}

/** One line per connection the emulator saw: how it ended and which fault acted on it. */
function connectionReport(connections: readonly RecordedConnection[]): string {
  return connections
    .map((connection) => {
      const audio = `${(connection.audio.durationMs / 1000).toFixed(1)} s of audio`;
      const fault = connection.fault ? `, fault ${JSON.stringify(connection.fault)}` : '';
      return `${connection.id} handshake ${connection.handshakeStatus}, ${audio}, close ${connection.closeCode ?? '-'}${fault}`;
    })
    .join('\n');
}

/**
 * The final transcript shown, as words: each segment's text without the "transcribed later" tag
 * the window adds to words transcribed after the session (that tag is not what was said).
 */
async function transcriptShown(ui: EarshotUi): Promise<{ transcript: string; transcribedLater: number }> {
  const texts: string[] = [];
  let transcribedLater = 0;
  for (const row of await ui.finalText.locator('[data-row-key]').all()) {
    let text = collapsedText(await row.innerText());
    const tag = row.getByTestId('transcribed-later-tag');
    if ((await tag.count()) > 0) {
      transcribedLater += 1;
      const tagText = collapsedText(await tag.innerText());
      if (text.endsWith(tagText)) text = text.slice(0, -tagText.length).trim();
    }
    if (text !== '') texts.push(text);
  }
  return { transcript: texts.join(' '), transcribedLater };
}

function collapsedText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

let target: LiveTarget | null = null;
let app: EarshotApp | null = null;
let pulse: PulseServer | null = null;
const systemOutput = { name: 'earshot_e2e_output', description: 'E2E-output' };

/** Where E2E_AUDIO comes from: the microphone (default) or the system output. */
function liveSource(): 'mic' | 'system' {
  const source = environment('E2E_SOURCE') ?? 'mic';
  if (source !== 'mic' && source !== 'system') {
    throw new Error(`E2E_SOURCE must be mic or system, not ${source}.`);
  }
  if (source === 'system') {
    const missing = pulseToolsMissing();
    if (missing) throw new Error(`E2E_SOURCE=system plays into a private PulseAudio server, but ${missing}.`);
  }
  return source;
}

test.afterEach(async () => {
  await app?.close();
  await target?.emulator?.close();
  await pulse?.close();
});

test('dictation end to end: the final transcript holds the spoken words', async () => {
  const testInfo = test.info();
  testInfo.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
  const source = liveSource();
  target = await liveTarget();
  const microphone = prepareMicrophoneWav(target.audio);
  test.setTimeout(microphone.info.durationMs + 120_000 + stopWaitMs + waitingAudioWaitMs);
  pulse = source === 'system' ? await startPulseServer([systemOutput]) : null;
  // Nothing is put into main's settings behind the window's back: the user types it.
  app = await launchEarshot({
    microphoneWav: pulse ? null : microphone.path,
    microphone: 'app-policy',
    endpoint: null,
    ...(pulse ? { pulseAudioEnv: pulse.env } : {}),
  });
  const ui = new EarshotUi(app.page);

  await expect(ui.endpointInput).toHaveValue(defaultSettings.endpoint);
  const endpoint = endpointUrl(target.endpoint, 'DEEPGRAM_API_URL');
  if (endpoint !== defaultSettings.endpoint) await ui.setEndpoint(target.endpoint);
  await ui.setUpKey(target.key, /\S/);
  if (pulse) await chooseAudioSource(ui, 'system');
  expect(await app.main.core.invokeHandlers.getSettings(undefined)).toEqual({
    settings: { ...defaultSettings, endpoint, ...(pulse ? { audioSource: 'system' } : {}) },
    notice: null,
  });
  await ui.goToLiveView();
  await ui.startButton.click();
  await expect(ui.stopButton).toBeVisible();
  if (pulse) {
    // The system output is heard from the moment the session is live; the file plays in real time.
    await expect.poll(() => ui.phase(), { timeout: 30_000 }).toBe('live');
    await pulse.play(microphone.path, systemOutput.name);
    await app.page.waitForTimeout(playOutMarginMs);
  } else {
    await app.page.waitForTimeout(microphone.info.durationMs + playOutMarginMs);
  }
  await ui.stopButton.click();
  // Over a live connection Stop takes a second or two; during an outage it keeps trying
  // ("Finishing: …") before it gives up and keeps the audio. The session has ended when Start is back.
  await expect(ui.startButton).toBeVisible({ timeout: stopWaitMs });
  await expect(ui.status).toHaveAttribute('data-phase', /^(idle|error)$/);
  await expect(ui.status).toHaveAttribute('data-activity', 'idle');
  // Audio Stop could not send waits on disk and is merged in once the endpoint answers again:
  // give it time. Whether the words came is for the checks below to say, with the evidence.
  const waitingAudio = app.page.getByTestId('session-notices').filter({ hasText: /not yet transcribed/i });
  const stillWaiting = await expect(waitingAudio)
    .toHaveCount(0, { timeout: waitingAudioWaitMs })
    .then(
      () => '',
      () => `audio still waited to be transcribed ${waitingAudioWaitMs / 1000} s after the session ended`,
    );
  if (stillWaiting) {
    console.log(`live transcript: ${stillWaiting}`);
    testInfo.annotations.push({ type: 'waiting audio', description: stillWaiting });
  }

  const { transcript, transcribedLater } = await transcriptShown(ui);
  if (transcribedLater > 0) console.log(`live transcript: ${transcribedLater} segment(s) transcribed later`);
  const outputDir = environment('E2E_OUTPUT_DIR');
  if (outputDir) {
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, 'transcript.txt'), `${transcript}\n`);
  }
  await testInfo.attach('transcript.txt', { body: transcript, contentType: 'text/plain' });
  const tally = describeTally(tallyWords(target.expected, transcript));
  console.log(`live transcript against the expected words: ${tally}`);
  await testInfo.attach('word-tally.txt', { body: tally, contentType: 'text/plain' });
  const connections = target.emulator ? connectionReport(target.emulator.recorder.connections) : '';
  if (target.emulator) {
    await testInfo.attach('emulator-connections.txt', { body: connections, contentType: 'text/plain' });
    if (target.faults) console.log(`emulator connections under the fault script:\n${connections}`);
  }
  const evidence = [
    `transcript: "${transcript}"`,
    `expected: "${target.expected}"`,
    tally,
    stillWaiting,
    connections,
  ]
    .filter((line) => line !== '')
    .join('\n');
  // The session exported through the app's own path (main's save dialog, played by the harness)
  // next to transcript.txt, then read back by independent parsers and checked against the words.
  const exportDir = outputDir ?? app.main.exportDialog.directory;
  const exported: Record<'srt' | 'vtt' | 'json', string> = { srt: '', vtt: '', json: '' };
  for (const format of ['json', 'srt', 'vtt'] as const) {
    const fileName = `transcript.${format}`;
    const outcome = await exportThroughWindow(
      app.page,
      app.main.exportDialog,
      format,
      join(exportDir, fileName),
    );
    expect(outcome, evidence).toBe(`Saved as ${fileName}.`);
    exported[format] = readFileSync(join(exportDir, fileName), 'utf8');
    await testInfo.attach(fileName, { body: exported[format], contentType: 'text/plain' });
  }
  const json = JSON.parse(exported.json) as JsonExport;
  expect(json).toMatchObject({ format: 'earshot-transcript', version: 1 });
  const exportedWords = json.segments.flatMap((segment) => segment.words.map((word) => word.punctuatedWord));
  expect(wordsRecalledInOrder(transcript, exportedWords.join(' ')), evidence).toBeGreaterThanOrEqual(0.9);
  const labels = json.speakers.map((speaker) => speaker.label);
  const srt = withSrtSpeakers(parseSrt(exported.srt), labels);
  expect(srt.length, exported.srt).toBeGreaterThan(0);
  expect(cueProblems(srt, json), exported.srt).toEqual([]);
  const vtt = parseVtt(exported.vtt);
  expect(vtt.errors, exported.vtt).toEqual([]);
  expect(cueProblems(vtt.cues, json), exported.vtt).toEqual([]);

  const recall = wordsRecalledInOrder(target.expected, transcript);
  expect(recall, evidence).toBeGreaterThanOrEqual(requiredRecall);
  if (target.faults) {
    // The script must really have cut the connection, or this run proved nothing about outages.
    const cuts = target.emulator!.recorder.connections.filter(
      (connection) => connection.fault?.kind === 'cut',
    );
    expect(cuts.length, evidence).toBeGreaterThan(0);
    if (target.expectedExactly) {
      expect(normalizedWords(transcript), evidence).toEqual(normalizedWords(target.expected));
    }
  }
});
