import { describe, expect, it } from 'vitest';
import {
  floatToInt16,
  frameBytes,
  frameSamples,
  measureLevel,
  Pcm16Framer,
  PcmFramePipeline,
  Resampler,
} from '../../../src/renderer/audio/pcm-framer';

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(rate * seconds));
  for (let index = 0; index < samples.length; index += 1) {
    samples[index] = amplitude * Math.sin((2 * Math.PI * frequency * index) / rate);
  }
  return samples;
}

/** Feeds audio in 128-sample render quanta, as an AudioWorklet receives it. */
function feedInQuanta(pipeline: PcmFramePipeline, input: Float32Array): ArrayBuffer[] {
  const frames: ArrayBuffer[] = [];
  for (let offset = 0; offset < input.length; offset += 128) {
    frames.push(...pipeline.push(input.subarray(offset, offset + 128)));
  }
  return frames;
}

function samplesOf(frames: ArrayBuffer[]): Float64Array {
  const result = new Float64Array(frames.length * frameSamples);
  frames.forEach((frame, frameIndex) => {
    const view = new DataView(frame);
    for (let index = 0; index < frameSamples; index += 1) {
      result[frameIndex * frameSamples + index] = view.getInt16(index * 2, true) / 0x8000;
    }
  });
  return result;
}

/** Amplitude of one frequency in a signal (single-bin DFT, Hann window). */
function amplitudeAt(signal: Float64Array, frequency: number, rate: number): number {
  let real = 0;
  let imaginary = 0;
  let windowSum = 0;
  for (let index = 0; index < signal.length; index += 1) {
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / (signal.length - 1));
    const angle = (2 * Math.PI * frequency * index) / rate;
    real += signal[index]! * window * Math.cos(angle);
    imaginary -= signal[index]! * window * Math.sin(angle);
    windowSum += window;
  }
  return (2 * Math.hypot(real, imaginary)) / windowSum;
}

/** The frequency (to 10 Hz) where a signal has the most energy, searched over 0..8 kHz. */
function dominantFrequency(signal: Float64Array, rate: number): number {
  let best = 0;
  let bestAmplitude = -1;
  for (let frequency = 10; frequency < rate / 2; frequency += 10) {
    const amplitude = amplitudeAt(signal, frequency, rate);
    if (amplitude > bestAmplitude) {
      bestAmplitude = amplitude;
      best = frequency;
    }
  }
  return best;
}

function decibels(ratio: number): number {
  return 20 * Math.log10(ratio);
}

