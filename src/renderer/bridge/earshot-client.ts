/**
 * Typed client over window.earshot. Every request resolves to its value or rejects with an
 * EarshotRequestError carrying the plain sentence main chose for the user.
 */
import type { EarshotBridge } from '../../shared/ipc-contract';
import type { SessionSummary, SessionTranscript } from '../../shared/history';
import type { KeyPersistence, KeyStatus } from '../../shared/key-status';
import type { SessionState } from '../../shared/session-state';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { TranscriptEvent } from '../../shared/transcript';
import {
  defaultMessages,
  userFacingError,
  type IpcResult,
  type UserFacingError,
} from '../../shared/user-facing-error';

export class EarshotRequestError extends Error {
  override name = 'EarshotRequestError';
  readonly userFacing: UserFacingError;
  constructor(userFacing: UserFacingError) {
    super(userFacing.message);
    this.userFacing = userFacing;
  }
}

export type CaptureProblem = 'microphone-denied' | 'microphone-unavailable' | 'device-lost';

/** What a key is saved together with: where it may be sent, and how sessions stream with it. */
export type KeyBinding = Pick<Settings, 'endpoint' | 'streamingCredential'>;

export interface SettingsWithNotice {
  settings: Settings;
  notice: string | null;
}

export interface EarshotClient {
  getKeyStatus(): Promise<KeyStatus>;
  /**
   * The one call that carries a key: renderer to main, never back. Main checks it with this
   * endpoint only and binds it there, with this way of streaming.
   */
  saveKey(key: string, persistence: KeyPersistence, binding: KeyBinding): Promise<KeyStatus>;
  testKey(): Promise<KeyStatus>;
  removeKey(): Promise<KeyStatus>;
  getSettings(): Promise<SettingsWithNotice>;
  updateSettings(patch: SettingsPatch): Promise<SettingsWithNotice>;
  startSession(): Promise<SessionState>;
  stopSession(): Promise<SessionState>;
  pauseSession(paused: boolean): Promise<SessionState>;
  getSessionState(): Promise<SessionState>;
  listHistory(): Promise<SessionSummary[]>;
  getHistorySession(id: string): Promise<SessionTranscript>;
  sendAudio(frame: ArrayBuffer): void;
  reportCaptureProblem(problem: CaptureProblem): void;
  onTranscript(listener: (event: TranscriptEvent) => void): () => void;
  onSessionState(listener: (state: SessionState) => void): () => void;
}

/** The user-facing error inside anything a request may throw. */
export function userFacingErrorOf(error: unknown): UserFacingError {
  if (error instanceof EarshotRequestError) return error.userFacing;
  return userFacingError('internal');
}

async function unwrap<T>(request: () => Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await request();
  } catch {
    // The bridge itself failed (IPC torn down): there is no sentence from main to show.
    throw new EarshotRequestError(userFacingError('internal', defaultMessages.internal));
  }
  if (result.ok) return result.value;
  throw new EarshotRequestError(result.error);
}

export function createEarshotClient(bridge: EarshotBridge): EarshotClient {
  return {
    getKeyStatus: () => unwrap(() => bridge.getKeyStatus()),
    saveKey: (key, persistence, binding) => unwrap(() => bridge.saveKey({ key, persistence, ...binding })),
    testKey: () => unwrap(() => bridge.testKey()),
    removeKey: () => unwrap(() => bridge.removeKey()),
    getSettings: () => unwrap(() => bridge.getSettings()),
    updateSettings: (patch) => unwrap(() => bridge.updateSettings(patch)),
    startSession: () => unwrap(() => bridge.startSession()),
    stopSession: () => unwrap(() => bridge.stopSession()),
    pauseSession: (paused) => unwrap(() => bridge.pauseSession({ paused })),
    getSessionState: () => unwrap(() => bridge.getSessionState()),
    listHistory: () => unwrap(() => bridge.listHistory()),
    getHistorySession: (id) => unwrap(() => bridge.getHistorySession({ id })),
    sendAudio: (frame) => bridge.sendAudio(frame),
    reportCaptureProblem: (problem) => bridge.reportCaptureProblem({ problem }),
    onTranscript: (listener) => bridge.onTranscript(listener),
    onSessionState: (listener) => bridge.onSessionState(listener),
  };
}

/** The client for this window, or null when the page runs without Earshot's preload. */
export function connectToEarshot(): EarshotClient | null {
  const bridge = window.earshot;
  return bridge ? createEarshotClient(bridge) : null;
}
