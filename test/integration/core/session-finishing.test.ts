/**
 * Issue 14, items 1 and 3, against the emulator's fault scripts: connections cut after a few
 * seconds of their audio, and the handshakes after each cut refused. Stop pressed in the middle
 * of an outage still ends with every word once; a Stop that cannot finish in time keeps the
 * audio; Stop now ends the finishing at once; and connections that die right after their replay
 * still make progress because the replay is followed by Finalize.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  parseFaultScript,
  startDeepgramEmulator,
  synthesizeToneCode,
  toneCodeVocabulary,
  type DeepgramEmulator,
} from '../../../emulator/index';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { seededRandom } from '../../support/seeded-random';

const tone = { wordMs: 200, gapMs: 80, utteranceGapMs: 900, leadMs: 200 };

function utterancesFor(seed: number, count: number): string[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 3 + Math.floor(random() * 6) },
      () => toneCodeVocabulary[Math.floor(random() * toneCodeVocabulary.length)] as string,
    ),
  );
}

describe('Stop and replay on connections that keep dying', () => {
  let emulator: DeepgramEmulator;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  const accepted = () =>
    emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);
  /** Cuts the connection and refuses every handshake from now on; resolves once the session knows. */
  async function longOutage(harness: ReturnType<typeof createHarness>): Promise<void> {
    emulator.faults.refuseHandshakes(10_000, 503);
    emulator.faults.dropConnections();
    await waitUntil(() => harness.controller.state().phase === 'reconnecting', 5000, 'reconnecting');
  }

  const words = (harness: ReturnType<typeof createHarness>) =>
    harness.finals().flatMap((segment) => segment.words.map((word) => word.word));

  it('Stop in the middle of an outage ends with every word once (cut after 3 s, two 503s after each cut)', async () => {
    const utterances = utterancesFor(14, 6);
    const audio = synthesizeToneCode(utterances, tone);
    emulator.faults.useScript(parseFaultScript('cut-after=3s,refuse-after-cut=2x503'));
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { replayRealTimeFactor: 8, backoffBaseMs: 200, backoffCapMs: 1000 },
    });
    await harness.controller.start();
    await pushFrames(harness.controller, toFrames(audio), 4);
    // Stop right after a cut, while the handshakes are refused.
    await waitUntil(() => harness.controller.state().phase === 'reconnecting', 15_000, 'an outage');
    const stopped = await harness.controller.stop();
    expect(stopped).toMatchObject({ phase: 'idle', waitingAudioMs: 0, unkeptAudioMs: 0 });
    // While finishing, the window was told how much audio was left and which attempt it was.
    const finishing = harness.states.filter((state) => state.finishing !== null);
    expect(finishing.length).toBeGreaterThan(0);
    expect(finishing[0]?.finishing?.attempt).toBe(1);
    expect(words(harness)).toEqual(utterances.flat());
    expect(harness.waitingAudio.kept).toEqual([]);
    expect(accepted().filter((connection) => connection.fault?.kind === 'cut').length).toBeGreaterThan(1);
  }, 60_000);

  it('connections cut 1.5 s into their audio still complete the transcript: Finalize after each replay', async () => {
    const utterances = utterancesFor(7, 2).map((words) => [...words, ...words]);
    const audio = synthesizeToneCode(utterances, tone);
    emulator.faults.useScript(parseFaultScript('cut-after=1500ms,refuse-after-cut=1x503'));
    // Real time and Deepgram's 1.25× replay limit: a Finalize's answer needs the time it takes
    // to come back before the cut, as it would on a real network.
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { backoffBaseMs: 50, backoffCapMs: 200, finishTimeoutMs: 40_000 },
    });
    await harness.controller.start();
    await pushFrames(harness.controller, toFrames(concatSamples(audio, silence(500))), 1);
    await harness.controller.stop();
    expect(words(harness)).toEqual(utterances.flat());
    // Each connection lived for 1.5 s of audio at most, yet Finalize moved the replay point on.
    const cuts = accepted().filter((connection) => connection.fault?.kind === 'cut');
    expect(cuts.length).toBeGreaterThan(audio.length / 16_000 / 1.5 - 1);
    expect(
      cuts.some((connection) => connection.controlMessages.some((message) => message.type === 'Finalize')),
    ).toBe(true);
  }, 90_000);

  it('a Stop that cannot reach Deepgram in time keeps what it holds on disk, at its place on the timeline', async () => {
    const utterances = utterancesFor(3, 2);
    const audio = synthesizeToneCode(utterances, tone);
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { replayRealTimeFactor: 8, finishTimeoutMs: 1500, backoffBaseMs: 30_000, backoffCapMs: 30_000 },
    });
    await harness.controller.start();
    await pushFrames(harness.controller, toFrames(silence(400)), 8);
    await longOutage(harness);
    for (const frame of toFrames(audio)) harness.controller.pushAudio(frame);
    const stopped = await harness.controller.stop();
    const attempts = new Set(
      harness.states.flatMap((state) => (state.finishing ? [state.finishing.attempt] : [])),
    );
    expect(attempts.size).toBeGreaterThan(1);
    const keptBytes = harness.waitingAudio.kept.reduce((sum, entry) => sum + entry.audio.byteLength, 0);
    expect(keptBytes).toBeGreaterThanOrEqual(audio.length * 2);
    expect(stopped.waitingAudioMs).toBe(Math.round(keptBytes / 32));
    expect(stopped.sessionId).not.toBeNull();
    // The kept stretch ends exactly where the session's audio ends.
    const last = harness.waitingAudio.kept.at(-1)!;
    expect(Buffer.from(last.audio.subarray(-audio.length * 2)).equals(Buffer.from(audio.buffer))).toBe(true);
  }, 30_000);

  it('Stop now ends the finishing at once and keeps the audio', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { finishTimeoutMs: 60_000, backoffBaseMs: 30_000, backoffCapMs: 30_000 },
    });
    await harness.controller.start();
    await longOutage(harness);
    for (const frame of toFrames(synthesizeToneCode(utterancesFor(5, 1), tone)))
      harness.controller.pushAudio(frame);
    const stopping = harness.controller.stop();
    await waitUntil(
      () => (harness.controller.state().finishing?.attempt ?? 0) >= 2,
      10_000,
      'a second attempt',
    );
    const now = await harness.controller.stopNow();
    expect(now.phase).toBe('idle');
    expect(await stopping).toEqual(now);
    expect(now.waitingAudioMs).toBeGreaterThan(1000);
  }, 30_000);

  it('quitting during an outage does not wait out the 30 s: after a moment the unsent audio is kept on disk', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { backoffBaseMs: 30_000, backoffCapMs: 30_000 },
    });
    await harness.controller.start();
    await longOutage(harness);
    const audio = synthesizeToneCode(utterancesFor(9, 1), tone);
    for (const frame of toFrames(audio)) harness.controller.pushAudio(frame);
    const quitAt = Date.now();
    await harness.controller.dispose();
    expect(Date.now() - quitAt).toBeLessThan(10_000);
    const keptBytes = harness.waitingAudio.kept.reduce((sum, entry) => sum + entry.audio.byteLength, 0);
    expect(keptBytes).toBeGreaterThanOrEqual(audio.length * 2);
    expect(harness.controller.state()).toMatchObject({ phase: 'idle' });
  }, 30_000);
});
