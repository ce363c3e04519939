/**
 * The microphone for capture → wire: the speech fixture (espeak-ng, 48 kHz) with marker tones
 * set between pieces of it (bench/lib/markers.ts), written to a temporary WAV that Chromium's
 * fake microphone plays once, from getUserMedia on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSpeechFixture } from '../../test/fixtures/make-speech';
import { seededRandom } from '../../test/support/seeded-random';
import { readWavSamples } from '../../test/support/speech-audio';
import { buildMarkedSpeech, wavFile, type MarkedAudio } from '../lib/markers';

export interface MarkedMicrophone extends MarkedAudio {
  path: string;
  /** The sentences spoken, for the emulator's script transcriber. */
  utterances: string[];
}

/**
 * Speech up to its last sound: the last piece (where Stop is pressed, halfway through) must be
 * speech, so that the emulator's answer to Stop carries words.
 */
function withoutTrailingQuiet(samples: Int16Array): Int16Array {
  let end = samples.length;
  while (end > 0 && Math.abs(samples[end - 1] as number) < 0.02 * 32768) end -= 1;
  return samples.subarray(0, end);
}

/** quick: the first 5 s of speech only (the bench-steps test), otherwise all of it. */
export function makeMarkedMicrophone(quick: boolean): MarkedMicrophone {
  const speech = makeSpeechFixture();
  const all = readWavSamples(speech.wavPath);
  const samples = withoutTrailingQuiet(quick ? all.subarray(0, 5 * 48_000) : all);
  const marked = buildMarkedSpeech(samples, 48_000, seededRandom(13), {
    // Earshot holds frames until its socket is open; the lead keeps that out of the window.
    leadSilenceMs: 2_000,
    pieceMs: { min: 600, max: 1_100 },
    lastPieceMs: 1_600,
    tailSilenceMs: 1_500,
  });
  const path = join(mkdtempSync(join(tmpdir(), 'earshot-bench-mic-')), 'marked-speech.wav');
  writeFileSync(path, wavFile(marked.samples, marked.sampleRate));
  return { ...marked, path, utterances: speech.utterances };
}
