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
  /** Milliseconds of audio waiting in the offline buffer. */
  bufferedAudioMs: number;
  /**
   * Milliseconds of this session's audio kept on disk because Deepgram could not be reached
   * in time: it is transcribed later and merged into the session.
   */
  waitingAudioMs: number;
  /** Milliseconds of audio that could not be kept because the store for waiting audio was full. */
  unkeptAudioMs: number;
  /** Set while Stop is still sending held audio during an outage; "Stop now" ends it. */
  finishing: { unsentAudioMs: number; attempt: number } | null;
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
  bufferedAudioMs: 0,
  waitingAudioMs: 0,
  unkeptAudioMs: 0,
  finishing: null,
  credential: null,
  error: null,
  notice: null,
});
