/**
 * The one IPC contract between renderer and main. Main's handlers, the preload bridge
 * and the renderer's client are all derived from these tables, so a channel, its
 * payload validation and its result type are defined exactly once.
 */
import { captureProblems } from './capture-problem';
import {
  sessionIdLength,
  sessionIdPattern,
  type SessionSummary,
  type SessionTranscript,
  type WaitingAudioStatus,
  type HistorySearchHit,
  type TranscriptStorageInfo,
} from './history';
import { searchQuery, sessionTitle, speakerKey, speakerName } from './history-requests';
import { keyPersistences, type KeyStatus } from './key-status';
import type { SessionState } from './session-state';
import type { CaptureRequest, DictationStatus } from './dictation-status';
import type { KeytermUpdate } from './keyterm-update';
import {
  endpointUrl,
  keytermList,
  settingsPatch,
  streamingCredentialChoice,
  type SettingsPatch,
  type SettingsWithNotice,
} from './settings';
import { exportFormats, type ExportResult } from './export/export-format';
import type { TranscriptEvent } from './transcript';
import type { IpcResult } from './user-facing-error';
import { arrayBuffer, boolean, literal, noPayload, object, string, type Validator } from './validation';

/** Carries a result type through the table without a runtime value. */
function resultOf<T>(): T | undefined {
  return undefined;
}

export const apiKey = string({
  minLength: 16,
  maxLength: 256,
  // No quote or backslash: a key then reads the same raw and inside JSON, where logs redact it.
  pattern: /^[\x21\x23-\x5b\x5d-\x7e]+$/,
  patternDescription: 'an API key (letters, digits and symbols, no spaces, quotes or backslashes)',
});

/** Exactly the ids main generates (src/shared/history.ts), so `CON`, `..` and the like never reach the store. */
export const sessionId = string({
  minLength: sessionIdLength,
  maxLength: sessionIdLength,
  pattern: sessionIdPattern,
  patternDescription: 'a session id as Earshot creates it',
});

/**
 * Audio frames: 16 kHz linear16, mono or (audio source "both") two interleaved channels. The
 * session's format is fixed at Start; main refuses a frame that is not whole sample frames of it.
 */
export const audioFrameLimits = {
  sampleRate: 16_000,
  channels: 1,
  maxChannels: 2,
  bytesPerSample: 2,
  frameMs: 20,
  maxFrameMs: 50,
  maxFrameBytes: 64 * 1024,
  /** Frames may arrive at most this much faster than real time (bursts after a stall). */
  maxRealTimeFactor: 2,
} as const;

export const invokeContract = {
  getKeyStatus: { channel: 'earshot:key:status', request: noPayload, result: resultOf<KeyStatus>() },
  saveKey: {
    channel: 'earshot:key:save',
    /** The key is checked with this endpoint only, and bound to it with this way of streaming. */
    request: object({
      key: apiKey,
      persistence: literal(...keyPersistences),
      endpoint: endpointUrl,
      streamingCredential: streamingCredentialChoice,
    }),
    result: resultOf<KeyStatus>(),
  },
  testKey: { channel: 'earshot:key:test', request: noPayload, result: resultOf<KeyStatus>() },
  removeKey: { channel: 'earshot:key:remove', request: noPayload, result: resultOf<KeyStatus>() },
  getSettings: {
    channel: 'earshot:settings:get',
    request: noPayload,
    result: resultOf<SettingsWithNotice>(),
  },
  updateSettings: {
    channel: 'earshot:settings:update',
    request: settingsPatch as Validator<SettingsPatch>,
    result: resultOf<SettingsWithNotice>(),
  },
  startSession: { channel: 'earshot:session:start', request: noPayload, result: resultOf<SessionState>() },
  stopSession: { channel: 'earshot:session:stop', request: noPayload, result: resultOf<SessionState>() },
  /** While Stop is finishing during an outage: stop trying; what is unsent is kept on disk. */
  stopSessionNow: {
    channel: 'earshot:session:stop-now',
    request: noPayload,
    result: resultOf<SessionState>(),
  },
  pauseSession: {
    channel: 'earshot:session:pause',
    request: object({ paused: boolean }),
    result: resultOf<SessionState>(),
  },
  getSessionState: { channel: 'earshot:session:state', request: noPayload, result: resultOf<SessionState>() },
  /** Keyterms edited during a session: saved, and sent to the running session where the endpoint allows. */
  setKeyterms: {
    channel: 'earshot:session:keyterms',
    request: object({ keyterms: keytermList }),
    result: resultOf<KeytermUpdate>(),
  },
  /** The dictation shortcuts in force and whether they work here (Settings shows the sentences). */
  /** Opens the caption overlay window (or shows it again); answers whether it is shown. */
  showCaptions: { channel: 'earshot:overlay:show', request: noPayload, result: resultOf<boolean>() },
  getDictationStatus: {
    channel: 'earshot:dictation:status',
    request: noPayload,
    result: resultOf<DictationStatus>(),
  },
  listHistory: { channel: 'earshot:history:list', request: noPayload, result: resultOf<SessionSummary[]>() },
  getHistorySession: {
    channel: 'earshot:history:get',
    request: object({ id: sessionId }),
    result: resultOf<SessionTranscript>(),
  },
  /** Tries now to transcribe the session's waiting audio; progress arrives as onWaitingAudio. */
  transcribeWaitingAudio: {
    channel: 'earshot:history:transcribe-waiting',
    request: object({ id: sessionId }),
    result: resultOf<WaitingAudioStatus>(),
  },
  /** The person gives up the session's waiting audio: it is deleted, never transcribed. */
  deleteWaitingAudio: {
    channel: 'earshot:history:delete-waiting',
    request: object({ id: sessionId }),
    result: resultOf<WaitingAudioStatus>(),
  },
  /** Full-text search over every session, best first; rate-limited (a keystroke each, debounced). */
  searchHistory: {
    channel: 'earshot:history:search',
    request: object({ query: searchQuery }),
    result: resultOf<HistorySearchHit[]>(),
  },
  /** A blank title gives the session back its first words. */
  renameSession: {
    channel: 'earshot:history:rename',
    request: object({ id: sessionId, title: sessionTitle }),
    result: resultOf<SessionSummary>(),
  },
  /** Hidden at once, deleted for good after the undo window (restoreSession brings it back). */
  deleteSession: {
    channel: 'earshot:history:delete',
    request: object({ id: sessionId }),
    result: resultOf<SessionSummary>(),
  },
  restoreSession: {
    channel: 'earshot:history:restore',
    request: object({ id: sessionId }),
    result: resultOf<SessionSummary>(),
  },
  /** Names a speaker of a session (opaque key such as "0"); a blank name forgets it. */
  renameSpeaker: {
    channel: 'earshot:history:rename-speaker',
    request: object({ id: sessionId, speakerKey, name: speakerName }),
    result: resultOf<Record<string, string>>(),
  },
  getStorageInfo: {
    channel: 'earshot:history:storage',
    request: noPayload,
    result: resultOf<TranscriptStorageInfo>(),
  },
  /** Main renders the session, asks where to save it in a native dialog, and writes it; the window gets the file name only. */
  exportSession: {
    channel: 'earshot:history:export',
    request: object({ id: sessionId, format: literal(...exportFormats) }),
    result: resultOf<ExportResult>(),
  },
} as const;

