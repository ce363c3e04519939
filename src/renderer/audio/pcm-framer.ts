/**
 * Pure audio math for capture: turns mono Float32 audio at any rate into 16 kHz Int16
 * little-endian frames of 20 ms. It runs inside the AudioWorklet and in unit tests, so it
 * touches no browser API.
 *
 * Resampling is a polyphase windowed-sinc filter (Kaiser window). The low-pass cut-off sits
 * below the 8 kHz Nyquist limit of the output, so content between 8 kHz and the input's
 * Nyquist limit (a 12 kHz tone at 48 kHz, say) is removed instead of folding back into
 * the speech band as an audible alias.
 */

export const outputSampleRate = 16_000;
export const frameSamples = 320; // 20 ms at 16 kHz
export const frameBytes = frameSamples * 2;

/** Where the filter starts to roll off and where it must have reached full attenuation. */
const passbandEdgeHz = 7_000;
const stopbandEdgeHz = 7_900;
const stopbandAttenuationDb = 80;
/** Above this many phases the filter bank would get large; phases are then rounded. */
const maxPhases = 4_096;

function greatestCommonDivisor(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k += 1) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

export interface ResamplerDesign {
  inputRate: number;
  outputRate: number;
  cutoffHz: number;
  /** Half the filter's length, in input samples. */
  halfWidth: number;
  phases: number;
  tapsPerPhase: number;
}

/**
 * Streaming sample-rate converter. Output sample n is the filtered input at input time
 * n * inputRate / outputRate; samples before the first input are taken as silence, so the
 * output timeline starts exactly where the input does.
 */
export class Resampler {
  readonly design: ResamplerDesign;
  private readonly bank: Float32Array;
  private readonly reach: number;
  /** Input position advance per output sample, as integer part + phase fraction. */
  private readonly stepWhole: number;
  private readonly stepPhase: number;
  private readonly phaseScale: number;
  private readonly exactPhases: number;
  private history: Float32Array;
  /** Absolute index of history[0]. */
  private historyStart: number;
  private historyLength = 0;
  private nextWhole = 0;
  private nextPhase = 0;

