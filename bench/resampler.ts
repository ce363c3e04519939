/**
 * Resampler + framer throughput: the capture worklet's work (src/renderer/audio/pcm-framer.ts)
 * on 48 kHz float audio in 128-sample render quanta, run here in Node's V8 rather than in
 * Chromium's AudioWorklet thread (same engine; no audio thread scheduling is measured).
 */
import { measureLevel, PcmFramePipeline } from '../src/renderer/audio/pcm-framer';
import { rounded } from './lib/figures';
import { formatNumber, median, type Row } from './lib/stats';

const inputRate = 48_000;
const quantum = 128;
const seconds = 60;

/** Speech-band tones plus a little noise, with a slow envelope: nothing the filter can skip. */
function testSignal(): Float32Array {
  const samples = new Float32Array(inputRate * seconds);
  let noise = 12345;
  for (let index = 0; index < samples.length; index += 1) {
    const time = index / inputRate;
    noise = (noise * 1103515245 + 12345) >>> 0;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * time);
    samples[index] =
      envelope *
        (0.3 * Math.sin(2 * Math.PI * 220 * time) +
          0.2 * Math.sin(2 * Math.PI * 1_800 * time) +
          0.1 * Math.sin(2 * Math.PI * 11_000 * time)) +
      0.02 * (noise / 2 ** 32 - 0.5);
  }
  return samples;
}

function runOnce(signal: Float32Array, withLevel: boolean): { ms: number; frames: number } {
  const pipeline = new PcmFramePipeline(inputRate);
  let frames = 0;
  const started = performance.now();
  for (let offset = 0; offset + quantum <= signal.length; offset += quantum) {
    const block = signal.subarray(offset, offset + quantum);
    frames += pipeline.push(block).length;
    if (withLevel) measureLevel(block);
  }
  frames += pipeline.flush().length;
  return { ms: performance.now() - started, frames };
}

export function benchResampler(): Row[] {
  const signal = testSignal();
  runOnce(signal, true); // warm-up: lets V8 optimize the inner loops
  const runs = Array.from({ length: 7 }, () => runOnce(signal, true));
  const ms = median(runs.map((run) => run.ms));
  // The machine is shared: the fastest run shows what the code costs without contention.
  const best = Math.min(...runs.map((run) => run.ms));
  const frames = runs[0]!.frames;
  return [
    {
      figure: 'resampler+framer throughput',
      value: `${formatNumber((seconds * 1000) / ms, 0)}× real time`,
      note: `48 kHz float → 16 kHz Int16 20 ms frames, ${seconds} s of audio in 128-sample quanta, level meter included; median of 7 runs (best ${formatNumber((seconds * 1000) / best, 0)}×)`,
      figures: {
        'resampler.realTimeFactor': rounded((seconds * 1000) / ms, 1),
        'resampler.bestRealTimeFactor': rounded((seconds * 1000) / best, 1),
      },
    },
    {
      figure: 'resampler+framer per 20 ms frame',
      value: `${formatNumber((ms * 1000) / frames, 1)} µs`,
      note: `${frames} frames (best ${formatNumber((best * 1000) / frames, 1)} µs); a frame is 20,000 µs of audio`,
      figures: { 'resampler.perFrameUs': rounded((ms * 1000) / frames, 1) },
    },
  ];
}