describe('PcmFramePipeline', () => {
  it('turns one second of 48 kHz audio into fifty 20 ms frames of 320 Int16 samples', () => {
    const pipeline = new PcmFramePipeline(48_000);
    const frames = [...feedInQuanta(pipeline, sine(440, 48_000, 1)), ...pipeline.flush()];
    expect(frames).toHaveLength(50);
    for (const frame of frames) expect(frame.byteLength).toBe(frameBytes);
    expect(frameBytes).toBe(640);
  });

  it('keeps the frequency of a 1 kHz tone and its amplitude', () => {
    const pipeline = new PcmFramePipeline(48_000);
    const output = samplesOf(feedInQuanta(pipeline, sine(1_000, 48_000, 1, 0.5)));
    const steady = output.subarray(1_600, 14_400);
    expect(dominantFrequency(steady, 16_000)).toBe(1_000);
    expect(amplitudeAt(steady, 1_000, 16_000)).toBeCloseTo(0.5, 2);
  });

  it('keeps speech-band tones up to 6 kHz within 0.1 dB', () => {
    for (const frequency of [200, 3_000, 6_000]) {
      const pipeline = new PcmFramePipeline(48_000);
      const output = samplesOf(feedInQuanta(pipeline, sine(frequency, 48_000, 0.5, 0.5)));
      const gain = amplitudeAt(output.subarray(800, 7_200), frequency, 16_000) / 0.5;
      expect(Math.abs(decibels(gain))).toBeLessThan(0.1);
    }
  });

  it('removes a 12 kHz tone instead of folding it to 4 kHz', () => {
    const pipeline = new PcmFramePipeline(48_000);
    const output = samplesOf(feedInQuanta(pipeline, sine(12_000, 48_000, 1, 0.9)));
    const steady = output.subarray(1_600, 14_400);
    // A naive decimator (every third sample) would put a 0.9 amplitude tone at 4 kHz.
    const alias = amplitudeAt(steady, 4_000, 16_000);
    expect(decibels(alias / 0.9)).toBeLessThan(-60);
    // Nothing else of substance remains either: only Int16 rounding noise.
    const rms = Math.sqrt(steady.reduce((sum, value) => sum + value * value, 0) / steady.length);
    expect(rms).toBeLessThan(1e-3);
  });

  it('resamples 44.1 kHz input to 16 kHz with the right frequency and count', () => {
    const pipeline = new PcmFramePipeline(44_100);
    const frames = [...feedInQuanta(pipeline, sine(2_500, 44_100, 2)), ...pipeline.flush()];
    // 2 s of input is 32,000 output samples: exactly 100 frames.
    expect(frames).toHaveLength(100);
    const output = samplesOf(frames);
    expect(dominantFrequency(output.subarray(1_600, 30_000), 16_000)).toBe(2_500);
  });

  it('produces the same samples whatever the input block size', () => {
    const input = sine(750, 48_000, 0.3);
    const whole = new PcmFramePipeline(48_000);
    const wholeFrames = [...whole.push(input), ...whole.flush()];
    const quanta = new PcmFramePipeline(48_000);
    const quantaFrames = [...feedInQuanta(quanta, input), ...quanta.flush()];
    expect(Array.from(samplesOf(quantaFrames))).toEqual(Array.from(samplesOf(wholeFrames)));
  });

  it('keeps the timeline: an impulse comes out at the matching 16 kHz instant', () => {
    const input = new Float32Array(48_000 * 0.1);
    input[3_000] = 1; // 62.5 ms
    const pipeline = new PcmFramePipeline(48_000);
    const output = samplesOf([...pipeline.push(input), ...pipeline.flush()]);
    let peakIndex = 0;
    output.forEach((value, index) => {
      if (Math.abs(value) > Math.abs(output[peakIndex]!)) peakIndex = index;
    });
    expect(peakIndex).toBe(1_000);
  });
});

describe('Resampler design', () => {
  it('puts the cut-off below 8 kHz for a 48 kHz input', () => {
    const design = new Resampler(48_000).design;
    expect(design.cutoffHz).toBeGreaterThan(7_000);
    expect(design.cutoffHz).toBeLessThan(8_000);
    expect(design.phases).toBe(1);
  });

  it('uses one filter phase per output position of the rational ratio', () => {
    expect(new Resampler(44_100).design.phases).toBe(160);
  });
});

describe('Pcm16Framer', () => {
  it('writes little-endian Int16, clamps beyond full scale and pads the last frame with silence', () => {
    const framer = new Pcm16Framer();
    expect(framer.push(Float32Array.from([1, -1, 2, -2, 0.5]))).toHaveLength(0);
    const [last] = framer.flush();
    expect(last).toBeDefined();
    const bytes = new Uint8Array(last!);
    expect(bytes.length).toBe(640);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0x7f]);
    const view = new DataView(last!);
    expect([0, 1, 2, 3, 4, 5].map((index) => view.getInt16(index * 2, true))).toEqual([
      32767, -32768, 32767, -32768, 16384, 0,
    ]);
    expect(framer.flush()).toHaveLength(0);
  });

  it('maps floats onto the Int16 range', () => {
    expect(floatToInt16(0)).toBe(0);
    expect(floatToInt16(-0.5)).toBe(-16384);
  });
});

describe('measureLevel', () => {
  it('reports RMS and peak of a full-scale sine', () => {
    const level = measureLevel(sine(1_000, 48_000, 0.1, 1));
    expect(level.peak).toBeCloseTo(1, 3);
    expect(level.rms).toBeCloseTo(Math.SQRT1_2, 3);
  });
});
