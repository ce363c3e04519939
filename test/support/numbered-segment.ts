import type { TranscriptSegment } from '../../src/shared/transcript';

/** A final segment whose words say which one it is, for durability tests. */
export function numberedSegment(index: number): TranscriptSegment {
  const words = [`word${index}a`, `word${index}b`, `word${index}c`];
  return {
    id: `segment-${index}`,
    text: words.join(' '),
    start: index * 2,
    end: index * 2 + 1.5,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: words.map((word, position) => ({
      word,
      punctuatedWord: word,
      start: index * 2 + position * 0.5,
      end: index * 2 + position * 0.5 + 0.4,
      confidence: 0.9,
      speaker: null,
    })),
    speaker: null,
  };
}
