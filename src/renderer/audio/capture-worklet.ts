/**
 * AudioWorklet processor: mixes the input to mono (or, for "both", keeps its two channels
 * apart), resamples to 16 kHz Int16 and posts 20 ms frames (transferred, not copied) plus
 * level readings to the page.
 *
 * Vite bundles this file on its own (imported with `?worker&url`), so it must not rely on
 * anything the AudioWorkletGlobalScope lacks: no `self`, no DOM, no timers.
 */
import { InterleavedFramePipeline, measureLevel, PcmFramePipeline } from './pcm-framer';
import {
  captureProcessorName,
  type CaptureProcessorOptions,
  type WorkletCommand,
  type WorkletMessage,
} from './worklet-messages';

// The AudioWorkletGlobalScope is not in TypeScript's DOM library.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: { processorOptions?: CaptureProcessorOptions }) => AudioWorkletProcessor,
): void;

/** About 50 ms of input between level readings: smooth enough for a meter. */
const levelIntervalSeconds = 0.05;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly pipeline: PcmFramePipeline | InterleavedFramePipeline;
  private readonly levelBlock = new Float32Array(Math.round(sampleRate * levelIntervalSeconds));
  private levelFill = 0;
  private mono = new Float32Array(128);
  private ended = false;

  constructor(options: { processorOptions?: CaptureProcessorOptions }) {
    super();
    const channels = options.processorOptions?.channels ?? 1;
    this.pipeline =
      channels === 2 ? new InterleavedFramePipeline(sampleRate, 2) : new PcmFramePipeline(sampleRate);
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => {
      if (event.data.type === 'flush' && !this.ended) {
        this.ended = true;
        this.post(this.pipeline.flush());
        this.send({ type: 'flushed' });
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.ended) return false;
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const length = channels[0]!.length;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    const mono = this.mono;
    mono.fill(0);
    for (const channel of channels) {
      for (let index = 0; index < length; index += 1) mono[index]! += channel[index]! / channels.length;
    }
    this.post(
      this.pipeline instanceof InterleavedFramePipeline
        ? this.pipeline.push(channels)
        : this.pipeline.push(mono),
    );
    this.trackLevel(mono);
    return true;
  }

  private trackLevel(mono: Float32Array): void {
    let offset = 0;
    while (offset < mono.length) {
      const take = Math.min(mono.length - offset, this.levelBlock.length - this.levelFill);
      this.levelBlock.set(mono.subarray(offset, offset + take), this.levelFill);
      this.levelFill += take;
      offset += take;
      if (this.levelFill === this.levelBlock.length) {
        this.send({ type: 'level', ...measureLevel(this.levelBlock) });
        this.levelFill = 0;
      }
    }
  }

  private post(frames: ArrayBuffer[]): void {
    for (const frame of frames)
      this.port.postMessage({ type: 'frame', frame } satisfies WorkletMessage, [frame]);
  }

  private send(message: WorkletMessage): void {
    this.port.postMessage(message);
  }
}

registerProcessor(captureProcessorName, CaptureProcessor);
