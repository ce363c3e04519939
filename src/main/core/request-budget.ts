/**
 * Token buckets for the requests a window can make main repeat at some cost: each key check
 * sends the key over the network, each session start opens a connection. A taken-over window
 * could otherwise loop them; people never come close to these limits.
 */
import { EarshotError } from '../../shared/user-facing-error';

export interface RequestBudget {
  /** Spends one request, or throws EarshotError('rate-limited') saying when to try again. */
  spend(): void;
}

export interface RequestBudgetOptions {
  /** Requests allowed in a burst. */
  capacity: number;
  /** One request comes back every this many milliseconds. */
  refillEveryMs: number;
  /** What is being limited, as in "Too many {what}." */
  what: string;
  now: () => number;
}

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const { capacity, refillEveryMs, now } = options;
  let tokens = capacity;
  let updatedAt = now();

  function refill(): void {
    const time = now();
    const earned = (time - updatedAt) / refillEveryMs;
    tokens = Math.min(capacity, tokens + earned);
    updatedAt = time;
  }

  return {
    spend() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      const waitSeconds = Math.max(1, Math.ceil(((1 - tokens) * refillEveryMs) / 1000));
      throw new EarshotError(
        'rate-limited',
        `Too many ${options.what} in a short time. Try again in ${waitSeconds} ${waitSeconds === 1 ? 'second' : 'seconds'}.`,
      );
    },
  };
}

/** What a person needs, with room to spare; a loop hits the wall within a few calls. */
export const requestBudgets = {
  keyChecks: { capacity: 6, refillEveryMs: 10_000, what: 'key checks' },
  sessionStarts: { capacity: 12, refillEveryMs: 2_000, what: 'session starts' },
  /** The network comes back a few times an hour; each time may cut one backoff wait short. */
  networkNews: { capacity: 3, refillEveryMs: 20_000, what: 'network reports' },
  /** Each export opens a save dialog: a person exports a few in a row, a loop meets the wall. */
  exports: { capacity: 6, refillEveryMs: 5_000, what: 'exports' },
  /** A search per keystroke (the window waits for a pause in typing); each is one indexed query. */
  historySearches: { capacity: 20, refillEveryMs: 100, what: 'searches' },
  /** Each change rewrites the settings file: a person flips a few switches, a loop meets the wall. */
  settingsChanges: { capacity: 60, refillEveryMs: 100, what: 'settings changes' },
  /** Renames, deletions and restores each write to disk. */
  historyChanges: { capacity: 20, refillEveryMs: 500, what: 'changes to History' },
} as const satisfies Record<string, Omit<RequestBudgetOptions, 'now'>>;
