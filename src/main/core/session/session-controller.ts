import { randomBytes } from 'node:crypto';
import { formatSessionId, sessionIdRandomHexDigits } from '../../../shared/history';
import { idleSessionState, type SessionState } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';
import type { KeyCapabilities } from '../../../shared/key-status';
import type { TranscriptEvent, TranscriptSegment } from '../../../shared/transcript';
import { EarshotError, userFacingError } from '../../../shared/user-facing-error';
import type { Logger, SecretRegistry } from '../logger';
import { bytesPerMs, bytesToMs, bytesToSeconds, secondsToBytes } from './audio-format';
import { AudioLog } from './audio-log';
import { fullJitterDelayMs } from './backoff';
import { ConnectionFailure, failureMessages } from './connection-failure';
import { openListenConnection, type ListenConnection } from './listen-connection';
import type { ListenMessage } from './listen-messages';
import { listenQueryFromSettings, type ListenQuery } from './listen-query';
import {
  createStreamingCredentials,
  type AcquiredCredential,
  type StreamingCredentials,
} from './streaming-credentials';
import { resolveTuning, type SessionTuning } from './session-tuning';
import { TranscriptStitcher } from './transcript-stitcher';

export interface SessionController {
  /** Opens the live connection; throws EarshotError (no-key, session-busy, bad-key, ...). */
  start(): Promise<SessionState>;
  /** Finalize + CloseStream, then waits (bounded) for the last Results and Metadata. */
  stop(): Promise<SessionState>;
  setPaused(paused: boolean): SessionState;
  /** 16 kHz mono Int16 LE, validated upstream. */
  pushAudio(frame: ArrayBuffer): void;
  reportCaptureProblem(problem: 'microphone-denied' | 'microphone-unavailable' | 'device-lost'): void;
  state(): SessionState;
  dispose(): Promise<void>;
}

/** The parts of the key vault a session uses (structurally Pick<KeyVault, ...>). */
export interface SessionVault {
  /** Refuses (before anything is sent) when the key was saved for another origin. */
  readKeyFor(endpoint: string): Promise<string>;
  capabilities(): KeyCapabilities | null;
  projectId(): string | null;
}

/** The parts of the transcript store a session writes (structurally Pick<TranscriptStore, ...>). */
export interface SessionTranscriptStore {
  beginSession(id: string, startedAt: Date): Promise<void>;
  appendFinal(id: string, segment: TranscriptSegment): Promise<void>;
  endSession(id: string, endedAt: Date): Promise<void>;
}

export interface SessionControllerDeps {
  getSettings: () => Settings;
  vault: SessionVault;
  transcriptStore: SessionTranscriptStore;
  emitTranscript: (event: TranscriptEvent) => void;
  emitState: (state: SessionState) => void;
  secrets: SecretRegistry;
  log: Logger;
  tuning?: Partial<SessionTuning>;
}

/** A connection that lasted this long resets the backoff. */
const stableConnectionMs = 5000;
/** 20 ms of linear16 silence. */
const silentFrameBytes = 20 * bytesPerMs;

/** Audio the pacing lets through at once on a fresh connection (a few frames of jitter). */
const pacingSlackMs = 250;

const deviceLostNotice =
  'The microphone was disconnected. The session stays on: reconnect the microphone or choose another one in Settings.';
const saveFailedNotice =
  'Earshot could not save part of this transcript to disk. Check that the disk has free space; the text stays on screen.';

function unsentAudioNotice(ms: number): string {
  return `The last ${Math.ceil(ms / 1000)} seconds of audio could not be transcribed because Deepgram could not be reached.`;
}

function newSessionId(now: number): string {
  return formatSessionId(new Date(now), randomBytes(sessionIdRandomHexDigits / 2).toString('hex'));
}

