/**
 * The virtual list's arithmetic: measured heights, the estimate for rows not yet measured,
 * and finding the first visible row. Wrong here means rows drawn over each other or a jump
 * while scrolling through a long transcript.
 */
import { describe, expect, it } from 'vitest';
import { firstRowEndingAfter, HeightCache } from '../../../src/renderer/ui/height-cache';

const key = (index: number) => `row-${index}`;

describe('HeightCache', () => {
  it('uses the fallback height until something is measured, then the average of what was', () => {
    const cache = new HeightCache();
    expect([...cache.offsets(3, key, 20)]).toEqual([0, 20, 40, 60]);
    expect(cache.record('row-0', 30)).toBe(true);
    expect(cache.record('row-1', 50)).toBe(true);
    // Measured rows keep their height; the third is estimated at the average, 40.
    expect([...cache.offsets(3, key, 20)]).toEqual([0, 30, 80, 120]);
  });

  it('ignores a re-measurement within half a pixel and keeps the sum right when a height changes', () => {
    const cache = new HeightCache();
    cache.record('row-0', 30);
    expect(cache.record('row-0', 30.4)).toBe(false);
    expect(cache.record('row-0', 60)).toBe(true);
    cache.record('row-1', 20);
    expect([...cache.offsets(3, key, 10)]).toEqual([0, 60, 80, 120]);
    cache.clear();
    expect([...cache.offsets(2, key, 10)]).toEqual([0, 10, 20]);
  });
});

describe('firstRowEndingAfter', () => {
  const offsets = Float64Array.from([0, 10, 30, 60, 100]);

  it('finds the first row whose bottom lies below the position', () => {
    expect(firstRowEndingAfter(offsets, 4, 0)).toBe(0);
    expect(firstRowEndingAfter(offsets, 4, 9.9)).toBe(0);
    expect(firstRowEndingAfter(offsets, 4, 10)).toBe(1);
    expect(firstRowEndingAfter(offsets, 4, 59)).toBe(2);
    expect(firstRowEndingAfter(offsets, 4, 99)).toBe(3);
  });

  it('answers the row count past the end, and 0 for an empty list', () => {
    expect(firstRowEndingAfter(offsets, 4, 100)).toBe(4);
    expect(firstRowEndingAfter(Float64Array.from([0]), 0, 5)).toBe(0);
  });
});
