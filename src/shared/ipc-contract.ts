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
import {
  eventChannel,
  invokeChannel,
  resultOf,
  sendChannel,
  type CallTaking,
  type EntryRequest,
  type EntryResult,
  type EventPayload,
  type EventSubscriptions as EventSubscriptionsOf,
  type InvokeCalls,
  type SendCalls as SendCallsOf,
  type SendPayload,
} from './contract-table';
import { exportFormats, type ExportResult } from './export/export-format';
import type { TranscriptEvent } from './transcript';
import { arrayBuffer, boolean, literal, noPayload, object, string, type Validator } from './validation';

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

/** A request naming one session of History. */
const oneSession = object({ id: sessionId });

export const invokeContract = {
  getKeyStatus: invokeChannel('earshot:key:status', noPayload, resultOf<KeyStatus>()),
  /** The key is checked with this endpoint only, and bound to it with this way of streaming. */
  saveKey: invokeChannel(
    'earshot:key:save',
    object({
      key: apiKey,
      persistence: literal(...keyPersistences),
      endpoint: endpointUrl,
      streamingCredential: streamingCredentialChoice,
    }),
    resultOf<KeyStatus>(),
  ),
  testKey: invokeChannel('earshot:key:test', noPayload, resultOf<KeyStatus>()),
  removeKey: invokeChannel('earshot:key:remove', noPayload, resultOf<KeyStatus>()),
  getSettings: invokeChannel('earshot:settings:get', noPayload, resultOf<SettingsWithNotice>()),
  updateSettings: invokeChannel(
    'earshot:settings:update',
    settingsPatch as Validator<SettingsPatch>,
    resultOf<SettingsWithNotice>(),
  ),
  startSession: invokeChannel('earshot:session:start', noPayload, resultOf<SessionState>()),
  stopSession: invokeChannel('earshot:session:stop', noPayload, resultOf<SessionState>()),
  /** While Stop is finishing during an outage: stop trying; what is unsent is kept on disk. */
  stopSessionNow: invokeChannel('earshot:session:stop-now', noPayload, resultOf<SessionState>()),
  pauseSession: invokeChannel('earshot:session:pause', object({ paused: boolean }), resultOf<SessionState>()),
  getSessionState: invokeChannel('earshot:session:state', noPayload, resultOf<SessionState>()),
  /** Keyterms edited during a session: saved, and sent to the running session where the endpoint allows. */
  setKeyterms: invokeChannel(
    'earshot:session:keyterms',
    object({ keyterms: keytermList }),
    resultOf<KeytermUpdate>(),
  ),
  /** Opens the caption overlay window (or shows it again); answers whether it is shown. */
  showCaptions: invokeChannel('earshot:overlay:show', noPayload, resultOf<boolean>()),
  /** The dictation shortcuts in force and whether they work here (Settings shows the sentences). */
  getDictationStatus: invokeChannel('earshot:dictation:status', noPayload, resultOf<DictationStatus>()),
  listHistory: invokeChannel('earshot:history:list', noPayload, resultOf<SessionSummary[]>()),
  getHistorySession: invokeChannel('earshot:history:get', oneSession, resultOf<SessionTranscript>()),
  /** Tries now to transcribe the session's waiting audio; progress arrives as onWaitingAudio. */
  transcribeWaitingAudio: invokeChannel(
    'earshot:history:transcribe-waiting',
    oneSession,
    resultOf<WaitingAudioStatus>(),
  ),
  /** The person gives up the session's waiting audio: it is deleted, never transcribed. */
  deleteWaitingAudio: invokeChannel(
    'earshot:history:delete-waiting',
    oneSession,
    resultOf<WaitingAudioStatus>(),
  ),
  /** Full-text search over every session, best first; rate-limited (a keystroke each, debounced). */
  searchHistory: invokeChannel(
    'earshot:history:search',
    object({ query: searchQuery }),
    resultOf<HistorySearchHit[]>(),
  ),
  /** A blank title gives the session back its first words. */
  renameSession: invokeChannel(
    'earshot:history:rename',
    object({ id: sessionId, title: sessionTitle }),
    resultOf<SessionSummary>(),
  ),
  /** Hidden at once, deleted for good after the undo window (restoreSession brings it back). */
  deleteSession: invokeChannel('earshot:history:delete', oneSession, resultOf<SessionSummary>()),
  restoreSession: invokeChannel('earshot:history:restore', oneSession, resultOf<SessionSummary>()),
  /** Names a speaker of a session (opaque key such as "0"); a blank name forgets it. */
  renameSpeaker: invokeChannel(
    'earshot:history:rename-speaker',
    object({ id: sessionId, speakerKey, name: speakerName }),
    resultOf<Record<string, string>>(),
  ),
  getStorageInfo: invokeChannel('earshot:history:storage', noPayload, resultOf<TranscriptStorageInfo>()),
  /** Main renders the session, asks where to save it in a native dialog, and writes it; the window gets the file name only. */
  exportSession: invokeChannel(
    'earshot:history:export',
    object({ id: sessionId, format: literal(...exportFormats) }),
    resultOf<ExportResult>(),
  ),
} as const;

