import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startDeepgramEmulator,
  type DeepgramEmulator,
  type RecordedConnection,
} from '../../../emulator/index';
import {
  createHarness,
  sleep,
  silence,
  synthesizeSpeech,
  concatSamples,
  pushFrames,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { speechToolsMissing } from '../../support/speech-audio';

const keepAliveIntervalMs = 400;
/** Timers on a loaded test machine fire late; production allows 4 s against a 5 s need. */
const timerSlackMs = 300;

/** Longest stretch without any frame from the client (audio or text) between two instants. */
function longestSilentGap(connection: RecordedConnection, from: number, to: number): number {
  const times = connection.controlMessages
    .map((message) => message.at)
    .filter((at) => at >= from && at <= to);
  const points = [from, ...times, to].sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < points.length; i += 1)
    longest = Math.max(longest, (points[i] as number) - (points[i - 1] as number));
  return longest;
}

describe.skipIf(speechToolsMissing !== null)('keep-alive and pause (needs espeak-ng and sox)', () => {
  let emulator: DeepgramEmulator;
  beforeAll(async () => {
    // Deepgram closes after 10 s without a frame; a short idle timeout shows the same in 1.5 s.
    emulator = await startDeepgramEmulator({ idleTimeoutMs: 1500 });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  it('sends KeepAlive text frames while paused, never an empty binary frame, and never reconnects', async () => {
    const text = 'Words before the pause.';
    emulator.queueUtterances([text]);
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { keepAliveIntervalMs },
    });
    await harness.controller.start();
    await pushFrames(harness.controller, toFrames(concatSamples(silence(200), synthesizeSpeech(text))), 2);
    expect(harness.controller.setPaused(true).phase).toBe('paused');
    const pausedAt = Date.now();
    // Pausing finalizes what was said, so it does not hang as an interim while nothing flows.
    await waitUntil(() => harness.finals().length === 1, 3000, 'the final at pause');
    expect(harness.finals()[0]?.text).toBe(text);
    // Audio pushed while paused is not sent.
    for (const frame of toFrames(silence(500))) harness.controller.pushAudio(frame);
    await sleep(3000);
    const resumedAt = Date.now();
    expect(harness.controller.setPaused(false).phase).toBe('live');
    await pushFrames(harness.controller, toFrames(silence(300)), 2);
    await harness.controller.stop();

    expect(emulator.recorder.connections).toHaveLength(1);
    const [connection] = emulator.recorder.connections as [RecordedConnection];
    const keepAlives = connection.controlMessages.filter(
      (message) => message.type === 'KeepAlive' && message.at >= pausedAt && message.at <= resumedAt,
    );
    expect(keepAlives.length).toBeGreaterThanOrEqual(5);
    expect(longestSilentGap(connection, pausedAt + keepAliveIntervalMs, resumedAt)).toBeLessThanOrEqual(
      keepAliveIntervalMs + timerSlackMs,
    );
    expect(connection.emptyBinaryFrames).toBe(0);
    expect(connection.closeCode).toBe(1000);
    expect(harness.states.some((state) => state.phase === 'reconnecting')).toBe(false);
    const sentMs = connection.audio.durationMs;
    expect(sentMs).toBeLessThan(200 + 2000 + 300 + 100);
  });

  it('keeps the connection alive when audio simply stops arriving', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { keepAliveIntervalMs },
    });
    await harness.controller.start();
    await pushFrames(harness.controller, toFrames(silence(200)), 2);
    const quietFrom = Date.now();
    await sleep(3000);
    expect(harness.controller.state().phase).toBe('live');
    await harness.controller.stop();
    const [connection] = emulator.recorder.connections as [RecordedConnection];
    expect(emulator.recorder.connections).toHaveLength(1);
    expect(
      connection.controlMessages.filter((message) => message.type === 'KeepAlive').length,
    ).toBeGreaterThanOrEqual(5);
    expect(
      longestSilentGap(connection, quietFrom + keepAliveIntervalMs, quietFrom + 3000),
    ).toBeLessThanOrEqual(keepAliveIntervalMs + timerSlackMs);
    expect(connection.closeCode).toBe(1000);
    expect(connection.emptyBinaryFrames).toBe(0);
  });

  it('a lost device keeps the session on with a notice', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { keepAliveIntervalMs },
    });
    await harness.controller.start();
    harness.controller.reportCaptureProblem('device-lost');
    expect(harness.controller.state()).toMatchObject({
      phase: 'live',
      notice: expect.stringMatching(/microphone was disconnected/),
    });
    await sleep(1000);
    expect(emulator.recorder.connections).toHaveLength(1);
    harness.controller.reportCaptureProblem('microphone-denied');
    await waitUntil(() => harness.controller.state().phase === 'error', 5000, 'the error state');
    expect(harness.controller.state().error?.code).toBe('microphone-denied');
    expect(emulator.recorder.connections[0]?.closeCode).toBe(1000);
  });
});

describe.skipIf(speechToolsMissing !== null)(
  'keep-alive when Deepgram wants audio before it counts KeepAlive (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator({ idleTimeoutMs: 1500, strictKeepAlive: true });
    });
    afterAll(() => emulator.close());

    it('a session paused before any audio stays on one connection', async () => {
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { keepAliveIntervalMs },
      });
      await harness.controller.start();
      harness.controller.setPaused(true);
      await sleep(3000);
      expect(harness.controller.state().phase).toBe('paused');
      harness.controller.setPaused(false);
      await harness.controller.stop();
      expect(emulator.recorder.connections).toHaveLength(1);
      const [connection] = emulator.recorder.connections as [RecordedConnection];
      expect(connection.audio.frameSizes).toEqual([640]);
      expect(connection.closeCode).toBe(1000);
      expect(connection.emptyBinaryFrames).toBe(0);
    });
  },
);