/** Everything that exists only while a session is on. */
interface ActiveSession {
  id: string;
  startedAt: number;
  endpoint: string;
  query: ListenQuery;
  credentials: StreamingCredentials;
  audio: AudioLog;
  stitcher: TranscriptStitcher;
  connection: ListenConnection | null;
  connectionOpenedAt: number;
  connectionSentBytes: number;
  credentialKind: AcquiredCredential['kind'] | null;
  lastSentAt: number;
  paused: boolean;
  closeStreamSent: boolean;
  /** Reconnection attempts since a connection last stayed up for a while. */
  recentAttempts: number;
  reconnectTimer: unknown;
  pumpTimer: unknown;
  keepAliveTimer: unknown;
  /** Resolved when the current connection closes (used while stopping). */
  onConnectionClosed: (() => void) | null;
  /** Resolved when every held frame has been sent (used while stopping). */
  onCaughtUp: (() => void) | null;
  /** The connection attempt in flight, shared by the reconnection loop and stop. */
  connecting: Promise<void> | null;
  /** The transcript store knows this session (nothing is sent before that). */
  begun: boolean;
  writes: Promise<void>;
  ended: boolean;
}

export function createSessionController(deps: SessionControllerDeps): SessionController {
  const tuning = resolveTuning(deps.tuning);
  const { log } = deps;
  let current: SessionState = { ...idleSessionState };
  let session: ActiveSession | null = null;
  let stopping: Promise<SessionState> | null = null;
  let starting = false;
  let emittedBufferedSecond = 0;
  let emittedDroppedSecond = 0;

  /** Deepgram's own words reach the user (a refused option); make sure no credential rides along. */
  function withoutSecrets(error: EarshotError): EarshotError {
    const message = deps.secrets.redact(error.userFacing.message);
    return message === error.userFacing.message
      ? error
      : new EarshotError(error.userFacing.code, message, { cause: error });
  }

  const snapshot = (): SessionState => ({ ...current, error: current.error ? { ...current.error } : null });

  function setState(patch: Partial<SessionState>): void {
    current = { ...current, ...patch };
    emittedBufferedSecond = Math.floor(current.bufferedAudioMs / 1000);
    emittedDroppedSecond = Math.floor(current.droppedAudioMs / 1000);
    deps.emitState(snapshot());
  }

  /** Audio counters change with every frame; tell the UI when a whole second changes. */
  function refreshAudioCounters(active: ActiveSession): void {
    const bufferedAudioMs = Math.round(bytesToMs(active.audio.unsentBytes));
    const droppedAudioMs = Math.round(bytesToMs(active.audio.droppedBytes));
    const changed =
      Math.floor(bufferedAudioMs / 1000) !== emittedBufferedSecond ||
      Math.floor(droppedAudioMs / 1000) !== emittedDroppedSecond;
    if (changed) setState({ bufferedAudioMs, droppedAudioMs });
    else current = { ...current, bufferedAudioMs, droppedAudioMs };
  }

  const runningPhase = (active: ActiveSession): SessionState['phase'] => (active.paused ? 'paused' : 'live');

  function clearTimer(handle: unknown): void {
    if (handle !== null && handle !== undefined) tuning.timers.clearTimeout(handle);
  }

  // ---- transcripts -------------------------------------------------------------------

  /**
   * Transcript events leave in the order they came, each after every earlier final is on
   * disk: a final is shown only once it is durable, so a crash can never lose text that
   * the user saw as final.
   */
  function emitInOrder(active: ActiveSession, event: TranscriptEvent): void {
    active.writes = active.writes.then(() => {
      try {
        deps.emitTranscript(event);
      } catch (error) {
        log.error('could not deliver a transcript event', {
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    });
  }

  function persistThenEmitFinal(active: ActiveSession, segment: TranscriptSegment): void {
    active.writes = active.writes.then(() =>
      deps.transcriptStore.appendFinal(active.id, segment).catch((error: unknown) => {
        log.error('could not save a final segment', {
          error: error instanceof Error ? error.message : 'unknown',
        });
        if (session === active) setState({ notice: saveFailedNotice });
      }),
    );
    emitInOrder(active, { kind: 'segment', sessionId: active.id, segment });
  }

  function handleMessage(active: ActiveSession, connection: ListenConnection, message: ListenMessage): void {
    if (session !== active || active.connection !== connection) return;
    switch (message.type) {
      case 'results': {
        const covered = active.stitcher.coveredUntil(message);
        const segment = active.stitcher.accept(message);
        if (covered !== null) active.audio.coverUpTo(secondsToBytes(covered));
        if (!segment) return;
        if (segment.isFinal && segment.text !== '') persistThenEmitFinal(active, segment);
        else emitInOrder(active, { kind: 'segment', sessionId: active.id, segment });
        return;
      }
      case 'utterance-end':
        emitInOrder(active, {
          kind: 'utterance-end',
          sessionId: active.id,
          lastWordEnd: active.stitcher.toSession(message.lastWordEnd),
        });
        return;
      case 'speech-started':
        emitInOrder(active, {
          kind: 'speech-started',
          sessionId: active.id,
          timestamp: active.stitcher.toSession(message.timestamp),
        });
        return;
      case 'metadata':
        emitInOrder(active, {
          kind: 'metadata',
          sessionId: active.id,
          requestId: message.requestId,
          duration: message.duration,
        });
        return;
    }
  }

  // ---- sending ----------------------------------------------------------------------

  /**
   * Sends held audio in order, never faster than replayRealTimeFactor × the connection's
   * age (plus a small slack), so a replay after an outage stays within Deepgram's limit
   * and live audio that arrives in real time goes straight through.
   */
  function pump(active: ActiveSession): void {
    if (session !== active || !active.begun) return;
    clearTimer(active.pumpTimer);
    active.pumpTimer = null;
    const connection = active.connection;
    if (connection && !active.closeStreamSent) {
      const rate = tuning.replayRealTimeFactor * bytesPerMs;
      for (let frame = active.audio.peekUnsent(); frame; frame = active.audio.peekUnsent()) {
        const elapsed = tuning.now() - active.connectionOpenedAt;
        const allowed = pacingSlackMs * bytesPerMs + rate * elapsed - active.connectionSentBytes;
        if (frame.data.byteLength > allowed) {
          const waitMs = Math.max(1, Math.ceil((frame.data.byteLength - allowed) / rate));
          active.pumpTimer = tuning.timers.setTimeout(() => pump(active), waitMs);
          break;
        }
        if (!connection.sendAudio(frame.data)) break;
        active.audio.markSent();
        active.connectionSentBytes += frame.data.byteLength;
        active.lastSentAt = tuning.now();
      }
    }
    refreshAudioCounters(active);
    if (active.audio.unsentBytes === 0 && active.onCaughtUp) active.onCaughtUp();
  }

  function scheduleKeepAlive(active: ActiveSession): void {
    const checkEveryMs = tuning.keepAliveIntervalMs / 2;
    active.keepAliveTimer = tuning.timers.setTimeout(() => {
      if (session !== active) return;
      const connection = active.connection;
      if (connection && !active.closeStreamSent && tuning.now() - active.lastSentAt >= checkEveryMs) {
        if (active.connectionSentBytes === 0 && active.audio.unsentBytes === 0 && active.begun) {
          // Deepgram documents that KeepAlive alone may not hold a connection that has not
          // heard any audio yet: give it one frame of silence (part of the session's audio).
          active.audio.append(new Uint8Array(silentFrameBytes));
          pump(active);
        }
        if (connection.sendKeepAlive()) active.lastSentAt = tuning.now();
      }
      scheduleKeepAlive(active);
    }, checkEveryMs);
  }

  /** Asks Deepgram to finish what it heard, so nothing stays interim while no audio flows. */
  function finalizeIfCaughtUp(active: ActiveSession): void {
    if (active.connection && !active.closeStreamSent && active.audio.unsentBytes === 0) {
      if (active.connection.sendFinalize()) active.lastSentAt = tuning.now();
    }
  }

  // ---- connecting -------------------------------------------------------------------

  async function connect(active: ActiveSession): Promise<void> {
    const credential = await active.credentials.acquire();
    if (session !== active) throw new EarshotError('connection-lost', failureMessages.connectionLost);
    const connection: ListenConnection = await openListenConnection({
      endpoint: active.endpoint,
      query: active.query,
      auth: credential.auth,
      connectTimeoutMs: tuning.connectTimeoutMs,
      log,
      handlers: {
        onMessage: (message) => handleMessage(active, connection, message),
        onClose: (event) => handleClose(active, connection, event.failure),
      },
    });
    if (session !== active || active.ended) {
      connection.close();
      throw new EarshotError('connection-lost', failureMessages.connectionLost);
    }
    active.connection = connection;
    active.credentialKind = credential.kind;
    active.connectionOpenedAt = tuning.now();
    active.connectionSentBytes = 0;
    active.lastSentAt = tuning.now();
    active.closeStreamSent = false;
    // Everything Deepgram has not finalized goes again: this connection's 0 s is the
    // session position of the first frame it receives.
    const origin = active.audio.rewind();
    active.stitcher.startConnection(bytesToSeconds(origin));
    log.info('deepgram connection open', {
      sessionId: active.id,
      credential: credential.kind,
      originMs: Math.round(bytesToMs(origin)),
      replayMs: Math.round(bytesToMs(active.audio.unsentBytes)),
    });
    setState({
      credential: credential.kind,
      ...(credential.notice ? { notice: credential.notice } : {}),
    });
  }

  function connectOnce(active: ActiveSession): Promise<void> {
    active.connecting ??= connect(active).finally(() => {
      active.connecting = null;
    });
    return active.connecting;
  }

  function handleClose(
    active: ActiveSession,
    connection: ListenConnection,
    failure: ConnectionFailure | null,
  ): void {
    if (session !== active || active.connection !== connection) return;
    active.connection = null;
    clearTimer(active.pumpTimer);
    active.pumpTimer = null;
    if (current.phase === 'stopping' || active.closeStreamSent) {
      active.onCaughtUp?.();
      active.onConnectionClosed?.();
      return;
    }
    // Disconnected: everything held is waiting again (and counts as dropped if evicted).
    active.audio.rewind();
    const reason =
      failure ??
      new ConnectionFailure('connection-lost', failureMessages.connectionLost, { retryable: true });
    if (reason.retryable) {
      log.warn('deepgram connection lost; reconnecting', {
        sessionId: active.id,
        code: reason.userFacing.code,
      });
      // A server that accepts and then drops at once must not be hammered: keep backing off.
      const stayedUp = tuning.now() - active.connectionOpenedAt >= stableConnectionMs;
      scheduleReconnect(active, stayedUp ? 1 : active.recentAttempts + 1, false);
    } else {
      void fail(active, reason);
    }
  }

  function scheduleReconnect(active: ActiveSession, attempt: number, authRetried: boolean): void {
    active.recentAttempts = attempt;
    setState({ phase: 'reconnecting', reconnectAttempt: attempt });
    refreshAudioCounters(active);
    const delay = fullJitterDelayMs(attempt, {
      baseMs: tuning.backoffBaseMs,
      capMs: tuning.backoffCapMs,
      random: tuning.random,
    });
    active.reconnectTimer = tuning.timers.setTimeout(() => {
      active.reconnectTimer = null;
      void reconnect(active, attempt, authRetried);
    }, delay);
  }

  async function reconnect(active: ActiveSession, attempt: number, authRetried: boolean): Promise<void> {
    const stillWanted = () => session === active && !active.ended && current.phase !== 'stopping';
    if (!stillWanted()) return;
    try {
      await connectOnce(active);
    } catch (error) {
      if (!stillWanted()) return;
      const failure =
        error instanceof ConnectionFailure
          ? error
          : new ConnectionFailure('connection-lost', failureMessages.connectionLost, {
              retryable: true,
              cause: error,
            });
      // A minted credential refused at once was probably revoked underneath us: mint once more.
      if (failure.status === 401 && !authRetried && active.credentialKind !== 'stored-key') {
        active.credentials.invalidate();
        void reconnect(active, attempt + 1, true);
        return;
      }
      if (!failure.retryable) {
        await fail(active, failure);
        return;
      }
      log.info('reconnection attempt failed', {
        sessionId: active.id,
        attempt,
        code: failure.userFacing.code,
      });
      scheduleReconnect(active, attempt + 1, authRetried);
      return;
    }
    if (!stillWanted()) return;
    setState({ phase: runningPhase(active), reconnectAttempt: 0 });
    pump(active);
  }

  // ---- ending -----------------------------------------------------------------------

  function waitFor(register: (resolve: () => void) => void, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false;
      const timer = tuning.timers.setTimeout(() => {
        if (!done) {
          done = true;
          resolve(false);
        }
      }, timeoutMs);
      register(() => {
        if (!done) {
          done = true;
          tuning.timers.clearTimeout(timer);
          resolve(true);
        }
      });
    });
  }

  /** Tears the session down; the transcript written so far stays. */
  async function finish(active: ActiveSession): Promise<void> {
    active.ended = true;
    clearTimer(active.reconnectTimer);
    clearTimer(active.pumpTimer);
    clearTimer(active.keepAliveTimer);
    active.connection?.close();
    active.connection = null;
    await active.credentials.release();
    await active.writes;
    if (active.begun) {
      try {
        await deps.transcriptStore.endSession(active.id, new Date(tuning.now()));
      } catch (error) {
        log.error('could not close the session record', {
          error: error instanceof Error ? error.message : 'unknown',
        });
      }
    }
    if (session === active) session = null;
  }

  async function fail(active: ActiveSession, failure: EarshotError): Promise<void> {
    if (session !== active || active.ended) return;
    log.warn('session stopped by a fatal error', { sessionId: active.id, code: failure.userFacing.code });
    setState({ phase: 'stopping' });
    await finish(active);
    setState({
      ...idleSessionState,
      phase: 'error',
      error: withoutSecrets(failure).userFacing,
      notice: current.notice,
    });
  }

  async function stopActive(active: ActiveSession): Promise<SessionState> {
    setState({ phase: 'stopping', reconnectAttempt: 0 });
    clearTimer(active.reconnectTimer);
    active.reconnectTimer = null;
    if (!active.connection && (active.connecting || (active.begun && active.audio.retainedBytes > 0))) {
      // Audio is waiting for a connection: one prompt attempt, so the last words can still arrive.
      await waitFor((resolve) => {
        connectOnce(active).then(resolve, (error: unknown) => {
          log.info('no connection at stop', {
            code: error instanceof EarshotError ? error.userFacing.code : 'unknown',
          });
          resolve();
        });
      }, tuning.stopTimeoutMs);
    }
    if (active.connection) {
      if (active.begun && active.audio.unsentBytes > 0) {
        const caughtUp = waitFor((resolve) => (active.onCaughtUp = resolve), tuning.stopTimeoutMs);
        pump(active);
        await caughtUp;
        active.onCaughtUp = null;
      }
      const closed = waitFor((resolve) => (active.onConnectionClosed = resolve), tuning.stopTimeoutMs);
      const connection = active.connection;
      if (connection) {
        connection.sendFinalize();
        active.closeStreamSent = connection.sendCloseStream();
        if (!active.closeStreamSent) active.onConnectionClosed?.();
      }
      const closedInTime = await closed;
      if (!closedInTime)
        log.warn('deepgram did not close in time after CloseStream', { sessionId: active.id });
    }
    const unsentMs = bytesToMs(active.audio.unsentBytes);
    await finish(active);
    setState({ ...idleSessionState, notice: unsentMs >= 1000 ? unsentAudioNotice(unsentMs) : null });
    return snapshot();
  }

  // ---- the interface ----------------------------------------------------------------

  const isRunning = () => session !== null && !session.ended;

  async function start(): Promise<SessionState> {
    if (starting || stopping || isRunning()) throw new EarshotError('session-busy');
    starting = true;
    try {
      const settings = deps.getSettings();
      const storedKey = await deps.vault.readKeyFor(settings.endpoint);
      const startedAt = tuning.now();
      const id = newSessionId(startedAt);
      const active: ActiveSession = {
        id,
        startedAt,
        endpoint: settings.endpoint,
        query: listenQueryFromSettings(settings),
        credentials: createStreamingCredentials({
          mode: settings.streamingCredential,
          endpoint: settings.endpoint,
          storedKey,
          capabilities: deps.vault.capabilities(),
          projectId: deps.vault.projectId(),
          secrets: deps.secrets,
          log,
          now: tuning.now,
        }),
        audio: new AudioLog(Math.round(tuning.bufferLimitMs * bytesPerMs)),
        stitcher: new TranscriptStitcher(id),
        connection: null,
        connectionOpenedAt: 0,
        connectionSentBytes: 0,
        credentialKind: null,
        lastSentAt: startedAt,
        paused: false,
        closeStreamSent: false,
        recentAttempts: 0,
        reconnectTimer: null,
        pumpTimer: null,
        keepAliveTimer: null,
        onConnectionClosed: null,
        onCaughtUp: null,
        connecting: null,
        begun: false,
        writes: Promise.resolve(),
        ended: false,
      };
      session = active;
      setState({ ...idleSessionState, phase: 'connecting', sessionId: active.id, startedAt });
      try {
        await connectOnce(active);
        await deps.transcriptStore.beginSession(active.id, new Date(startedAt));
        active.begun = true;
      } catch (error) {
        // Stop pressed while connecting: that is not a failure.
        if (active.ended) return snapshot();
        const failure = withoutSecrets(
          error instanceof EarshotError ? error : new EarshotError('internal', undefined, { cause: error }),
        );
        active.ended = true;
        active.connection?.close();
        active.connection = null;
        await active.credentials.release();
        if (session === active) session = null;
        setState({ ...idleSessionState, phase: 'error', error: failure.userFacing, notice: current.notice });
        throw failure;
      }
      if (active.ended) return snapshot();
      scheduleKeepAlive(active);
      // The connection may already have dropped; then the reconnection loop owns the phase.
      if (active.connection) setState({ phase: runningPhase(active) });
      pump(active);
      return snapshot();
    } finally {
      starting = false;
    }
  }

  function stop(): Promise<SessionState> {
    if (stopping) return stopping;
    const active = session;
    if (!active || active.ended) return Promise.resolve(snapshot());
    stopping = stopActive(active).finally(() => {
      stopping = null;
    });
    return stopping;
  }

  function setPaused(paused: boolean): SessionState {
    const active = session;
    if (!active || active.ended || current.phase === 'stopping') {
      throw new EarshotError('invalid-request', 'No session is running. Press Start first.');
    }
    if (active.paused === paused) return snapshot();
    active.paused = paused;
    if (paused) finalizeIfCaughtUp(active);
    if (current.phase === 'live' || current.phase === 'paused') setState({ phase: runningPhase(active) });
    return snapshot();
  }

  function pushAudio(frame: ArrayBuffer): void {
    const active = session;
    if (!active || active.ended || active.paused || current.phase === 'stopping') return;
    active.audio.append(new Uint8Array(frame));
    pump(active);
  }

  function reportCaptureProblem(
    problem: 'microphone-denied' | 'microphone-unavailable' | 'device-lost',
  ): void {
    const active = session;
    if (problem === 'device-lost') {
      if (!active || active.ended) return;
      finalizeIfCaughtUp(active);
      setState({ notice: deviceLostNotice });
      return;
    }
    const error = userFacingError(problem);
    if (!active || active.ended) {
      setState({ ...idleSessionState, phase: 'error', error });
      return;
    }
    void stop().then(() => setState({ phase: 'error', error }));
  }

  async function dispose(): Promise<void> {
    await stop();
  }

  return { start, stop, setPaused, pushAudio, reportCaptureProblem, state: snapshot, dispose };
}