  constructor(inputRate: number, outputRate = outputSampleRate) {
    if (!Number.isFinite(inputRate) || inputRate < 1_000) throw new RangeError('inputRate is out of range');
    const divisor = greatestCommonDivisor(Math.round(inputRate), outputRate);
    const interpolation = outputRate / divisor;
    const decimation = Math.round(inputRate) / divisor;
    this.exactPhases = interpolation;
    const phases = Math.min(interpolation, maxPhases);
    this.phaseScale = phases / interpolation;
    this.stepWhole = Math.floor(decimation / interpolation);
    this.stepPhase = decimation % interpolation;

    const nyquist = Math.min(inputRate, outputRate) / 2;
    const scale = nyquist / (outputRate / 2);
    const stopEdge = Math.min(stopbandEdgeHz * scale, nyquist);
    const passEdge = passbandEdgeHz * scale;
    const cutoffHz = (passEdge + stopEdge) / 2;
    const transition = (2 * Math.PI * (stopEdge - passEdge)) / inputRate;
    const halfWidth = Math.ceil((stopbandAttenuationDb - 7.95) / (2.285 * transition) / 2);
    const beta = kaiserBeta(stopbandAttenuationDb);
    // Inputs whole - halfWidth .. whole + halfWidth + 1 cover the window on both sides.
    const tapsPerPhase = 2 * halfWidth + 2;
    const normalizedCutoff = cutoffHz / inputRate;

    this.reach = halfWidth;
    this.bank = new Float32Array(phases * tapsPerPhase);
    const windowNorm = besselI0(beta);
    for (let phase = 0; phase < phases; phase += 1) {
      const fraction = phase / phases;
      let sum = 0;
      const row = phase * tapsPerPhase;
      for (let tap = 0; tap < tapsPerPhase; tap += 1) {
        // Tap for input sample (whole + tap - halfWidth): distance from the output instant.
        const distance = fraction - (tap - halfWidth);
        const ratio = distance / (halfWidth + 1);
        const window = Math.abs(ratio) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio)) / windowNorm;
        const value = 2 * normalizedCutoff * sinc(2 * normalizedCutoff * distance) * window;
        this.bank[row + tap] = value;
        sum += value;
      }
      // Unity gain at DC for every phase, so no phase-dependent ripple.
      for (let tap = 0; tap < tapsPerPhase; tap += 1) this.bank[row + tap]! /= sum;
    }

    this.design = { inputRate, outputRate, cutoffHz, halfWidth, phases, tapsPerPhase };
    this.history = new Float32Array(Math.max(4_096, tapsPerPhase * 4));
    // Silence before the first sample, so output 0 can look back a full half-width.
    this.historyStart = -halfWidth;
    this.historyLength = halfWidth;
  }

  /** Pushes input and returns every output sample that is now fully determined. */
  process(input: Float32Array): Float32Array {
    this.append(input);
    return this.drain(Number.POSITIVE_INFINITY);
  }

  /** Treats the input as ended: pads with silence and returns the remaining output. */
  flush(): Float32Array {
    const inputEnd = this.historyStart + this.historyLength;
    this.append(new Float32Array(this.reach + 2));
    // Only outputs whose instant lies inside the real input.
    return this.drain(inputEnd);
  }

  private append(input: Float32Array): void {
    const needed = this.historyLength + input.length;
    if (needed > this.history.length) {
      const grown = new Float32Array(Math.max(needed, this.history.length * 2));
      grown.set(this.history.subarray(0, this.historyLength));
      this.history = grown;
    }
    this.history.set(input, this.historyLength);
    this.historyLength += input.length;
  }

  private drain(wholeLimit: number): Float32Array {
    const taps = this.design.tapsPerPhase;
    const reach = this.reach;
    const availableEnd = this.historyStart + this.historyLength;
    let whole = this.nextWhole;
    let phase = this.nextPhase;
    const capacity =
      Math.max(0, Math.ceil(((availableEnd - whole) * this.design.outputRate) / this.design.inputRate)) + 2;
    const output = new Float32Array(capacity);
    let produced = 0;
    // Output n needs inputs whole - reach .. whole + reach + 1.
    while (whole + reach + 1 < availableEnd && whole < wholeLimit && produced < capacity) {
      const bankPhase =
        this.phaseScale === 1 ? phase : Math.min(Math.round(phase * this.phaseScale), this.design.phases - 1);
      const row = bankPhase * taps;
      const first = whole - reach - this.historyStart;
      let acc = 0;
      for (let tap = 0; tap < taps; tap += 1) acc += this.history[first + tap]! * this.bank[row + tap]!;
      output[produced] = acc;
      produced += 1;
      phase += this.stepPhase;
      whole += this.stepWhole;
      if (phase >= this.exactPhases) {
        phase -= this.exactPhases;
        whole += 1;
      }
    }
    this.nextWhole = whole;
    this.nextPhase = phase;
    // Keep only what the next output still needs.
    const keepFrom = whole - reach - this.historyStart;
    if (keepFrom > 0) {
      this.history.copyWithin(0, keepFrom, this.historyLength);
      this.historyLength -= keepFrom;
      this.historyStart += keepFrom;
    }
    return output.subarray(0, produced);
  }
}

/** Converts one sample in [-1, 1] to Int16, clamping anything beyond full scale. */
export function floatToInt16(sample: number): number {
  const clamped = sample > 1 ? 1 : sample < -1 ? -1 : sample;
  return clamped < 0 ? Math.round(clamped * 0x8000) : Math.round(clamped * 0x7fff);
}