/** Fire-and-forget messages from renderer to main. */
export const sendContract = {
  sendAudio: sendChannel(
    'earshot:audio:frame',
    arrayBuffer({ maxBytes: audioFrameLimits.maxFrameBytes, evenLength: true }),
  ),
  /** The renderer reports microphone problems so main can stop the session with the right reason. */
  reportCaptureProblem: sendChannel(
    'earshot:audio:problem',
    object({ problem: literal(...captureProblems) }),
  ),
  /**
   * The window saw the network come back. Main takes it as "try now" and nothing more: a
   * reconnection waiting out its backoff goes at once; otherwise nothing happens.
   */
  reportNetworkOnline: sendChannel('earshot:network:online', noPayload),
} as const;

/** Events from main to renderer. */
export const eventContract = {
  onTranscript: eventChannel<TranscriptEvent>('earshot:event:transcript'),
  onSessionState: eventChannel<SessionState>('earshot:event:session-state'),
  /** Main started a session (the dictation shortcut): the window captures for it, or stops. */
  onCaptureRequest: eventChannel<CaptureRequest>('earshot:event:capture-request'),
  /** Waiting audio was transcribed (its words are in the session now), or an attempt failed. */
  onWaitingAudio: eventChannel<WaitingAudioStatus>('earshot:event:waiting-audio'),
  /** A session's speaker names changed (renamed anywhere), so every view of it shows the new names. */
  onSpeakerNames: eventChannel<{ sessionId: string; speakerNames: Record<string, string> }>(
    'earshot:event:speaker-names',
  ),
} as const;

export type InvokeMethod = keyof typeof invokeContract;
export type SendMethod = keyof typeof sendContract;
export type EventMethod = keyof typeof eventContract;

export type RequestOf<M extends InvokeMethod> = EntryRequest<(typeof invokeContract)[M]>;
export type ResultOf<M extends InvokeMethod> = EntryResult<(typeof invokeContract)[M]>;
export type SendPayloadOf<M extends SendMethod> = SendPayload<(typeof sendContract)[M]>;
export type EventPayloadOf<M extends EventMethod> = EventPayload<(typeof eventContract)[M]>;

/** A call to one invoke entry, answered with `Answer`; it takes no argument when the entry takes no request. */
export type InvokeCall<M extends InvokeMethod, Answer> = CallTaking<RequestOf<M>, Answer>;

export type SendCalls = SendCallsOf<typeof sendContract>;

/** Each returns the function that unsubscribes the listener. */
export type EventSubscriptions = EventSubscriptionsOf<typeof eventContract>;

/** The object the preload exposes as window.earshot, and nothing more. */
export type EarshotBridge = InvokeCalls<typeof invokeContract> & SendCalls & EventSubscriptions;

export const bridgeGlobalName = 'earshot';
