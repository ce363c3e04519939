/** Messages between the page and the capture worklet, over the AudioWorkletNode's port. */

export const captureProcessorName = 'earshot-capture';

/** Page → worklet. `flush` ends capture: the worklet posts what it holds, then `flushed`. */
export type WorkletCommand = { type: 'flush' };

/** Worklet → page, in order: every `frame` posted before `flushed`. */
export type WorkletMessage =
  { type: 'frame'; frame: ArrayBuffer } | { type: 'level'; rms: number; peak: number } | { type: 'flushed' };
