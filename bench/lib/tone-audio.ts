/**
 * Audio for the benchmarks: tone-code utterances (emulator/tone-code.ts), which the emulator
 * decodes to exact words, cut into the 20 ms 16 kHz Int16 frames the renderer sends.
 */
import { synthesizeToneCode, toneCodeDefaults, toneCodeVocabulary } from '../../emulator/tone-code';

export const frameMs = 20;
export const samplesPerFrame = (16_000 * frameMs) / 1000;
const leadMs = 200;

export function randomWords(random: () => number, min = 2, max = 11): string[] {
  const count = min + Math.floor(random() * (max - min + 1));
  return Array.from(
    { length: count },
    () => toneCodeVocabulary[Math.floor(random() * toneCodeVocabulary.length)] as string,
  );
}

export interface ToneUtterance {
  words: string[];
  frames: ArrayBuffer[];
  /** Index of the first frame that carries a tone. */
  speechStartFrame: number;
  /** Index of the first frame after the last tone (pure silence from here on). */
  speechEndFrame: number;
  durationMs: number;
}

/**
 * One utterance: 200 ms of silence, the words (200 ms bursts, 80 ms gaps), then 900 ms of
 * silence. Every part is a whole number of frames, so frame boundaries are exact.
 */
export function toneUtterance(words: string[]): ToneUtterance {
  const samples = synthesizeToneCode([words]);
  const frames: ArrayBuffer[] = [];
  for (let start = 0; start < samples.length; start += samplesPerFrame) {
    const frame = new Int16Array(samplesPerFrame);
    frame.set(samples.subarray(start, Math.min(samples.length, start + samplesPerFrame)));
    frames.push(frame.buffer);
  }
  const { wordMs, gapMs } = toneCodeDefaults;
  const speechMs = words.length * wordMs + (words.length - 1) * gapMs;
  return {
    words,
    frames,
    speechStartFrame: leadMs / frameMs,
    speechEndFrame: (leadMs + speechMs) / frameMs,
    durationMs: frames.length * frameMs,
  };
}

/** Lower-case words without punctuation, for comparing a transcript with the words spoken. */
export function normalizedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s']/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
}
