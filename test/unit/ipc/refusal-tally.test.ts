/**
 * Refused IPC messages become one summary line per channel per interval, from a bounded set
 * of buckets, and the name of a channel outside the contract is never kept.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { createRefusalTally, unknownChannelBucket } from '../../../src/main/ipc/refusal-tally';

function setup(options: { maxBuckets?: number } = {}) {
  const log = createMemoryLogger();
  let now = 0;
  const timers: Array<{ callback: () => void; at: number }> = [];
  const tally = createRefusalTally({
    log,
    intervalMs: 60_000,
    now: () => now,
    schedule: (callback, delayMs) => timers.push({ callback, at: now + delayMs }),
    ...options,
  });
  /** Moves the clock on and fires the timers that are due. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.at <= now) timer.callback();
      else timers.push(timer);
    }
  };
  const entries = () => log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { tally, log, advance, entries, timers };
}

describe('refusal tally', () => {
  it('logs nothing until the interval has passed, then one line per channel with counts by reason', () => {
    const { tally, log, advance, entries } = setup();
    for (let index = 0; index < 1_000; index += 1) tally.count('earshot:key:save', 'invalidPayload');
    tally.count('earshot:key:save', 'untrustedSender');
    tally.count('earshot:audio:frame', 'untrustedSender');
    advance(59_999);
    expect(log.lines).toEqual([]);
    advance(1);
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'ipc summary',
        channel: 'earshot:key:save',
        refused: 1_001,
        invalidPayload: 1_000,
        untrustedSender: 1,
        overSeconds: 60,
      }),
      expect.objectContaining({ channel: 'earshot:audio:frame', refused: 1, untrustedSender: 1 }),
    ]);
  });

  it('starts over after each summary and stays quiet when nothing is refused', () => {
    const { tally, log, advance, timers } = setup();
    tally.count('earshot:key:save', 'invalidPayload');
    advance(60_000);
    advance(600_000);
    expect(log.lines).toHaveLength(1);
    expect(timers).toEqual([]);
    tally.count('earshot:key:save', 'invalidPayload');
    advance(60_000);
    expect(log.lines).toHaveLength(2);
    expect(JSON.parse(log.lines[1] ?? '')).toMatchObject({ refused: 1 });
  });

  it('a summary logged early takes the counts; the old timer then logs nothing twice', () => {
    const { tally, log, advance } = setup();
    tally.count('earshot:key:save', 'invalidPayload');
    tally.flush();
    expect(log.lines).toHaveLength(1);
    advance(60_000);
    expect(log.lines).toHaveLength(1);
  });

  it('puts every channel outside the contract in one bucket that carries no name', () => {
    const { tally, log, advance } = setup();
    tally.count(null, 'unknownChannel');
    tally.count(null, 'unknownChannel');
    advance(60_000);
    expect(log.lines).toHaveLength(1);
    expect(JSON.parse(log.lines[0] ?? '')).toMatchObject({
      channel: unknownChannelBucket,
      unknownChannel: 2,
    });
  });

  it('holds a bounded number of buckets, whatever channels it is given', () => {
    const { tally, log, advance } = setup({ maxBuckets: 4 });
    for (let index = 0; index < 10_000; index += 1) tally.count(`channel-${index}`, 'invalidPayload');
    advance(60_000);
    expect(log.lines).toHaveLength(5);
    expect(JSON.parse(log.lines[4] ?? '')).toMatchObject({ channel: '(other)', refused: 9_996 });
  });

  it('lets the first few handler errors of a kind be logged each interval and counts the rest', () => {
    const { tally, log, advance, entries } = setup();
    const allowed = Array.from({ length: 10 }, () =>
      tally.shouldLogHandlerError('earshot:key:test', 'bad-key'),
    );
    expect(allowed).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(tally.shouldLogHandlerError('earshot:key:test', 'no-key')).toBe(true);
    expect(log.lines).toEqual([]);
    advance(60_000);
    expect(entries()).toEqual([
      expect.objectContaining({ channel: 'earshot:key:test', refused: 0, handlerErrorsNotLogged: 7 }),
    ]);
    // A new interval lets the kind be logged again.
    expect(tally.shouldLogHandlerError('earshot:key:test', 'bad-key')).toBe(true);
  });
});