/** Fire-and-forget messages from renderer to main. */
export const sendContract = {
  sendAudio: {
    channel: 'earshot:audio:frame',
    request: arrayBuffer({ maxBytes: audioFrameLimits.maxFrameBytes, evenLength: true }),
  },
  /** The renderer reports microphone problems so main can stop the session with the right reason. */
  reportCaptureProblem: {
    channel: 'earshot:audio:problem',
    request: object({ problem: literal(...captureProblems) }),
  },
  /**
   * The window saw the network come back. Main takes it as "try now" and nothing more: a
   * reconnection waiting out its backoff goes at once; otherwise nothing happens.
   */
  reportNetworkOnline: { channel: 'earshot:network:online', request: noPayload },
} as const;

/** Events from main to renderer. */
export const eventContract = {
  onTranscript: { channel: 'earshot:event:transcript', payload: resultOf<TranscriptEvent>() },
  onSessionState: { channel: 'earshot:event:session-state', payload: resultOf<SessionState>() },
  /** Main started a session (the dictation shortcut): the window captures for it, or stops. */
  onCaptureRequest: { channel: 'earshot:event:capture-request', payload: resultOf<CaptureRequest>() },
  /** Waiting audio was transcribed (its words are in the session now), or an attempt failed. */
  onWaitingAudio: { channel: 'earshot:event:waiting-audio', payload: resultOf<WaitingAudioStatus>() },
  /** A session's speaker names changed (renamed anywhere), so every view of it shows the new names. */
  onSpeakerNames: {
    channel: 'earshot:event:speaker-names',
    payload: resultOf<{ sessionId: string; speakerNames: Record<string, string> }>(),
  },
} as const;

export type InvokeMethod = keyof typeof invokeContract;
export type SendMethod = keyof typeof sendContract;
export type EventMethod = keyof typeof eventContract;

export type RequestOf<M extends InvokeMethod> = ReturnType<(typeof invokeContract)[M]['request']>;
export type ResultOf<M extends InvokeMethod> = NonNullable<(typeof invokeContract)[M]['result']>;
export type SendPayloadOf<M extends SendMethod> = ReturnType<(typeof sendContract)[M]['request']>;
export type EventPayloadOf<M extends EventMethod> = NonNullable<(typeof eventContract)[M]['payload']>;

/** A call to one invoke entry, answered with `Answer`; it takes no argument when the entry takes no request. */
export type InvokeCall<M extends InvokeMethod, Answer> =
  RequestOf<M> extends undefined ? () => Answer : (request: RequestOf<M>) => Answer;

export type SendCalls = { [M in SendMethod]: (payload: SendPayloadOf<M>) => void };

/** Each returns the function that unsubscribes the listener. */
export type EventSubscriptions = {
  [M in EventMethod]: (listener: (payload: EventPayloadOf<M>) => void) => () => void;
};

/** The object the preload exposes as window.earshot, and nothing more. */
export type EarshotBridge = {
  [M in InvokeMethod]: InvokeCall<M, Promise<IpcResult<ResultOf<M>>>>;
} & SendCalls &
  EventSubscriptions;

export const bridgeGlobalName = 'earshot';
