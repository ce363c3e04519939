/**
 * Where the caption overlay goes. It remembers its bounds per display (keyed by the display's
 * id and bounds, so a monitor swapped for another at the same id is a new display) and which
 * display it was last on. When that display is gone, it comes back on the primary display,
 * and whatever it is given is kept inside the display's work area. Plain TypeScript: the glue
 * reads Electron's screen into DisplayLayout and applies the Rect.
 */
import { overlayLimits, type OverlayStyle } from '../../../shared/overlay-style';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** The display minus task bars, docks and menu bars. */
  workArea: Rect;
}

export interface DisplayLayout {
  displays: readonly DisplayInfo[];
  primaryId: number;
}

export interface PlacementMemory {
  /** Bounds the person left the overlay at, per display key. */
  byDisplay: Record<string, Rect>;
  /** The display it was last on, or null before it was first placed. */
  lastDisplay: string | null;
}

export const emptyPlacementMemory: PlacementMemory = Object.freeze({ byDisplay: {}, lastDisplay: null });

/** Small enough for one short line, large enough to grab. */
const minimumOverlaySize = { width: 200, height: 60 } as const;
const bottomMarginRatio = 0.06;

export function displayKey(display: DisplayInfo): string {
  const { x, y, width, height } = display.bounds;
  return `${display.id}@${x},${y},${width}x${height}`;
}

/** Height for the chosen lines at the chosen size: line height 1.3, padding and the control strip. */
export function overlayHeightFor(style: Pick<OverlayStyle, 'lines' | 'fontSize'>): number {
  const lines = Math.min(Math.max(style.lines, overlayLimits.lines.min), overlayLimits.lines.max);
  return Math.round(lines * style.fontSize * 1.3 + 56);
}

/** Moves and shrinks a rectangle until it lies wholly inside the area. */
export function keepInside(rect: Rect, area: Rect): Rect {
  const width = Math.round(Math.min(Math.max(rect.width, minimumOverlaySize.width), area.width));
  const height = Math.round(Math.min(Math.max(rect.height, minimumOverlaySize.height), area.height));
  const x = Math.round(Math.min(Math.max(rect.x, area.x), area.x + area.width - width));
  const y = Math.round(Math.min(Math.max(rect.y, area.y), area.y + area.height - height));
  return { x, y, width, height };
}

/** Centred near the bottom of the work area, where captions usually are. */
export function defaultBounds(display: DisplayInfo, style: OverlayStyle): Rect {
  const area = display.workArea;
  const width = Math.round((area.width * style.widthPercent) / 100);
  const height = overlayHeightFor(style);
  const x = area.x + Math.round((area.width - width) / 2);
  const y = area.y + area.height - height - Math.round(area.height * bottomMarginRatio);
  return keepInside({ x, y, width, height }, area);
}

function primaryOf(layout: DisplayLayout): DisplayInfo | undefined {
  return layout.displays.find((display) => display.id === layout.primaryId) ?? layout.displays[0];
}

/** Where the overlay opens: its last display if still there, else the primary; its remembered bounds there, else the default. */
export function placeOverlay(
  layout: DisplayLayout,
  memory: PlacementMemory,
  style: OverlayStyle,
): Rect | null {
  const last = layout.displays.find((display) => displayKey(display) === memory.lastDisplay);
  const display = last ?? primaryOf(layout);
  if (!display) return null;
  const remembered = memory.byDisplay[displayKey(display)];
  return remembered ? keepInside(remembered, display.workArea) : defaultBounds(display, style);
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The display most of the rectangle is on (Electron's screen.getDisplayMatching does the same). */
export function displayUnder(layout: DisplayLayout, rect: Rect): DisplayInfo | undefined {
  let best: DisplayInfo | undefined;
  let bestArea = 0;
  for (const display of layout.displays) {
    const area = overlapArea(rect, display.bounds);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best ?? primaryOf(layout);
}

/** Where the overlay should be now that displays changed: inside the work area of the display it is on, or placed afresh when none shows it. */
export function afterDisplayChange(
  layout: DisplayLayout,
  memory: PlacementMemory,
  style: OverlayStyle,
  bounds: Rect,
): Rect | null {
  const showing = layout.displays.filter((display) => overlapArea(bounds, display.bounds) > 0);
  if (showing.length === 0) return placeOverlay(layout, memory, style);
  const display = displayUnder({ displays: showing, primaryId: layout.primaryId }, bounds);
  return display ? keepInside(bounds, display.workArea) : null;
}

/** The person moved or resized the overlay: remember it for the display it is now on. */
export function rememberPlacement(
  memory: PlacementMemory,
  layout: DisplayLayout,
  bounds: Rect,
): PlacementMemory {
  const display = displayUnder(layout, bounds);
  if (!display) return memory;
  const key = displayKey(display);
  return { byDisplay: { ...memory.byDisplay, [key]: { ...bounds } }, lastDisplay: key };
}

/** The style's width or lines changed: forget this display's size so the new default applies, keep the rest. */
export function restyledBounds(current: Rect, display: DisplayInfo, style: OverlayStyle): Rect {
  const fresh = defaultBounds(display, style);
  const centre = current.x + current.width / 2;
  return keepInside(
    {
      x: Math.round(centre - fresh.width / 2),
      y: current.y + current.height - fresh.height,
      width: fresh.width,
      height: fresh.height,
    },
    display.workArea,
  );
}

const finiteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function rectFrom(value: unknown): Rect | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!finiteNumber(x) || !finiteNumber(y) || !finiteNumber(width) || !finiteNumber(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x, y, width, height };
}

/** Reads memory from its file; anything malformed is dropped (the overlay then opens at its default place). */
export function placementMemoryFrom(stored: unknown): PlacementMemory {
  if (typeof stored !== 'object' || stored === null) return emptyPlacementMemory;
  const { byDisplay, lastDisplay } = stored as Record<string, unknown>;
  const places: Record<string, Rect> = {};
  if (typeof byDisplay === 'object' && byDisplay !== null) {
    // At most a few dozen displays are ever remembered; more means a damaged file.
    for (const [key, value] of Object.entries(byDisplay).slice(0, 64)) {
      const rect = rectFrom(value);
      if (rect && key.length <= 128) places[key] = rect;
    }
  }
  return {
    byDisplay: places,
    lastDisplay: typeof lastDisplay === 'string' && Object.hasOwn(places, lastDisplay) ? lastDisplay : null,
  };
}
