/**
 * The caption overlay's own IPC contract, apart from the main window's: the overlay receives
 * transcript, session-phase and overlay-view events, and may ask for four things only (its view,
 * click-through on or off, fewer or more lines and a smaller or larger text, hiding itself). Main's
 * overlay dispatcher accepts these channels from the overlay window alone, and the main window's
 * dispatcher refuses the overlay (its webContents is not among the main window's).
 */
import { overlayLimits, type OverlayStyle } from './overlay-style';
import type { SessionPhase } from './session-state';
import type { TranscriptSegment } from './transcript';
import type { IpcResult } from './user-facing-error';
import { boolean, noPayload, number, object, partialObject, type Validator } from './validation';

function resultOf<T>(): T | undefined {
  return undefined;
}

/** What the overlay shows besides words: its look, click-through, and the shortcut that ends it. */
export interface OverlayView {
  style: OverlayStyle;
  clickThrough: boolean;
  /** The global shortcut that turns click-through off again, as the person would press it, or null. */
  clickThroughShortcut: string | null;
  /** Names given to speakers in the live session, by speaker key (src/shared/speaker-labels.ts). */
  speakerNames: Record<string, string>;
}

/** The transcript as the overlay needs it: segments only, with no session id. */
export interface OverlayCaption {
  segment: TranscriptSegment;
}

export interface OverlayAdjustment {
  lines?: number;
  fontSize?: number;
}

export const overlayAdjustment: Validator<OverlayAdjustment> = partialObject({
  lines: number({ ...overlayLimits.lines, integer: true }),
  fontSize: number({ ...overlayLimits.fontSize, integer: true }),
});

export const overlayInvokeContract = {
  getOverlayView: { channel: 'earshot-overlay:view', request: noPayload, result: resultOf<OverlayView>() },
  setClickThrough: {
    channel: 'earshot-overlay:click-through',
    request: object({ enabled: boolean }),
    result: resultOf<OverlayView>(),
  },
  adjustOverlay: {
    channel: 'earshot-overlay:adjust',
    request: overlayAdjustment,
    result: resultOf<OverlayView>(),
  },
  hideOverlay: { channel: 'earshot-overlay:hide', request: noPayload, result: resultOf<boolean>() },
} as const;

export const overlayEventContract = {
  onCaption: { channel: 'earshot-overlay:event:caption', payload: resultOf<OverlayCaption>() },
  onSessionPhase: { channel: 'earshot-overlay:event:phase', payload: resultOf<SessionPhase>() },
  onOverlayView: { channel: 'earshot-overlay:event:view', payload: resultOf<OverlayView>() },
} as const;

export type OverlayInvokeMethod = keyof typeof overlayInvokeContract;
export type OverlayEventMethod = keyof typeof overlayEventContract;
export type OverlayRequestOf<M extends OverlayInvokeMethod> = ReturnType<
  (typeof overlayInvokeContract)[M]['request']
>;
export type OverlayResultOf<M extends OverlayInvokeMethod> = NonNullable<
  (typeof overlayInvokeContract)[M]['result']
>;
export type OverlayEventPayloadOf<M extends OverlayEventMethod> = NonNullable<
  (typeof overlayEventContract)[M]['payload']
>;

export type OverlayInvokeHandlers = {
  [M in OverlayInvokeMethod]: (request: OverlayRequestOf<M>) => Promise<OverlayResultOf<M>>;
};

/** The object the overlay's preload exposes as window.earshotOverlay, and nothing more. */
export type OverlayBridge = {
  [M in OverlayInvokeMethod]: OverlayRequestOf<M> extends undefined
    ? () => Promise<IpcResult<OverlayResultOf<M>>>
    : (request: OverlayRequestOf<M>) => Promise<IpcResult<OverlayResultOf<M>>>;
} & {
  [M in OverlayEventMethod]: (listener: (payload: OverlayEventPayloadOf<M>) => void) => () => void;
};

export const overlayBridgeGlobalName = 'earshotOverlay';

/** The overlay's page, relative to the app's origin. */
export const overlayPagePath = '/overlay/index.html';
