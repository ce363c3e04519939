/**
 * Issue 14, item 4: sleep and network news. The backoff here is 30 s and its timers are held
 * (test/support/held-timers.ts): they never run, so a reconnection that happens at all
 * happened without waiting one out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { heldTimers, type HeldTimers } from '../../support/held-timers';
import { createHarness, sleep, silence, toFrames, waitUntil } from '../../support/session-test-kit';

const backoffMs = 30_000;

describe('suspend, resume and network online', () => {
  let emulator: DeepgramEmulator;
  let clock: HeldTimers;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  function session() {
    clock = heldTimers(10_000);
    return createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: {
        backoffBaseMs: backoffMs,
        backoffCapMs: backoffMs,
        random: () => 0.99,
        keepAliveIntervalMs: 1000,
        stopTimeoutMs: 3000,
        replayRealTimeFactor: 20,
        timers: clock.timers,
      },
    });
  }

  const accepted = () =>
    emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);

  async function dropAndWaitForBackoff(harness: ReturnType<typeof session>): Promise<void> {
    emulator.faults.dropConnections();
    await waitUntil(() => harness.controller.state().phase === 'reconnecting', 5000, 'reconnecting');
    await waitUntil(() => clock.pending().length === 1, 2000, 'the backoff timer');
    expect(clock.pending()[0]).toBeGreaterThan(backoffMs * 0.9);
  }

  it('network online: a reconnection waiting out its backoff goes at once and replays the outage', async () => {
    const harness = session();
    await harness.controller.start();
    await dropAndWaitForBackoff(harness);
    for (const frame of toFrames(silence(1000))) harness.controller.pushAudio(frame);
    // Nothing happens by itself: the next attempt is 30 s away.
    await sleep(300);
    expect(accepted()).toHaveLength(1);

    const onlineAt = Date.now();
    harness.controller.networkOnline();
    await waitUntil(() => harness.controller.state().phase === 'live', 3000, 'live again');
    expect(Date.now() - onlineAt).toBeLessThan(3000);
    expect(clock.ran()).toBe(0);
    expect(clock.pending()).toEqual([]);
    expect(accepted()).toHaveLength(2);
    await waitUntil(() => harness.controller.state().bufferedAudioMs === 0, 3000, 'the replay');
    // Sent is not yet received: the emulator counts the frames as they arrive.
    await waitUntil(() => (accepted()[1]?.audio.durationMs ?? 0) >= 1000, 3000, 'the replay to arrive');
    await harness.controller.stop();
  });

  it('network online while connected, or repeated, opens no connection', async () => {
    const harness = session();
    await harness.controller.start();
    for (let news = 0; news < 200; news += 1) harness.controller.networkOnline();
    await sleep(300);
    expect(accepted()).toHaveLength(1);
    expect(harness.controller.state().phase).toBe('live');
    expect(harness.states.some((state) => state.phase === 'reconnecting')).toBe(false);

    // During an outage the first piece of news lets the waiting attempt go; the rest find
    // nothing waiting (the attempt succeeded) and do nothing.
    await dropAndWaitForBackoff(harness);
    for (let news = 0; news < 200; news += 1) harness.controller.networkOnline();
    await waitUntil(() => harness.controller.state().phase === 'live', 3000, 'live again');
    await sleep(300);
    expect(accepted()).toHaveLength(2);
    expect(emulator.recorder.connections).toHaveLength(2);
    await harness.controller.stop();
  });

  it('resume replaces a connection that looks alive at once, and replays what was not finalized', async () => {
    const harness = session();
    await harness.controller.start();
    const words = synthesizeToneCode([['alpha', 'bravo']]);
    // The utterance without its closing silence: nothing final yet when the machine sleeps.
    const spoken = words.subarray(0, words.length - 16 * 850);
    for (const frame of toFrames(spoken)) harness.controller.pushAudio(frame);
    await waitUntil(() => (accepted()[0]?.audio.durationMs ?? 0) >= spoken.length / 16, 3000, 'the audio');
    expect(harness.finals()).toEqual([]);

    harness.controller.systemResumed();
    await waitUntil(() => accepted().length === 2, 3000, 'the new connection');
    await waitUntil(() => harness.controller.state().phase === 'live', 3000, 'live again');
    expect(accepted()[0]?.closedAt).not.toBeNull();
    expect(clock.ran()).toBe(0);
    expect(harness.states.filter((state) => state.phase === 'reconnecting').at(-1)?.reconnectAttempt).toBe(1);
    // The new connection heard the unfinalized utterance again, and the words arrive once.
    for (const frame of toFrames(silence(1200))) harness.controller.pushAudio(frame);
    await waitUntil(() => harness.finals().length === 1, 5000, 'the final');
    await harness.controller.stop();
    expect(harness.finals().map((segment) => segment.text)).toEqual(['Alpha bravo.']);
    expect(harness.storedText()).toBe('Alpha bravo.');
  });

  it('resume during an outage reconnects at once instead of waiting out the backoff', async () => {
    const harness = session();
    await harness.controller.start();
    await dropAndWaitForBackoff(harness);
    harness.controller.systemResumed();
    await waitUntil(() => harness.controller.state().phase === 'live', 3000, 'live again');
    expect(clock.ran()).toBe(0);
    expect(clock.pending()).toEqual([]);
    expect(accepted()).toHaveLength(2);
    await harness.controller.stop();
  });

  it('suspend asks Deepgram to finalize what it heard, and the session stays on', async () => {
    const harness = session();
    await harness.controller.start();
    const words = synthesizeToneCode([['hello', 'world']]);
    const spoken = words.subarray(0, words.length - 16 * 850);
    for (const frame of toFrames(spoken)) harness.controller.pushAudio(frame);
    await waitUntil(() => (accepted()[0]?.audio.durationMs ?? 0) >= spoken.length / 16, 3000, 'the audio');
    expect(harness.finals()).toEqual([]);

    harness.controller.systemSuspending();
    await waitUntil(() => harness.finals().length === 1, 3000, 'the final');
    expect(harness.finals()[0]?.text).toBe('Hello world.');
    expect(accepted()[0]?.controlMessages.map((message) => message.type)).toContain('Finalize');
    expect(harness.controller.state().phase).toBe('live');
    expect(accepted()).toHaveLength(1);
    await harness.controller.stop();
  });

  it('after stop, suspend, resume and network news do nothing', async () => {
    const harness = session();
    await harness.controller.start();
    await harness.controller.stop();
    const statesBefore = harness.states.length;
    harness.controller.systemSuspending();
    harness.controller.systemResumed();
    harness.controller.networkOnline();
    await sleep(200);
    expect(accepted()).toHaveLength(1);
    expect(harness.states).toHaveLength(statesBefore);
    expect(harness.controller.state().phase).toBe('idle');
  });
});