/** Collects 16 kHz samples (interleaved when there are several channels) into 20 ms Int16 little-endian frames. */
export class Pcm16Framer {
  private readonly frameLength: number;
  private frame: DataView;
  private filled = 0;

  constructor(channels = 1) {
    this.frameLength = frameSamples * channels;
    this.frame = new DataView(new ArrayBuffer(this.frameLength * 2));
  }

  /** Returns the frames completed by these samples; each buffer is owned by the caller. */
  push(samples: Float32Array): ArrayBuffer[] {
    const frames: ArrayBuffer[] = [];
    for (let index = 0; index < samples.length; index += 1) {
      this.frame.setInt16(this.filled * 2, floatToInt16(samples[index]!), true);
      this.filled += 1;
      if (this.filled === this.frameLength) {
        frames.push(this.frame.buffer as ArrayBuffer);
        this.frame = new DataView(new ArrayBuffer(this.frameLength * 2));
        this.filled = 0;
      }
    }
    return frames;
  }

  /** Completes a partly filled frame with silence, so every frame is exactly 20 ms. */
  flush(): ArrayBuffer[] {
    if (this.filled === 0) return [];
    const last = this.frame.buffer as ArrayBuffer;
    this.frame = new DataView(new ArrayBuffer(this.frameLength * 2));
    this.filled = 0;
    return [last];
  }
}

/** Level of a block of samples, for the meter: RMS and absolute peak, both 0..1. */
export function measureLevel(samples: Float32Array): { rms: number; peak: number } {
  let sumSquares = 0;
  let peak = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const value = samples[index]!;
    sumSquares += value * value;
    const magnitude = Math.abs(value);
    if (magnitude > peak) peak = magnitude;
  }
  return { rms: samples.length === 0 ? 0 : Math.sqrt(sumSquares / samples.length), peak };
}

/** Resampler plus framer: float audio at any rate in, 20 ms 16 kHz PCM frames out. */
export class PcmFramePipeline {
  private readonly resampler: Resampler;
  private readonly framer = new Pcm16Framer();

  constructor(inputRate: number) {
    this.resampler = new Resampler(inputRate);
  }

  push(mono: Float32Array): ArrayBuffer[] {
    return this.framer.push(this.resampler.process(mono));
  }

  flush(): ArrayBuffer[] {
    return [...this.framer.push(this.resampler.flush()), ...this.framer.flush()];
  }
}

/** Sample i of channel c lands at i * channels + c: the layout Deepgram's multichannel linear16 expects. */
export function interleave(channels: readonly Float32Array[]): Float32Array {
  const length = channels[0]?.length ?? 0;
  const out = new Float32Array(length * channels.length);
  channels.forEach((channel, index) => {
    for (let sample = 0; sample < length; sample += 1)
      out[sample * channels.length + index] = channel[sample]!;
  });
  return out;
}

/**
 * Several channels at any rate in, 20 ms 16 kHz PCM frames out with the channels interleaved.
 * Every channel has its own resampler of the same design, so each yields the same number of
 * samples for the same input and the channels stay aligned sample for sample.
 */
export class InterleavedFramePipeline {
  private readonly resamplers: Resampler[];
  private readonly framer: Pcm16Framer;

  constructor(inputRate: number, channels: number) {
    this.resamplers = Array.from({ length: channels }, () => new Resampler(inputRate));
    this.framer = new Pcm16Framer(channels);
  }

  /** One block per channel, all of the same length; a missing channel is silence. */
  push(blocks: readonly Float32Array[]): ArrayBuffer[] {
    const length = blocks[0]?.length ?? 0;
    const resampled = this.resamplers.map((resampler, index) =>
      resampler.process(blocks[index] ?? new Float32Array(length)),
    );
    return this.framer.push(interleave(resampled));
  }

  flush(): ArrayBuffer[] {
    return [
      ...this.framer.push(interleave(this.resamplers.map((resampler) => resampler.flush()))),
      ...this.framer.flush(),
    ];
  }
}
