/** Where the caption overlay opens, with one, two and changed display layouts. */
import { describe, expect, it } from 'vitest';
import {
  afterDisplayChange,
  defaultBounds,
  displayKey,
  emptyPlacementMemory,
  keepInside,
  overlayHeightFor,
  placeOverlay,
  placementMemoryFrom,
  rememberPlacement,
  type DisplayInfo,
  type DisplayLayout,
} from '../../../src/main/core/overlay/overlay-placement';
import { defaultOverlayStyle } from '../../../src/shared/overlay-style';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
const monitor: DisplayInfo = {
  id: 2,
  bounds: { x: 1920, y: -200, width: 2560, height: 1440 },
  workArea: { x: 1920, y: -200, width: 2560, height: 1400 },
};
const one: DisplayLayout = { displays: [laptop], primaryId: 1 };
const two: DisplayLayout = { displays: [laptop, monitor], primaryId: 1 };
const style = defaultOverlayStyle;

describe('overlay placement', () => {
  it('opens centred near the bottom of the primary work area, at the chosen width and lines', () => {
    const bounds = placeOverlay(two, emptyPlacementMemory, style)!;
    expect(bounds.width).toBe(Math.round(1920 * 0.6));
    expect(bounds.height).toBe(overlayHeightFor(style));
    expect(bounds.x + bounds.width / 2).toBeCloseTo(960, 0);
    expect(bounds.y + bounds.height).toBeLessThan(1040);
    expect(bounds.y + bounds.height).toBeGreaterThan(900);
  });

  it('more lines or a larger text make it taller', () => {
    expect(overlayHeightFor({ lines: 4, fontSize: 28 })).toBeGreaterThan(
      overlayHeightFor({ lines: 1, fontSize: 28 }),
    );
    expect(overlayHeightFor({ lines: 2, fontSize: 48 })).toBeGreaterThan(
      overlayHeightFor({ lines: 2, fontSize: 20 }),
    );
  });

  it('remembers a place per display and reopens on the display it was last on', () => {
    let memory = rememberPlacement(emptyPlacementMemory, two, { x: 100, y: 50, width: 800, height: 120 });
    memory = rememberPlacement(memory, two, { x: 2500, y: 900, width: 1200, height: 150 });
    expect(memory.lastDisplay).toBe(displayKey(monitor));
    expect(placeOverlay(two, memory, style)).toEqual({ x: 2500, y: 900, width: 1200, height: 150 });
    // Moved back to the laptop: the laptop's own place is remembered separately.
    memory = rememberPlacement(memory, two, { x: 120, y: 60, width: 800, height: 120 });
    expect(placeOverlay(two, memory, style)).toEqual({ x: 120, y: 60, width: 800, height: 120 });
    expect(memory.byDisplay[displayKey(monitor)]).toEqual({ x: 2500, y: 900, width: 1200, height: 150 });
  });

  it('a display that is gone brings it back on the primary display, on screen', () => {
    const memory = rememberPlacement(emptyPlacementMemory, two, {
      x: 2500,
      y: 900,
      width: 1200,
      height: 150,
    });
    const bounds = placeOverlay(one, memory, style)!;
    expect(bounds).toEqual(defaultBounds(laptop, style));
    expect(bounds.x).toBeGreaterThanOrEqual(0);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1920);
  });

  it('the same id with other bounds (another monitor) is another display', () => {
    const memory = rememberPlacement(emptyPlacementMemory, two, {
      x: 2500,
      y: 900,
      width: 1200,
      height: 150,
    });
    const swapped: DisplayInfo = { ...monitor, bounds: { ...monitor.bounds, width: 1920, height: 1080 } };
    const bounds = placeOverlay({ displays: [laptop, swapped], primaryId: 1 }, memory, style)!;
    expect(bounds).toEqual(defaultBounds(laptop, style));
  });

  it('a remembered place now off the work area (resolution lowered) is pulled inside it', () => {
    const memory = rememberPlacement(emptyPlacementMemory, one, { x: 1500, y: 900, width: 800, height: 120 });
    const bounds = placeOverlay(one, memory, style)!;
    expect(bounds).toEqual({ x: 1120, y: 900, width: 800, height: 120 });
    expect(keepInside({ x: -500, y: 5000, width: 5000, height: 10 }, laptop.workArea)).toEqual({
      x: 0,
      y: 980,
      width: 1920,
      height: 60,
    });
  });

  it('no displays at all: nothing to place on', () => {
    expect(placeOverlay({ displays: [], primaryId: 1 }, emptyPlacementMemory, style)).toBeNull();
  });

  it('reads its file defensively: bad entries dropped, a last display it has no place for forgotten', () => {
    expect(placementMemoryFrom('nonsense')).toEqual(emptyPlacementMemory);
    expect(
      placementMemoryFrom({
        byDisplay: {
          a: { x: 1, y: 2, width: 3, height: 4 },
          b: { x: 'no' },
          c: { x: 1, y: 1, width: -5, height: 1 },
        },
        lastDisplay: 'b',
      }),
    ).toEqual({ byDisplay: { a: { x: 1, y: 2, width: 3, height: 4 } }, lastDisplay: null });
  });
});

describe('overlay placement when displays change', () => {
  it('an overlay on a display that went away comes back on the remaining one', () => {
    const onMonitor = { x: 2500, y: 900, width: 1200, height: 150 };
    expect(afterDisplayChange(one, emptyPlacementMemory, style, onMonitor)).toEqual(
      defaultBounds(laptop, style),
    );
  });

  it('an overlay still on a display is only kept inside that display’s work area', () => {
    expect(
      afterDisplayChange(two, emptyPlacementMemory, style, { x: 100, y: 1000, width: 800, height: 120 }),
    ).toEqual({
      x: 100,
      y: 920,
      width: 800,
      height: 120,
    });
    expect(
      afterDisplayChange(two, emptyPlacementMemory, style, { x: 3000, y: 100, width: 800, height: 120 }),
    ).toEqual({
      x: 3000,
      y: 100,
      width: 800,
      height: 120,
    });
  });
});
