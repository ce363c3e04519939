/**
 * Main's power glue (src/main/power-events.ts) between an EventEmitter standing in for
 * Electron's powerMonitor and a real session on the emulator: the OS's 'resume' during an
 * outage reconnects at once (the 30 s backoff's timer is held and never runs), 'suspend'
 * finalizes. The built entry's use of the real powerMonitor is in main-entry.test.ts.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { forwardPowerEvents } from '../../../src/main/power-events';
import { heldTimers } from '../../support/held-timers';
import { createHarness, toFrames, waitUntil } from '../../support/session-test-kit';

describe('power events from the OS reach the session', () => {
  let emulator: DeepgramEmulator;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
  });
  afterAll(() => emulator.close());

  it("'suspend' finalizes what was heard; 'resume' during an outage reconnects without the backoff", async () => {
    const clock = heldTimers(10_000);
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      tuning: { backoffBaseMs: 30_000, backoffCapMs: 30_000, random: () => 0.99, timers: clock.timers },
    });
    const powerMonitor = new EventEmitter();
    const log = createMemoryLogger();
    forwardPowerEvents(powerMonitor, harness.controller, log);
    await harness.controller.start();

    const words = synthesizeToneCode([['good', 'morning']]);
    for (const frame of toFrames(words.subarray(0, words.length - 16 * 850)))
      harness.controller.pushAudio(frame);
    await waitUntil(() => (emulator.recorder.connections[0]?.audio.durationMs ?? 0) > 500, 3000, 'the audio');
    powerMonitor.emit('suspend');
    await waitUntil(() => harness.finals().length === 1, 3000, 'the final');
    expect(harness.finals()[0]?.text).toBe('Good morning.');

    emulator.faults.dropConnections();
    await waitUntil(() => clock.pending().length === 1, 3000, 'the backoff');
    powerMonitor.emit('resume');
    await waitUntil(() => harness.controller.state().phase === 'live', 3000, 'live again');
    expect(clock.ran()).toBe(0);
    await harness.controller.stop();
    expect(log.lines.filter((line) => line.includes('system '))).toHaveLength(2);
  });

  it('a failure while handling the news is logged by name, never thrown at Electron', () => {
    const powerMonitor = new EventEmitter();
    const log = createMemoryLogger();
    forwardPowerEvents(
      powerMonitor,
      {
        systemSuspending: () => {
          throw new RangeError('deep inside');
        },
        systemResumed: () => undefined,
      },
      log,
    );
    expect(() => powerMonitor.emit('suspend')).not.toThrow();
    const failure = log.lines.find((line) => line.includes('handling a power event failed'));
    expect(failure).toContain('RangeError');
    expect(failure).not.toContain('deep inside');
  });
});
