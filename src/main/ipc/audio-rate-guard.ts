import { audioFrameLimits } from '../../shared/ipc-contract';

/**
 * Holds renderer audio to at most maxRealTimeFactor × real time. A token bucket: it starts
 * full with burstSeconds of audio (so a renderer catching up after a stall is not punished)
 * and refills at maxRealTimeFactor seconds of audio per second. A frame that does not fit is
 * dropped whole; it is never split or queued.
 */
export interface AudioRateGuard {
  /** True when the frame may pass; false when it must be dropped. */
  admit(frameBytes: number): boolean;
  droppedFrames(): number;
}

export interface AudioRateGuardOptions {
  /** Real time in bytes; a function is read at every frame (the session's format: 2 channels, twice the bytes). */
  bytesPerSecondOfAudio?: number | (() => number);
  maxRealTimeFactor?: number;
  burstSeconds?: number;
  now?: () => number;
}

/**
 * Frames queued while main was busy (a disk sync, a garbage collection) arrive together: up to
 * this much audio at once is real speech, not a flood, and must not be dropped.
 */
const defaultBurstSeconds = 5;

const realTimeBytesPerSecond =
  audioFrameLimits.sampleRate * audioFrameLimits.channels * audioFrameLimits.bytesPerSample;

export function createAudioRateGuard(options: AudioRateGuardOptions = {}): AudioRateGuard {
  const rateOption = options.bytesPerSecondOfAudio ?? realTimeBytesPerSecond;
  const bytesPerSecond = typeof rateOption === 'function' ? rateOption : () => rateOption;
  const factor = options.maxRealTimeFactor ?? audioFrameLimits.maxRealTimeFactor;
  const burstSeconds = options.burstSeconds ?? defaultBurstSeconds;
  const now = options.now ?? (() => performance.now());

  let rate = bytesPerSecond();
  let available = rate * burstSeconds;
  let lastRefill = now();
  let dropped = 0;

  return {
    admit(frameBytes) {
      const time = now();
      // A new session's format changes what a byte is worth: the bucket keeps its seconds.
      const currentRate = bytesPerSecond();
      if (currentRate !== rate) {
        available = (available * currentRate) / rate;
        rate = currentRate;
      }
      const refillPerMs = (rate * factor) / 1000;
      available = Math.min(rate * burstSeconds, available + Math.max(0, time - lastRefill) * refillPerMs);
      lastRefill = time;
      if (frameBytes <= available) {
        available -= frameBytes;
        return true;
      }
      dropped += 1;
      return false;
    },
    droppedFrames: () => dropped,
  };
}
