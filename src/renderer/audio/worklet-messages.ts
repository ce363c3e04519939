/** Messages between the page and the capture worklet, over the AudioWorkletNode's port. */

export const captureProcessorName = 'earshot-capture';

/** The worklet's processorOptions: 2 frames interleave channel 0 (microphone) and channel 1 (system). */
export interface CaptureProcessorOptions {
  channels: 1 | 2;
}

/** Page → worklet. `flush` ends capture: the worklet posts what it holds, then `flushed`. */
export type WorkletCommand = { type: 'flush' };

/** Worklet → page, in order: every `frame` posted before `flushed`. */
export type WorkletMessage =
  { type: 'frame'; frame: ArrayBuffer } | { type: 'level'; rms: number; peak: number } | { type: 'flushed' };
