import { describe, expect, it } from 'vitest';
import { SpeechDetector, type UtteranceSpan } from '../../../emulator/speech-detector';
import { concatSamples, synthesizeSpeech, silence, speechSpans } from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

function utterances(audio: Int16Array, chunk: number): UtteranceSpan[] {
  const detector = new SpeechDetector({ sampleRate: 16000, endpointMs: 300 });
  const found: UtteranceSpan[] = [];
  for (let offset = 0; offset < audio.length; offset += chunk) {
    for (const event of detector.push(audio.subarray(offset, offset + chunk))) {
      if (event.type === 'utterance-ended') found.push(event.utterance);
    }
  }
  return found;
}

/** Deterministic white noise of about the given RMS. */
function noise(length: number, rms: number, seed = 7): Int16Array {
  let state = seed;
  const out = new Int16Array(length);
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = Math.round(((state / 0x7fffffff) * 2 - 1) * rms * Math.sqrt(3));
  }
  return out;
}

describe.skipIf(speechToolsMissing !== null)('SpeechDetector (needs espeak-ng and sox)', () => {
  const clean = concatSamples(
    silence(700),
    synthesizeSpeech('Good morning everyone.'),
    silence(1000),
    synthesizeSpeech('Let us begin the meeting with the first action item.'),
    silence(1000),
  );
  const truth = speechSpans(clean);

  it('finds utterance boundaries within 100 ms of the speech spans, whatever the chunk size', () => {
    expect(truth).toHaveLength(2);
    for (const chunk of [1, 160, 320, 777, 16000]) {
      const found = utterances(clean, chunk).map((span) => [span.start / 16000, span.end / 16000]);
      expect(found).toHaveLength(2);
      found.forEach(([start, end], index) => {
        expect(Math.abs((start as number) - (truth[index]?.[0] ?? 0))).toBeLessThan(0.1);
        expect(Math.abs((end as number) - (truth[index]?.[1] ?? 0))).toBeLessThan(0.1);
      });
    }
  });

  it('follows a steady noise floor instead of treating it as speech', () => {
    const hiss = noise(clean.length, 200);
    const noisy = clean.map((sample, index) => sample + (hiss[index] ?? 0));
    const found = utterances(Int16Array.from(noisy), 320).map((span) => [
      span.start / 16000,
      span.end / 16000,
    ]);
    expect(found).toHaveLength(2);
    found.forEach(([start, end], index) => {
      expect(Math.abs((start as number) - (truth[index]?.[0] ?? 0))).toBeLessThan(0.1);
      expect(Math.abs((end as number) - (truth[index]?.[1] ?? 0))).toBeLessThan(0.15);
    });
  });

  it('finds nothing in silence or in noise alone', () => {
    expect(utterances(silence(3000), 320)).toEqual([]);
    expect(utterances(noise(48000, 300), 320)).toEqual([]);
  });
});
