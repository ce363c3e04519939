/**
 * The dictation indicator's own IPC contract, apart from the main window's and the overlay's:
 * the indicator only receives events (the session's state in a few words, and the audio level)
 * and can invoke or send nothing. Its preload exposes two subscriptions and no function that
 * reaches main; main registers no channel for it, and the main window's dispatcher refuses it
 * (its webContents is not among the main window's).
 */
import type { SessionPhase } from './session-state';

function payloadOf<T>(): T | undefined {
  return undefined;
}

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
  onIndicatorState: { channel: 'earshot-indicator:event:state', payload: payloadOf<IndicatorState>() },
  onIndicatorLevel: { channel: 'earshot-indicator:event:level', payload: payloadOf<IndicatorLevel>() },
} as const;

export type IndicatorEventMethod = keyof typeof indicatorEventContract;
export type IndicatorEventPayloadOf<M extends IndicatorEventMethod> = NonNullable<
  (typeof indicatorEventContract)[M]['payload']
>;

/** The object the indicator's preload exposes as window.earshotIndicator, and nothing more. */
export type IndicatorBridge = {
  [M in IndicatorEventMethod]: (listener: (payload: IndicatorEventPayloadOf<M>) => void) => () => void;
};

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
