/** A span of audio in samples on one connection: [start, end). */
export interface SampleSpan {
  start: number;
  end: number;
}

export interface UtteranceSpan extends SampleSpan {
  /** Stretches of speech inside the utterance, split wherever silence lasts ≥ runGapMs. */
  runs: SampleSpan[];
}

export type SpeechEvent =
  | { type: 'speech-started'; start: number }
  /** Endpointing silence reached: `at` is the sample position where it was noticed. */
  | { type: 'utterance-ended'; utterance: UtteranceSpan; at: number };

export interface SpeechDetectorOptions {
  sampleRate: number;
  /** Silence that ends an utterance. */
  endpointMs: number;
}

const windowMs = 10;
const onsetWindows = 2;
const runGapMs = 30;
const minimumRms = 120;
const floorFactor = 2.5;
/** The noise floor falls fast, rises moderately through silence and only creeps up during speech. */
const floorFall = 0.3;
const floorRiseInSilence = 0.05;
const floorRiseInSpeech = 0.0005;

/**
 * Finds utterances by energy: 10 ms RMS windows compared with a threshold that follows the noise floor.
 * Windows are aligned to the connection's first sample, so results do not depend on how audio is chunked.
 */
export class SpeechDetector {
  private readonly windowSize: number;
  private readonly endpointSamples: number;
  private readonly runGapSamples: number;
  private pending: Int16Array = new Int16Array(0);
  /** Samples consumed in whole windows. */
  private position = 0;
  private noiseFloor: number | null = null;
  private onsetStart: number | null = null;
  private onsetCount = 0;
  private current: UtteranceSpan | null = null;

  constructor(options: SpeechDetectorOptions) {
    this.windowSize = Math.max(1, Math.round((options.sampleRate * windowMs) / 1000));
    this.endpointSamples = Math.round((options.sampleRate * options.endpointMs) / 1000);
    this.runGapSamples = Math.round((options.sampleRate * runGapMs) / 1000);
  }

  /** The utterance in progress (speech seen, endpoint not yet reached). */
  get utterance(): UtteranceSpan | null {
    return this.current;
  }

  push(samples: Int16Array): SpeechEvent[] {
    const events: SpeechEvent[] = [];
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    let offset = 0;
    while (offset + this.windowSize <= all.length) {
      this.processWindow(all.subarray(offset, offset + this.windowSize), events);
      offset += this.windowSize;
    }
    this.pending = all.slice(offset);
    return events;
  }

  /** Ends the utterance in progress now (Finalize, CloseStream) and returns it. */
  flush(): UtteranceSpan | null {
    const utterance = this.current;
    this.current = null;
    this.onsetStart = null;
    this.onsetCount = 0;
    return utterance;
  }

  private processWindow(window: Int16Array, events: SpeechEvent[]): void {
    const start = this.position;
    const end = start + window.length;
    this.position = end;
    let sum = 0;
    for (const sample of window) sum += sample * sample;
    const rms = Math.sqrt(sum / window.length);
    const floor = this.noiseFloor ?? rms;
    const isSpeech = rms > Math.max(minimumRms, floor * floorFactor);
    const rate = rms < floor ? floorFall : isSpeech ? floorRiseInSpeech : floorRiseInSilence;
    this.noiseFloor = floor + (rms - floor) * rate;

    const utterance = this.current;
    if (utterance) {
      if (isSpeech) {
        const lastRun = utterance.runs[utterance.runs.length - 1];
        if (lastRun && start - lastRun.end < this.runGapSamples) lastRun.end = end;
        else utterance.runs.push({ start, end });
        utterance.end = end;
      } else if (end - utterance.end >= this.endpointSamples) {
        this.current = null;
        events.push({ type: 'utterance-ended', utterance, at: end });
      }
      return;
    }

    if (!isSpeech) {
      this.onsetStart = null;
      this.onsetCount = 0;
      return;
    }
    this.onsetStart ??= start;
    this.onsetCount += 1;
    if (this.onsetCount >= onsetWindows) {
      this.current = { start: this.onsetStart, end, runs: [{ start: this.onsetStart, end }] };
      events.push({ type: 'speech-started', start: this.onsetStart });
      this.onsetStart = null;
      this.onsetCount = 0;
    }
  }
}
