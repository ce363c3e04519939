/**
 * Full-jitter exponential backoff: a uniform delay in [0, min(cap, base·2^(attempt-1))),
 * so many clients that lost Deepgram at the same moment do not return in lockstep.
 */
export function fullJitterDelayMs(
  attempt: number,
  options: { baseMs: number; capMs: number; random: () => number },
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(options.random() * ceiling);
}
