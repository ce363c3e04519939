/**
 * The dictation indicator's own IPC contract, apart from the main window's and the overlay's:
 * the indicator only receives events (the session's state in a few words, and the audio level)
 * and can invoke or send nothing. Its preload exposes two subscriptions and no function that
 * reaches main; main registers no channel for it, and the main window's dispatcher refuses it
 * (its webContents is not among the main window's).
 */
import { eventChannel, type EventPayload, type EventSubscriptions } from './contract-table';
import type { SessionPhase } from './session-state';

/** What the indicator shows besides the level. */
export interface IndicatorState {
  phase: SessionPhase;
  /** A few words for the phase, e.g. "Listening", "Reconnecting…". */
  label: string;
}

/** The audio level of the last ~50 ms: 0 (silence) to 1 (full scale), on a dB scale. */
export interface IndicatorLevel {
  level: number;
}

export const indicatorEventContract = {
  onIndicatorState: eventChannel<IndicatorState>('earshot-indicator:event:state'),
  onIndicatorLevel: eventChannel<IndicatorLevel>('earshot-indicator:event:level'),
} as const;

export type IndicatorEventMethod = keyof typeof indicatorEventContract;
export type IndicatorEventPayloadOf<M extends IndicatorEventMethod> = EventPayload<
  (typeof indicatorEventContract)[M]
>;

/** The object the indicator's preload exposes as window.earshotIndicator, and nothing more. */
export type IndicatorBridge = EventSubscriptions<typeof indicatorEventContract>;

export const indicatorBridgeGlobalName = 'earshotIndicator';
export const indicatorPagePath = '/indicator/index.html';

export function indicatorLabel(phase: SessionPhase): string {
  switch (phase) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Listening';
    case 'paused':
      return 'Paused';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'stopping':
      return 'Finishing…';
    case 'error':
      return 'Stopped';
    case 'idle':
      return 'Not listening';
  }
}
