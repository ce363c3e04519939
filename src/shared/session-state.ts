import type { UserFacingError } from './user-facing-error';

export type SessionPhase = 'idle' | 'connecting' | 'live' | 'paused' | 'reconnecting' | 'stopping' | 'error';

export type CredentialKind = 'access-token' | 'ephemeral-key' | 'stored-key';

export interface SessionState {
  phase: SessionPhase;
  sessionId: string | null;
  /** Epoch milliseconds when the session started, for the elapsed-time display. */
  startedAt: number | null;
  /** Reconnection attempt number while phase is 'reconnecting'. */
  reconnectAttempt: number;
  /** Milliseconds of audio dropped because the offline buffer was full. */
  droppedAudioMs: number;
  /** Milliseconds of audio waiting in the offline buffer. */
  bufferedAudioMs: number;
  credential: CredentialKind | null;
  /** Why the session is in 'error', or a notice that does not stop it (e.g. a credential fallback). */
  error: UserFacingError | null;
  notice: string | null;
}

export const idleSessionState: Readonly<SessionState> = Object.freeze({
  phase: 'idle',
  sessionId: null,
  startedAt: null,
  reconnectAttempt: 0,
  droppedAudioMs: 0,
  bufferedAudioMs: 0,
  credential: null,
  error: null,
  notice: null,
});
