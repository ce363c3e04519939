/** The two ways a session uses its timers: cancel one that may not exist, and wait with a bound. */
import type { SessionTimers } from './session-tuning';

export function clearTimer(timers: SessionTimers, handle: unknown): void {
  if (handle !== null && handle !== undefined) timers.clearTimeout(handle);
}

/**
 * Resolves true when `register`'s callback is called, or false once `timeoutMs` has passed
 * (whichever comes first): a stop must end even when Deepgram never answers.
 */
export function waitFor(
  timers: SessionTimers,
  register: (resolve: () => void) => void,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const timer = timers.setTimeout(() => {
      if (!done) {
        done = true;
        resolve(false);
      }
    }, timeoutMs);
    register(() => {
      if (!done) {
        done = true;
        timers.clearTimeout(timer);
        resolve(true);
      }
    });
  });
}
