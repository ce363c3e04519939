/**
 * Sessions main starts (the dictation shortcut, with the window hidden or behind another app):
 * main asks the window to capture, and the window obeys as if Start had been pressed, except
 * that main has already started the session. Frames are kept from the moment the microphone
 * opens until main's session exists, then sent in order (the relay).
 */
import type { EarshotClient } from '../bridge/earshot-client';
import { EarshotRequestError } from '../bridge/earshot-client';
import type { SessionState } from '../../shared/session-state';
import type { Settings } from '../../shared/settings';
import { userFacingError } from '../../shared/user-facing-error';

export interface CaptureTarget {
  /** False when the window is busy with a session of its own. */
  startForMain(settings: Settings, sessionStarted: Promise<SessionState>): boolean;
  stop(): Promise<void>;
}

const takingAudio = new Set<SessionState['phase']>(['connecting', 'live', 'paused', 'reconnecting']);

/** Resolves with main's session once it takes audio; rejects with main's sentence when it could not start. */
export function mainSessionStarted(client: Pick<EarshotClient, 'onSessionState'>): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    const unsubscribe = client.onSessionState((state) => {
      if (takingAudio.has(state.phase)) {
        unsubscribe();
        resolve(state);
      } else if (state.phase === 'error') {
        unsubscribe();
        reject(new EarshotRequestError(state.error ?? userFacingError('internal')));
      }
    });
  });
}

export function followCaptureRequests(
  client: Pick<EarshotClient, 'onCaptureRequest' | 'onSessionState' | 'getSettings'>,
  target: CaptureTarget,
): () => void {
  // Only a capture main asked for is stopped by main: never a session the person started here.
  let capturingForMain = false;
  let startRequest = 0;
  return client.onCaptureRequest(({ action }) => {
    if (action !== 'start') {
      startRequest += 1;
      // Cancel too: main stops the session itself and inserts nothing; the window just lets go.
      if (capturingForMain) void target.stop();
      capturingForMain = false;
      return;
    }
    const request = (startRequest += 1);
    // Listening for main's session before asking for settings: its state may come first.
    const started = mainSessionStarted(client);
    started.catch(() => undefined);
    void client.getSettings().then(
      ({ settings }) => {
        // A stop that came while the settings were asked for: nothing to start.
        if (request === startRequest) capturingForMain = target.startForMain(settings, started);
      },
      () => undefined,
    );
  });
}
