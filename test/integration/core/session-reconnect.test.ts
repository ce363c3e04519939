import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startDeepgramEmulator,
  synthesizeToneCode,
  toneCodeVocabulary,
  type DeepgramEmulator,
} from '../../../emulator/index';
import {
  concatSamples,
  createHarness,
  frameMs,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { seededRandom } from '../../support/seeded-random';
import { speechToolsMissing } from '../../support/speech-audio';

const tone = { wordMs: 200, gapMs: 80, utteranceGapMs: 900, leadMs: 200 };

/** The words of tone-code utterances with where synthesizeToneCode puts them, in session seconds. */
function concatBytes(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}

function toneGroundTruth(utterances: string[][], offsetSeconds = 0): Array<{ word: string; start: number }> {
  const truth: Array<{ word: string; start: number }> = [];
  let cursor = tone.leadMs;
  for (const words of utterances) {
    words.forEach((word, index) => {
      truth.push({ word, start: offsetSeconds + cursor / 1000 });
      cursor += tone.wordMs + (index < words.length - 1 ? tone.gapMs : 0);
    });
    cursor += tone.utteranceGapMs;
  }
  return truth;
}

function randomUtterances(random: () => number, totalSeconds: number): string[][] {
  const utterances: string[][] = [];
  let seconds = tone.leadMs / 1000;
  while (seconds < totalSeconds) {
    const count = 2 + Math.floor(random() * 10);
    const words = Array.from(
      { length: count },
      () => toneCodeVocabulary[Math.floor(random() * toneCodeVocabulary.length)] as string,
    );
    utterances.push(words);
    seconds += (count * tone.wordMs + (count - 1) * tone.gapMs + tone.utteranceGapMs) / 1000;
  }
  return utterances;
}

describe.skipIf(speechToolsMissing !== null)(
  'reconnection with audio replay (tone-code ground truth) (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
    });
    afterAll(() => emulator.close());
    afterEach(() => {
      emulator.faults.reset();
      emulator.recorder.clear();
    });

    const finalWords = (harness: ReturnType<typeof createHarness>) =>
      harness
        .finals()
        .flatMap((segment) => segment.words.map((word) => ({ word: word.word, start: word.start })));

    it('replays a 2-minute outage from the buffer, paced, on a continuous timeline', async () => {
      const random = seededRandom(7);
      const before = randomUtterances(random, 10);
      const during = randomUtterances(random, 120);
      const beforeAudio = synthesizeToneCode(before);
      const duringAudio = synthesizeToneCode(during);
      const factor = 40;
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { replayRealTimeFactor: factor },
      });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(beforeAudio), 20);
      await waitUntil(() => harness.finals().length === before.length, 5000, 'the finals before the outage');

      emulator.faults.refuseHandshakes(10_000, 503);
      emulator.faults.dropConnections();
      await waitUntil(() => harness.controller.state().phase === 'reconnecting', 5000, 'reconnecting');
      await pushFrames(harness.controller, toFrames(duringAudio), 200);
      const offline = harness.controller.state();
      expect(offline.phase).toBe('reconnecting');
      expect(offline.reconnectAttempt).toBeGreaterThan(1);
      expect(offline.bufferedAudioMs).toBeGreaterThanOrEqual(120_000);
      expect(offline.waitingAudioMs).toBe(0);
      expect(
        harness.states.some((state) => state.phase === 'reconnecting' && state.reconnectAttempt >= 2),
      ).toBe(true);

      emulator.faults.reset();
      await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live again');
      await waitUntil(() => harness.controller.state().bufferedAudioMs === 0, 15_000, 'the replay');
      await harness.controller.stop();

      // The outage audio follows the first part on the session timeline.
      const expected = [...toneGroundTruth(before), ...toneGroundTruth(during, beforeAudio.length / 16000)];
      const got = finalWords(harness);
      expect(got.map((word) => word.word)).toEqual(expected.map((word) => word.word));
      got.forEach((word, index) => expect(word.start).toBeCloseTo(expected[index]?.start ?? -1, 1));

      // The replay connection never ran faster than the replay factor allows.
      const replay = emulator.recorder.connections
        .filter((connection) => connection.handshakeStatus === 101)
        .at(-1);
      const seconds = ((replay?.closedAt ?? Date.now()) - (replay?.openedAt ?? 0)) / 1000;
      expect(replay?.audio.durationMs ?? 0).toBeLessThanOrEqual(factor * seconds * 1000 + 500);
    });

    it('puts the oldest audio beyond the buffer on disk, in order, and says how much waits there', async () => {
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { bufferLimitMs: 2000, replayRealTimeFactor: 40 },
      });
      await harness.controller.start();
      emulator.faults.refuseHandshakes(10_000, 503);
      emulator.faults.dropConnections();
      await waitUntil(() => harness.controller.state().phase === 'reconnecting', 5000, 'reconnecting');
      const audio = silence(5000);
      audio.forEach((_, index) => (audio[index] = (index % 97) - 48));
      for (const frame of toFrames(audio)) harness.controller.pushAudio(frame);
      expect(harness.controller.state().bufferedAudioMs).toBe(2000);
      emulator.faults.reset();
      const stopped = await harness.controller.stop();
      // Said after Stop, so the person knows those seconds are transcribed later.
      expect(stopped.waitingAudioMs).toBeGreaterThanOrEqual(3000);
      // What left memory is on disk in contiguous stretches of the session's timeline, ending
      // with the first 3 s of what was said during the outage.
      const kept = harness.waitingAudio.kept;
      kept.slice(1).forEach((entry, index) => {
        const previous = kept[index]!;
        expect(entry.offsetBytes).toBe(previous.offsetBytes + previous.audio.byteLength);
      });
      const keptBytes = concatBytes(kept.map((entry) => entry.audio));
      expect(keptBytes.byteLength).toBeGreaterThanOrEqual(3000 * 32);
      const threeSeconds = new Uint8Array(audio.buffer, audio.byteOffset, 3000 * 32);
      expect(
        Buffer.from(keptBytes.subarray(-threeSeconds.byteLength)).equals(Buffer.from(threeSeconds)),
      ).toBe(true);
      expect(harness.controller.state().unkeptAudioMs).toBe(0);
    });

    it('a 10-minute session with 20 random cuts ends with the ground truth, word for word, no duplicates', async () => {
      const random = seededRandom(2026);
      const utterances = randomUtterances(random, 600);
      const audio = synthesizeToneCode(utterances);
      expect(audio.length / 16000).toBeGreaterThanOrEqual(600);
      const frames = toFrames(audio);
      const cutFrames = new Set<number>();
      while (cutFrames.size < 20) cutFrames.add(50 + Math.floor(random() * frames.length * 0.85));
      const cutKinds = [
        () => emulator.faults.dropConnections(),
        () => emulator.faults.closeConnections(1011, 'NET-0000'),
        () => emulator.faults.closeConnections(1012, 'restart'),
        () => {
          emulator.faults.refuseHandshakes(2, 429);
          emulator.faults.dropConnections();
        },
        () => {
          emulator.faults.refuseHandshakes(1, 503);
          emulator.faults.closeConnections(1013, 'try again later');
        },
      ];
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        // The emulator decodes tones on the CPU this test shares with others; when it falls minutes
        // behind, the default 5-minute bound would rightly evict sent audio it has not finalized.
        // That accounting has its own tests; here the subject is replay, so hold the whole session.
        tuning: { replayRealTimeFactor: 80, random, bufferLimitMs: 15 * 60_000 },
      });
      await harness.controller.start();
      let cutNumber = 0;
      let cutsDue = 0;
      await pushFrames(harness.controller, frames, 40, async (index) => {
        if (cutFrames.has(index)) cutsDue += 1;
        // A cut only means something on a live connection: one due while reconnecting waits.
        if (cutsDue === 0 || harness.controller.state().phase !== 'live') return;
        (cutKinds[cutNumber % cutKinds.length] as () => void)();
        cutsDue -= 1;
        cutNumber += 1;
        // Let the close arrive, so the next cut hits the next connection.
        await waitUntil(() => harness.controller.state().phase !== 'live', 5000, `cut ${cutNumber} to land`);
      });
      await waitUntil(() => harness.controller.state().phase === 'live', 10_000, 'live at the end');
      // A cut that fell due in the last frames, while reconnecting, lands on the replay.
      for (; cutsDue > 0; cutsDue -= 1) {
        (cutKinds[cutNumber % cutKinds.length] as () => void)();
        cutNumber += 1;
        await waitUntil(() => harness.controller.state().phase !== 'live', 5000, `cut ${cutNumber} to land`);
        await waitUntil(() => harness.controller.state().phase === 'live', 10_000, 'live after the last cut');
      }
      await waitUntil(() => harness.controller.state().bufferedAudioMs === 0, 10_000, 'the last replay');
      await harness.controller.stop();

      expect(cutNumber).toBe(20);
      expect(Math.max(...harness.states.map((state) => state.waitingAudioMs + state.unkeptAudioMs))).toBe(0);
      const accepted = emulator.recorder.connections.filter(
        (connection) => connection.handshakeStatus === 101,
      );
      expect(accepted.length).toBeGreaterThanOrEqual(21);
      const expected = toneGroundTruth(utterances);
      const got = finalWords(harness);
      expect(got.map((word) => word.word)).toEqual(expected.map((word) => word.word));
      // One continuous timeline: every word where the audio put it.
      const misplaced = got.filter(
        (word, index) => Math.abs(word.start - (expected[index]?.start ?? -99)) > 0.05,
      );
      expect(misplaced).toEqual([]);
      // Stored exactly once each, in order, with stable, unique segment ids.
      const [record] = [...harness.store.sessions.values()];
      expect(record?.segments.flatMap((segment) => segment.words.map((word) => word.word))).toEqual(
        expected.map((word) => word.word),
      );
      const ids = record?.segments.map((segment) => segment.id) ?? [];
      expect(new Set(ids).size).toBe(ids.length);
    }, 120_000);
  },
);

