import { describe, expect, it } from 'vitest';
import {
  decodeToneBurst,
  synthesizeToneCode,
  toneCodeDefaults,
  toneCodeVocabulary,
} from '../../../emulator/tone-code';

describe('tone-code', () => {
  it('decodes every vocabulary word from a single burst', () => {
    const audio = synthesizeToneCode([[...toneCodeVocabulary]], { gapMs: 100 });
    const burstSamples = (16000 * toneCodeDefaults.wordMs) / 1000;
    const stride = burstSamples + (16000 * 100) / 1000;
    toneCodeVocabulary.forEach((word, index) => {
      const start = 3200 + index * stride;
      expect(decodeToneBurst(audio.subarray(start, start + burstSamples), 16000)?.word).toBe(word);
    });
    expect(() => synthesizeToneCode([['not-a-word']])).toThrow(/toneCodeVocabulary/);
  });
});
