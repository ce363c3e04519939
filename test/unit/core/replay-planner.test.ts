import { describe, expect, it } from 'vitest';
import { ReplayPlanner } from '../../../src/main/core/session/replay-planner';

const second = 32_000;

describe('ReplayPlanner', () => {
  it('plans no replay for the first connection, nor for one with nothing to send', () => {
    const planner = new ReplayPlanner();
    expect(planner.planFor(0, 4 * second, 4 * second)).toBeNull();
    expect(planner.planFor(0, 0, 4 * second)).toBeNull();
  });

  it('after a drop, replays up to the end held, with one Finalize after it', () => {
    const planner = new ReplayPlanner();
    planner.planFor(0, 0, 0);
    planner.dropped(true, second);
    expect(planner.planFor(second, 3 * second, 4 * second)).toEqual({
      untilPosition: 4 * second,
      finalizeEveryBytes: null,
    });
  });

  it('a replay from the same point as the last one finalizes every second, then every 500 ms', () => {
    const planner = new ReplayPlanner();
    planner.planFor(0, 0, 0);
    planner.dropped(false, 0);
    expect(planner.planFor(0, 3 * second, 3 * second)?.finalizeEveryBytes).toBeNull();
    planner.dropped(false, 0);
    expect(planner.planFor(0, 4 * second, 4 * second)?.finalizeEveryBytes).toBe(second);
    planner.dropped(false, 0);
    expect(planner.planFor(0, 5 * second, 5 * second)?.finalizeEveryBytes).toBe(second / 2);
    planner.dropped(false, 0);
    expect(planner.planFor(0, 6 * second, 6 * second)?.finalizeEveryBytes).toBe(second / 2);
  });

  it('keeps finalizing often after progress while connections keep dying young, and stops once one stays up', () => {
    const planner = new ReplayPlanner();
    planner.planFor(0, 0, 0);
    planner.dropped(false, 0);
    planner.planFor(0, 3 * second, 3 * second);
    planner.dropped(false, 0);
    expect(planner.planFor(0, 4 * second, 4 * second)?.finalizeEveryBytes).toBe(second);
    // Progress (the start moved to 2 s), but the connection died young: still finalizing often.
    expect(planner.dropped(false, 2 * second)).toBe(true);
    expect(planner.planFor(2 * second, 3 * second, 5 * second)?.finalizeEveryBytes).toBe(second);
    // This one stayed up: back to one Finalize after the replay.
    expect(planner.dropped(true, 2 * second)).toBe(true);
    expect(planner.planFor(3 * second, 2 * second, 5 * second)?.finalizeEveryBytes).toBeNull();
  });

  it('says a connection was worth having when it stayed up or some of its audio became final', () => {
    const planner = new ReplayPlanner();
    planner.planFor(second, 0, second);
    expect(planner.dropped(false, second)).toBe(false);
    planner.planFor(second, second, 2 * second);
    expect(planner.dropped(false, 1.5 * second)).toBe(true);
    planner.planFor(1.5 * second, second, 2 * second);
    expect(planner.dropped(true, 1.5 * second)).toBe(true);
  });
});
