/** What the session controller offers, and what it needs from the rest of main's core. */
import type { SessionAudioFormat } from './audio-format';
import type { CaptureProblem } from '../../../shared/capture-problem';
import type { KeyCapabilities } from '../../../shared/key-status';
import type { KeytermsTakeEffect } from '../../../shared/keyterm-update';
import type { SessionState } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';
import type { TranscriptEvent } from '../../../shared/transcript';
import type { Logger, SecretRegistry } from '../logger';
import type { WaitingAudioKeeper } from './audio-spill';
import type { SessionTuning } from './session-tuning';
import type { SessionTranscriptStore } from './transcript-sink';

/** When a running session's new keyterms apply (a session that is not running leaves them to the next one). */
export type RunningSessionKeyterms = Exclude<KeytermsTakeEffect, 'next-session'>;

export interface SessionController {
  /** Opens the live connection; throws EarshotError (no-key, session-busy, bad-key, ...). */
  start(): Promise<SessionState>;
  /**
   * Finalize + CloseStream, then waits (bounded) for the last Results and Metadata. During an
   * outage it keeps trying for a while; what still is not transcribed then is kept on disk.
   */
  stop(): Promise<SessionState>;
  /** Ends a Stop that is still trying during an outage; the audio is kept on disk. */
  stopNow(): Promise<SessionState>;
  setPaused(paused: boolean): SessionState;
  /** 16 kHz Int16 LE in the session's format (audioFormat()); a frame of partial sample frames is refused. */
  pushAudio(frame: ArrayBuffer): void;
  /** The running session's audio format; between sessions, the one the settings would start. */
  audioFormat(): SessionAudioFormat;
  reportCaptureProblem(problem: CaptureProblem): void;
  /** The machine is about to sleep: Deepgram finishes what it heard so far. */
  systemSuspending(): void;
  /** The machine woke up: the connection is replaced at once, without waiting out a backoff. */
  systemResumed(): void;
  /** The network came back: a reconnection waiting out its backoff goes now. */
  networkOnline(): void;
  /** True while a reconnection waits out its backoff, which news of the network would cut short. */
  waitingToReconnect(): boolean;
  /**
   * New keyterms for the running session: 'now' when Deepgram confirmed a Configure, else
   * 'next-connection'; null when no session is running.
   */
  updateKeyterms(keyterms: readonly string[]): Promise<RunningSessionKeyterms | null>;
  state(): SessionState;
  /** Main transcribed (or the person deleted) some of a session's waiting audio. */
  waitingAudioChanged(sessionId: string, waitingAudioMs: number): void;
  dispose(): Promise<void>;
}

/** The parts of the key vault a session uses (structurally Pick<KeyVault, ...>). */
export interface SessionVault {
  /** Refuses (before anything is sent) when the key was saved for another origin. */
  readKeyFor(endpoint: string): Promise<string>;
  capabilities(): KeyCapabilities | null;
  projectId(): string | null;
}

export interface SessionControllerDeps {
  getSettings: () => Settings;
  vault: SessionVault;
  transcriptStore: SessionTranscriptStore;
  /** Where audio goes that Deepgram could not be reached in time for. */
  waitingAudio: WaitingAudioKeeper;
  /** A connection opened: Deepgram answers again (waiting audio can be transcribed). */
  onConnected?: () => void;
  /** A session ended (its id), so its waiting audio, if any, may now be transcribed. */
  onSessionEnded?: (sessionId: string) => void;
  emitTranscript: (event: TranscriptEvent) => void;
  emitState: (state: SessionState) => void;
  secrets: SecretRegistry;
  log: Logger;
  tuning?: Partial<SessionTuning>;
}
