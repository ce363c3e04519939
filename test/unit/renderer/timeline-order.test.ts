import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import { inTimelineOrder, timelineIndex } from '../../../src/renderer/ui/timeline-order';

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

  it('orders segments as they were spoken, keeping the order of equal starts', () => {
    const stored = [at('a', 0), at('d', 9), at('b', 2), at('c', 2)];
    expect(inTimelineOrder(stored).map((segment) => segment.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(stored.map((segment) => segment.id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('gives back the same list when it is already in order', () => {
    const stored = [at('a', 0), at('b', 2)];
    expect(inTimelineOrder(stored)).toBe(stored);
  });
});
