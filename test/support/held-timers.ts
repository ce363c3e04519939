/**
 * Session timers for tests where a long wait must visibly not happen: timers shorter than
 * `holdFromMs` run in real time (pacing, small waits), longer ones (a backoff) are held and
 * run only if the test advances them. A reconnection that happens while its backoff timer
 * is still held, or was cancelled, did not wait for it.
 */
import type { SessionTuning } from '../../src/main/core/session';

interface HeldTimer {
  id: number;
  ms: number;
  callback: () => void;
}

export interface HeldTimers {
  timers: SessionTuning['timers'];
  /** Delays of the long timers scheduled and neither run nor cancelled. */
  pending(): number[];
  /** Every long delay ever scheduled, in order. */
  scheduled(): number[];
  /** How many long timers ran (only advance() runs them). */
  ran(): number;
  /** Runs every held timer now, as if their time had passed. */
  advance(): void;
}

export function heldTimers(holdFromMs: number): HeldTimers {
  const held = new Map<number, HeldTimer>();
  const real = new Map<number, ReturnType<typeof setTimeout>>();
  const scheduled: number[] = [];
  let nextId = 1;
  let ranCount = 0;
  return {
    timers: {
      setTimeout(callback, ms) {
        const id = nextId++;
        if (ms < holdFromMs) {
          real.set(
            id,
            setTimeout(() => {
              real.delete(id);
              callback();
            }, ms),
          );
        } else {
          held.set(id, { id, ms, callback });
          scheduled.push(ms);
        }
        return id;
      },
      clearTimeout(handle) {
        if (typeof handle !== 'number') return;
        held.delete(handle);
        const timer = real.get(handle);
        if (timer !== undefined) clearTimeout(timer);
        real.delete(handle);
      },
    },
    pending: () => [...held.values()].map((timer) => timer.ms),
    scheduled: () => [...scheduled],
    ran: () => ranCount,
    advance() {
      for (const timer of [...held.values()]) {
        held.delete(timer.id);
        ranCount += 1;
        timer.callback();
      }
    },
  };
}
