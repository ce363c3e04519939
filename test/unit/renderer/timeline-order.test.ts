import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import { timelineIndex } from '../../../src/renderer/ui/timeline-order';

function at(id: string, start: number): TranscriptSegment {
  return {
    id,
    text: id,
    start,
    end: start + 1,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: [],
    speaker: null,
  };
}

describe('timeline order', () => {
  it('puts a start after every segment that starts no later', () => {
    const segments = [at('a', 0), at('b', 2), at('c', 2), at('d', 5)];
    expect(timelineIndex(segments, -1)).toBe(0);
    expect(timelineIndex(segments, 1)).toBe(1);
    expect(timelineIndex(segments, 2)).toBe(3);
    expect(timelineIndex(segments, 9)).toBe(4);
    expect(timelineIndex([], 3)).toBe(0);
  });
});