describe.skipIf(speechToolsMissing !== null)(
  'reconnection with audio replay (spoken audio) (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());
    afterEach(() => {
      emulator.faults.reset();
      emulator.recorder.clear();
    });

    it('a cut in the middle of an utterance still yields the whole utterance, once', async () => {
      const text = 'Every word of this sentence survives the cut.';
      const speech = synthesizeSpeech(text);
      emulator.queueUtterances([text]);
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { replayRealTimeFactor: 4 },
      });
      await harness.controller.start();
      const frames = toFrames(concatSamples(silence(300), speech, silence(800)));
      const middle = Math.round((300 + speech.length / 32) / frameMs);
      await pushFrames(harness.controller, frames, 2, (index) => {
        if (index === middle) emulator.faults.dropConnections();
      });
      await waitUntil(() => harness.finals().length > 0, 5000, 'the final');
      await harness.controller.stop();

      expect(harness.states.some((state) => state.phase === 'reconnecting')).toBe(true);
      const [first, second] = emulator.recorder.connections;
      expect(first?.results.some((result) => !result.isFinal && result.transcript !== '')).toBe(true);
      expect(first?.results.some((result) => result.isFinal && result.transcript !== '')).toBe(false);
      expect(second?.audio.durationMs).toBeGreaterThan(speech.length / 16);
      expect(harness.finals().map((segment) => segment.text)).toEqual([text]);
      expect(harness.storedText()).toBe(text);
      // The interim shown before the cut is replaced by the final (same id), not left beside it.
      const interimIds = new Set(
        harness
          .segments()
          .filter((s) => !s.isFinal)
          .map((s) => s.id),
      );
      expect([...interimIds]).toEqual([harness.finals()[0]?.id]);
      // On the session timeline the words sit where the speech was, not at the replay's 0 s.
      expect(harness.finals()[0]?.start).toBeGreaterThan(0.25);
      expect(harness.finals()[0]?.start).toBeLessThan(0.6);
    });

    it('keeps backing off when every new connection drops at once, and counts attempts for the UI', async () => {
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
      // A short backoff can make 'reconnecting' last less than one poll, so wait on the
      // states the controller emitted rather than on the current one.
      const reachedAttempt = (attempt: number) =>
        harness.states.some((state) => state.phase === 'reconnecting' && state.reconnectAttempt === attempt);
      try {
        await harness.controller.start();
        for (let drop = 1; drop <= 4; drop += 1) {
          await waitUntil(
            () => harness.controller.state().phase === 'live',
            5000,
            `live before drop ${drop}`,
          );
          emulator.faults.dropConnections();
          await waitUntil(() => reachedAttempt(drop), 5000, `reconnecting ${drop}`);
        }
        await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live at the end');
        await harness.controller.stop();
      } finally {
        await harness.controller.dispose();
      }
      const attempts = harness.states
        .filter((state) => state.phase === 'reconnecting')
        .map((state) => state.reconnectAttempt)
        .filter((attempt, index, all) => attempt !== all[index - 1]);
      expect(attempts).toEqual([1, 2, 3, 4]);
    });

    it('stop during an outage connects at once and still transcribes the buffered words', async () => {
      const text = 'Spoken while the network was down.';
      const speech = synthesizeSpeech(text);
      emulator.queueUtterances([text]);
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        // The next scheduled attempt is far away: only stop's own attempt can deliver the words.
        tuning: { replayRealTimeFactor: 4, backoffBaseMs: 30_000, backoffCapMs: 30_000, random: () => 0.99 },
      });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(silence(300)), 4);
      emulator.faults.dropConnections();
      await waitUntil(() => harness.controller.state().phase === 'reconnecting', 5000, 'reconnecting');
      for (const frame of toFrames(concatSamples(speech, silence(100)))) harness.controller.pushAudio(frame);
      expect(harness.controller.state().bufferedAudioMs).toBeGreaterThan(1000);
      const startedStopping = Date.now();
      const stopped = await harness.controller.stop();
      expect(Date.now() - startedStopping).toBeLessThan(5000);
      expect(stopped).toMatchObject({ phase: 'idle', notice: null });
      expect(harness.finals().map((segment) => segment.text)).toEqual([text]);
      expect(
        emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101),
      ).toHaveLength(2);
    });
  },
);
