/**
 * Every timing knob of a session in one place, so tests can run a 10-minute session in
 * seconds and a real session keeps Deepgram's documented limits.
 */
export interface SessionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SessionTuning {
  /** Audio is sent at most this many times faster than real time (Deepgram allows 1.25). */
  replayRealTimeFactor: number;
  /** A KeepAlive text frame goes out whenever no frame was sent for this long. */
  keepAliveIntervalMs: number;
  /** Bound on the wait for the last Results and Metadata after CloseStream. */
  stopTimeoutMs: number;
  /** Bound on Stop during an outage: reconnecting and sending what is held before it gives up. */
  finishTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Audio kept while disconnected (and not yet covered by a final result). */
  bufferLimitMs: number;
  /** How long the WebSocket upgrade may take before it counts as unreachable. */
  connectTimeoutMs: number;
  random: () => number;
  now: () => number;
  timers: SessionTimers;
  /** Whether an endpoint takes Configure on an open stream (default: Deepgram's global endpoint only). */
  configureSupported?: (endpoint: string) => boolean;
}

const defaultSessionTuning: Readonly<SessionTuning> = Object.freeze({
  replayRealTimeFactor: 1.25,
  keepAliveIntervalMs: 4000,
  stopTimeoutMs: 5000,
  finishTimeoutMs: 30_000,
  backoffBaseMs: 750,
  backoffCapMs: 10_000,
  bufferLimitMs: 300_000,
  connectTimeoutMs: 10_000,
  random: Math.random,
  now: Date.now,
  timers: {
    setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
    clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
});

export function resolveTuning(partial: Partial<SessionTuning> | undefined): SessionTuning {
  return { ...defaultSessionTuning, ...partial };
}
