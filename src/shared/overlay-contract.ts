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
import {
  eventChannel,
  invokeChannel,
  resultOf,
  type EntryRequest,
  type EntryResult,
  type EventPayload,
  type EventSubscriptions,
  type InvokeCalls,
  type InvokeHandlersOf,
} from './contract-table';
import { boolean, noPayload, number, object, partialObject, type Validator } from './validation';

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

/** Click-through on (clicks reach the app below) or off. */
const clickThroughSwitch = object({ enabled: boolean });

export const overlayInvokeContract = {
  getOverlayView: invokeChannel('earshot-overlay:view', noPayload, resultOf<OverlayView>()),
  setClickThrough: invokeChannel(
    'earshot-overlay:click-through',
    clickThroughSwitch,
    resultOf<OverlayView>(),
  ),
  adjustOverlay: invokeChannel('earshot-overlay:adjust', overlayAdjustment, resultOf<OverlayView>()),
  hideOverlay: invokeChannel('earshot-overlay:hide', noPayload, resultOf<boolean>()),
} as const;

export const overlayEventContract = {
  onCaption: eventChannel<OverlayCaption>('earshot-overlay:event:caption'),
  onSessionPhase: eventChannel<SessionPhase>('earshot-overlay:event:phase'),
  onOverlayView: eventChannel<OverlayView>('earshot-overlay:event:view'),
} as const;

export type OverlayInvokeMethod = keyof typeof overlayInvokeContract;
export type OverlayEventMethod = keyof typeof overlayEventContract;
export type OverlayRequestOf<M extends OverlayInvokeMethod> = EntryRequest<(typeof overlayInvokeContract)[M]>;
export type OverlayResultOf<M extends OverlayInvokeMethod> = EntryResult<(typeof overlayInvokeContract)[M]>;
export type OverlayEventPayloadOf<M extends OverlayEventMethod> = EventPayload<
  (typeof overlayEventContract)[M]
>;

export type OverlayInvokeHandlers = InvokeHandlersOf<typeof overlayInvokeContract>;

/** The object the overlay's preload exposes as window.earshotOverlay, and nothing more. */
export type OverlayBridge = InvokeCalls<typeof overlayInvokeContract> &
  EventSubscriptions<typeof overlayEventContract>;

export const overlayBridgeGlobalName = 'earshotOverlay';

/** The overlay's page, relative to the app's origin. */
export const overlayPagePath = '/overlay/index.html';
