/** What the Settings screen shows about the dictation shortcut, and what main asks the window to capture. */

export type ShortcutState =
  /** Dictation is off in Settings. */
  | 'off'
  /** The hook sees presses and releases: tap toggles, hold is hold-to-talk. */
  | 'ready'
  /** Only presses can be seen (no hook on this desktop): a tap toggles, holding does nothing more. */
  | 'tap-only'
  /** Another app holds the chord (or the system refused it): it does nothing in Earshot. */
  | 'taken'
  /** Neither the hook nor the system's shortcut works here. */
  | 'unavailable';

export interface ShortcutStatus {
  /** The chord in force, e.g. "Ctrl+Alt+Space" (the platform's default when none is chosen). */
  chord: string | null;
  state: ShortcutState;
  /** One plain sentence for the Settings screen. */
  sentence: string;
}

export interface DictationStatus {
  dictation: ShortcutStatus;
  pasteLast: ShortcutStatus;
}

export const captureActions = ['start', 'stop', 'cancel'] as const;
export type CaptureAction = (typeof captureActions)[number];

/**
 * Main asks the window to capture for a session main started (the dictation shortcut, with the
 * window hidden or in the background): 'start' opens the microphone at once (frames are kept
 * until the session is open), 'stop' finishes capture and then stops the session as the Stop
 * button does, 'cancel' drops capture.
 */
export interface CaptureRequest {
  action: CaptureAction;
}

export const unavailableDictationStatus: DictationStatus = {
  dictation: { chord: null, state: 'unavailable', sentence: 'Dictation shortcuts are not available here.' },
  pasteLast: { chord: null, state: 'off', sentence: '' },
};
