import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { sessionId as sessionIdValidator } from '../../../src/shared/ipc-contract';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { speechToolsMissing } from '../../support/speech-audio';

/** Where the loud part of the audio is, in seconds: the ground truth for word timings. */
function speechSpan(
  samples: Int16Array,
  fromSecond: number,
  toSecond: number,
): { start: number; end: number } {
  const window = 160;
  let start = Number.NaN;
  let end = Number.NaN;
  for (
    let i = Math.round(fromSecond * 16000);
    i + window <= Math.min(samples.length, toSecond * 16000);
    i += window
  ) {
    let sum = 0;
    for (let j = i; j < i + window; j += 1) sum += (samples[j] as number) ** 2;
    if (Math.sqrt(sum / window) > 300) {
      if (Number.isNaN(start)) start = i / 16000;
      end = (i + window) / 16000;
    }
  }
  return { start, end };
}

describe.skipIf(speechToolsMissing !== null)(
  'session streaming through the real SDK against the emulator (needs espeak-ng and sox)',
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

    it('turns a spoken WAV sent in 20 ms frames into interim then final text at the right times', async () => {
      const first = synthesizeSpeech('Hello world, this is a test of live captions.');
      const second = synthesizeSpeech('The second sentence follows.');
      const audio = concatSamples(silence(500), first, silence(1500), second, silence(1200));
      const firstEnds = 0.5 + first.length / 16000;
      const secondStarts = firstEnds + 1.5;
      emulator.queueUtterances([
        'Hello world, this is a test of live captions.',
        'The second sentence follows.',
      ]);
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        settings: { utteranceEndMs: 1000 },
      });
      const arrivals: Array<{ id: string; isFinal: boolean; text: string; atAudioSecond: number }> = [];
      const streamStartedAt = Date.now();
      const state = await harness.controller.start();
      expect(state.phase).toBe('live');
      expect(state.credential).toBe('access-token');
      // The id is one the transcript store and the IPC contract accept.
      expect(sessionIdValidator(state.sessionId, 'sessionId')).toBe(state.sessionId);
      const seen = harness.transcript.length;
      const watcher = setInterval(() => {
        for (const event of harness.transcript.slice(seen + arrivals.length)) {
          if (event.kind !== 'segment') continue;
          arrivals.push({
            id: event.segment.id,
            isFinal: event.segment.isFinal,
            text: event.segment.text,
            atAudioSecond: (Date.now() - streamStartedAt) / 1000,
          });
        }
      }, 5);
      try {
        await pushFrames(harness.controller, toFrames(audio));
        await waitUntil(() => harness.finals().length >= 2, 5000, 'two finals');
      } finally {
        clearInterval(watcher);
      }
      const stopped = await harness.controller.stop();
      expect(stopped.phase).toBe('idle');

      const finals = harness.finals();
      expect(finals.map((segment) => segment.text)).toEqual([
        'Hello world, this is a test of live captions.',
        'The second sentence follows.',
      ]);
      // Every segment keeps its id from the first interim to its final; ids differ between utterances.
      const segments = harness.segments();
      const firstInterim = segments.findIndex((segment) => !segment.isFinal && segment.id === finals[0]?.id);
      const firstFinal = segments.findIndex((segment) => segment.isFinal && segment.id === finals[0]?.id);
      expect(firstInterim).toBeGreaterThanOrEqual(0);
      expect(firstInterim).toBeLessThan(firstFinal);
      expect(finals[0]?.id).not.toBe(finals[1]?.id);

      // Words land where the speech is, on the session timeline.
      const truthFirst = speechSpan(audio, 0, firstEnds + 0.2);
      const truthSecond = speechSpan(audio, secondStarts - 0.2, audio.length / 16000);
      expect(finals[0]?.start).toBeCloseTo(truthFirst.start, 1);
      expect(finals[0]?.end).toBeCloseTo(truthFirst.end, 1);
      expect(finals[1]?.start).toBeCloseTo(truthSecond.start, 1);
      expect(finals[1]?.end).toBeCloseTo(truthSecond.end, 1);
      for (const segment of finals) {
        for (const word of segment.words) {
          expect(word.start).toBeGreaterThanOrEqual(segment.start);
          expect(word.end).toBeLessThanOrEqual(segment.end + 1e-6);
        }
      }

      // The final of the first sentence arrives during the pause after it, not at the end of the stream.
      const firstFinalArrival = arrivals.find(
        (arrival) => arrival.isFinal && arrival.text.startsWith('Hello'),
      );
      expect(firstFinalArrival?.atAudioSecond).toBeGreaterThan(truthFirst.end);
      expect(firstFinalArrival?.atAudioSecond).toBeLessThan(secondStarts + 1);
      const firstInterimArrival = arrivals.find((arrival) => !arrival.isFinal);
      expect(firstInterimArrival?.atAudioSecond).toBeLessThan(truthFirst.end);

      // Utterance end and speech started come through on the session timeline too.
      expect(harness.transcript.some((event) => event.kind === 'speech-started')).toBe(true);
      const utteranceEnd = harness.transcript.find((event) => event.kind === 'utterance-end');
      expect(utteranceEnd?.kind === 'utterance-end' && utteranceEnd.lastWordEnd).toBeCloseTo(
        truthFirst.end,
        1,
      );

      // What reached Deepgram: the options from Settings, raw linear16 in 20 ms frames.
      const [connection] = emulator.recorder.connections;
      expect(connection?.query).toMatchObject({
        model: 'nova-3',
        encoding: 'linear16',
        sample_rate: '16000',
        channels: '1',
        interim_results: 'true',
        smart_format: 'true',
        punctuate: 'true',
        endpointing: '300',
        utterance_end_ms: '1000',
        vad_events: 'true',
      });
      expect(new Set(connection?.audio.frameSizes)).toEqual(new Set([640]));
      expect(connection?.emptyBinaryFrames).toBe(0);

      // Every final is in the store, and the session record is closed.
      const [record] = [...harness.store.sessions.values()];
      expect(record?.segments.map((segment) => segment.text)).toEqual(finals.map((segment) => segment.text));
      expect(record?.endedAt).toBeInstanceOf(Date);
    });

    it('keeps the last words when stop comes right after the audio ends', async () => {
      // Cut espeak's quiet tail: the audio ends where the voice ends, as when someone stops mid-breath.
      const spoken = synthesizeSpeech('These are the very last words.');
      const speech = spoken.subarray(0, Math.ceil(speechSpan(spoken, 0, spoken.length / 16000).end * 16000));
      emulator.queueUtterances(['These are the very last words.']);
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(concatSamples(silence(300), speech)));
      expect(harness.finals().map((segment) => segment.text)).toEqual([]);
      const stopped = await harness.controller.stop();
      expect(stopped.phase).toBe('idle');
      expect(stopped.error).toBeNull();

      expect(harness.finals().map((segment) => segment.text)).toEqual(['These are the very last words.']);
      expect(harness.storedText()).toBe('These are the very last words.');
      expect(harness.transcript.some((event) => event.kind === 'metadata')).toBe(true);
      const [connection] = emulator.recorder.connections;
      const controls = connection?.controlMessages.map((message) => message.type) ?? [];
      expect(controls.slice(-2)).toEqual(['Finalize', 'CloseStream']);
      expect(connection?.closeCode).toBe(1000);
    });

    it('stop is bounded when Deepgram does not answer CloseStream', async () => {
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { stopTimeoutMs: 800 },
      });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(silence(400)), 4);
      emulator.faults.stall(10_000);
      const stopAt = Date.now();
      const stopped = await harness.controller.stop();
      expect(Date.now() - stopAt).toBeLessThan(2000);
      expect(stopped).toMatchObject({ phase: 'idle', error: null, notice: null });
      const controls = emulator.recorder.connections[0]?.controlMessages.map((message) => message.type) ?? [];
      expect(controls.slice(-2)).toEqual(['Finalize', 'CloseStream']);
      expect([...harness.store.sessions.values()][0]?.endedAt).toBeInstanceOf(Date);
    });
  },
);
