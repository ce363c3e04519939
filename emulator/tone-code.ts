/**
 * Tone-code: synthetic "speech" whose words the emulator decodes exactly. Each word is a sine burst whose
 * frequency encodes its index in toneCodeVocabulary; silence separates words and (longer) utterances.
 * Tests use it as ground truth: the same audio yields the same words on any connection, at any offset.
 */
export const toneCodeVocabulary: readonly string[] = Object.freeze([
  'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel',
  'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa',
  'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray',
  'yankee', 'zulu', 'zero', 'one', 'two', 'three', 'four', 'five',
  'six', 'seven', 'eight', 'nine', 'hello', 'world', 'the', 'quick',
  'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'good', 'morning',
  'meeting', 'notes', 'action', 'item', 'next', 'week', 'please', 'send',
  'report', 'today', 'thank', 'you', 'yes', 'no', 'stop', 'start',
]); // prettier-ignore

const baseHz = 400;
const stepHz = 50;
const amplitude = 0.3 * 32767;
const rampMs = 5;
/** Edges of a burst are skipped when decoding: window misalignment and ramps live there. */
const edgeTrimMs = 15;
const minimumBurstMs = 40;
/** 100 ms resolves 10 Hz, plenty for 50 Hz spacing; longer only costs time. */
const maximumAnalysisMs = 100;

export function toneFrequency(index: number): number {
  return baseHz + stepHz * index;
}

export interface ToneCodeOptions {
  sampleRate?: 16000;
  wordMs?: number;
  gapMs?: number;
  utteranceGapMs?: number;
}

export const toneCodeDefaults = { sampleRate: 16000, wordMs: 200, gapMs: 80, utteranceGapMs: 900 } as const;

/** Mono linear16 audio: leading silence, then utterances separated (and followed) by utteranceGapMs. */
export function synthesizeToneCode(utterances: string[][], opts: ToneCodeOptions = {}): Int16Array {
  const { sampleRate, wordMs, gapMs, utteranceGapMs } = { ...toneCodeDefaults, ...opts };
  const samples = (ms: number): number => Math.round((sampleRate * ms) / 1000);
  const leadMs = 200;
  let total = samples(leadMs);
  for (const words of utterances) {
    total += words.length * samples(wordMs) + Math.max(0, words.length - 1) * samples(gapMs);
    total += samples(utteranceGapMs);
  }
  const out = new Int16Array(total);
  let cursor = samples(leadMs);
  const ramp = samples(rampMs);
  for (const words of utterances) {
    words.forEach((word, position) => {
      const index = toneCodeVocabulary.indexOf(word);
      if (index < 0) throw new Error(`"${word}" is not in toneCodeVocabulary`);
      const length = samples(wordMs);
      const omega = (2 * Math.PI * toneFrequency(index)) / sampleRate;
      for (let i = 0; i < length; i += 1) {
        const envelope = Math.min(1, i / ramp, (length - 1 - i) / ramp);
        out[cursor + i] = Math.round(amplitude * envelope * Math.sin(omega * i));
      }
      cursor += length + (position < words.length - 1 ? samples(gapMs) : 0);
    });
    cursor += samples(utteranceGapMs);
  }
  return out;
}

/** Goertzel power of one frequency over the samples. */
function powerAt(samples: Int16Array, frequency: number, sampleRate: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
}

/** The vocabulary word a single burst encodes, or null when the burst is too short to tell. */
export function decodeToneBurst(
  burst: Int16Array,
  sampleRate: number,
): { word: string; confidence: number } | null {
  const trim = Math.round((sampleRate * edgeTrimMs) / 1000);
  if (burst.length < Math.round((sampleRate * minimumBurstMs) / 1000)) return null;
  const trimmed = burst.length > 4 * trim ? burst.subarray(trim, burst.length - trim) : burst;
  const analysisLength = Math.min(trimmed.length, Math.round((sampleRate * maximumAnalysisMs) / 1000));
  const skip = Math.floor((trimmed.length - analysisLength) / 2);
  const core = trimmed.subarray(skip, skip + analysisLength);
  let best = -1;
  let bestPower = 0;
  let totalPower = 0;
  toneCodeVocabulary.forEach((_word, index) => {
    const power = powerAt(core, toneFrequency(index), sampleRate);
    totalPower += power;
    if (power > bestPower) {
      bestPower = power;
      best = index;
    }
  });
  const word = toneCodeVocabulary[best];
  if (word === undefined || totalPower === 0) return null;
  return { word, confidence: bestPower / totalPower };
}
