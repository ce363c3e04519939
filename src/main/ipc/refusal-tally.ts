/**
 * Refused IPC messages are counted, not logged one by one: a window that is taken over could
 * otherwise send refusals as fast as it can, fill the disk or roll every other line out of
 * the log. What was counted is logged as one line per channel once per interval (a minute by
 * default). Handler errors the window can repeat at will are treated alike: the first few of
 * each kind in an interval are logged by the caller, the rest only counted.
 *
 * The buckets are contract channels plus one for every channel outside the contract: the name
 * of an unknown channel was chosen by the sender and is never kept. Their number is bounded
 * all the same, in case a caller passes something else.
 */
import type { Logger } from '../core/logger';

export type RefusalReason =
  'unknownChannel' | 'untrustedSender' | 'senderCheckFailed' | 'invalidPayload' | 'refusedByHandler';

export const unknownChannelBucket = '(not in the contract)';
const overflowBucket = '(other)';
const summaryMessage = 'ipc summary';

export interface RefusalTally {
  /** channel: a contract channel, or null for a channel outside the contract. */
  count(channel: string | null, reason: RefusalReason): void;
  /**
   * True for the first few handler errors of a kind (an error code or name) on a channel in
   * each interval: the caller logs those. Later ones are counted as handlerErrorsNotLogged.
   */
  shouldLogHandlerError(channel: string, kind: string): boolean;
  /** Logs what was counted since the last summary, one line per channel, and starts over. */
  flush(): void;
}

export interface RefusalTallyOptions {
  log: Logger;
  /** How long refusals are gathered before they are logged. */
  intervalMs?: number;
  /** Starts the timer for the next summary; tests pass their own to drive time. */
  schedule?: (callback: () => void, delayMs: number) => void;
  now?: () => number;
  /** Channels counted separately; any beyond share one more bucket. */
  maxBuckets?: number;
  /** Handler errors of one kind on one channel logged per interval. */
  handlerErrorsLoggedPerInterval?: number;
}

const defaultRefusalSummaryIntervalMs = 60_000;
const maxHandlerErrorKinds = 256;

function scheduleUnref(callback: () => void, delayMs: number): void {
  // A pending summary must not keep main alive at quit.
  setTimeout(callback, delayMs).unref();
}

type Counter = RefusalReason | 'handlerErrorsNotLogged';

export function createRefusalTally(options: RefusalTallyOptions): RefusalTally {
  const { log } = options;
  const intervalMs = options.intervalMs ?? defaultRefusalSummaryIntervalMs;
  const schedule = options.schedule ?? scheduleUnref;
  const now = options.now ?? Date.now;
  const maxBuckets = options.maxBuckets ?? 64;
  const handlerErrorsLogged = options.handlerErrorsLoggedPerInterval ?? 3;
  let counts = new Map<string, Map<Counter, number>>();
  let handlerErrorsSeen = new Map<string, number>();
  let since = 0;
  let generation = 0;
  let pending = false;

  function startInterval(): void {
    if (pending) return;
    pending = true;
    since = now();
    const scheduledFor = generation;
    // A summary logged early (flush()) has already taken this timer's counts.
    schedule(() => {
      if (scheduledFor === generation) flush();
    }, intervalMs);
  }

  function add(channel: string | null, counter: Counter): void {
    startInterval();
    let name = channel ?? unknownChannelBucket;
    if (!counts.has(name) && counts.size >= maxBuckets) name = overflowBucket;
    let bucket = counts.get(name);
    if (!bucket) {
      bucket = new Map();
      counts.set(name, bucket);
    }
    bucket.set(counter, (bucket.get(counter) ?? 0) + 1);
  }

  function flush(): void {
    generation += 1;
    pending = false;
    const seconds = Math.max(0, Math.round((now() - since) / 1000));
    const summarised = counts;
    counts = new Map();
    handlerErrorsSeen = new Map();
    for (const [channel, counters] of summarised) {
      let refused = 0;
      for (const [counter, count] of counters) if (counter !== 'handlerErrorsNotLogged') refused += count;
      log.warn(summaryMessage, { channel, refused, overSeconds: seconds, ...Object.fromEntries(counters) });
    }
  }

  return {
    count(channel, reason) {
      add(channel, reason);
    },
    shouldLogHandlerError(channel, kind) {
      startInterval();
      const key = `${channel}\u0000${kind}`;
      const seen =
        handlerErrorsSeen.get(key) ?? (handlerErrorsSeen.size < maxHandlerErrorKinds ? 0 : undefined);
      if (seen !== undefined && seen < handlerErrorsLogged) {
        handlerErrorsSeen.set(key, seen + 1);
        return true;
      }
      add(channel, 'handlerErrorsNotLogged');
      return false;
    },
    flush,
  };
}
