/**
 * One live session at a time: start, pause, stop, and what the window is told. The work is
 * done by its parts, one set per session: the audio log (what Deepgram has not finalized),
 * the pump (sending it, paced), the keeper (connecting and reconnecting) and the transcript
 * sink (words to disk, then to the window).
 */
import { randomBytes } from 'node:crypto';
import type { CaptureProblem } from '../../../shared/capture-problem';
import { formatSessionId, sessionIdRandomHexDigits } from '../../../shared/history';
import { idleSessionState, type SessionState } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';
import { EarshotError, userFacingError } from '../../../shared/user-facing-error';
import { audioFormatForSource } from './audio-format';
import { AudioSpill } from './audio-spill';
import { AudioLog } from './audio-log';
import { AudioPump } from './audio-pump';
import { ConnectionKeeper } from './connection-keeper';
import { configureSessionKeyterms } from './keyterm-configure';
import { listenQueryFromSettings, type ListenQuery } from './listen-query';
import { SessionStatus } from './session-status';
import { clearTimer } from './session-timers';
import { OutageJournal } from './outage-journal';
import type { SessionController, SessionControllerDeps } from './session-types';
import { resolveTuning } from './session-tuning';
import { createStreamingCredentials, type StreamingCredentials } from './streaming-credentials';
import { TranscriptSink } from './transcript-sink';

export type { SessionController, SessionControllerDeps, SessionVault } from './session-types';

const deviceLostNotice =
  'The microphone was disconnected. The session stays on: reconnect the microphone or choose another one in Settings.';
const saveFailedNotice =
  'Earshot could not save part of this transcript to disk. Check that the disk has free space; the text stays on screen.';

const replayLeadInMs = 250;
/** How long quitting lets Stop finish before keeping the rest on disk. */
const quitFinishMs = 3000;

function newSessionId(now: number): string {
  return formatSessionId(new Date(now), randomBytes(sessionIdRandomHexDigits / 2).toString('hex'));
}

/** Everything that exists only while a session is on. */
interface ActiveSession {
  id: string;
  credentials: StreamingCredentials;
  audio: AudioLog;
  sink: TranscriptSink;
  pump: AudioPump;
  keeper: ConnectionKeeper;
  spill: AudioSpill;
  journal: OutageJournal;
  /** The keeper reads it on every connection; new keyterms are put into it (keyterm-configure.ts). */
  query: ListenQuery;
  endpoint: string;
  paused: boolean;
  ended: boolean;
}

export function createSessionController(deps: SessionControllerDeps): SessionController {
  const tuning = resolveTuning(deps.tuning);
  const { log } = deps;
  const status = new SessionStatus(deps.emitState);
  let session: ActiveSession | null = null;
  let stopping: Promise<SessionState> | null = null;
  let starting = false;

  /** Deepgram's own words reach the user (a refused option); make sure no credential rides along. */
  function withoutSecrets(error: EarshotError): EarshotError {
    const message = deps.secrets.redact(error.userFacing.message);
    return message === error.userFacing.message
      ? error
      : new EarshotError(error.userFacing.code, message, { cause: error });
  }

  const runningPhase = (active: ActiveSession): SessionState['phase'] => (active.paused ? 'paused' : 'live');

  /** The parts of one session, wired to each other and to this controller. */
  function openSession(settings: Settings, storedKey: string, startedAt: number): ActiveSession {
    const id = newSessionId(startedAt);
    const isCurrent = () => session === active;
    // Fixed for the session: a source changed mid-session applies at the next Start.
    const format = audioFormatForSource(settings.audioSource);
    const spill = new AudioSpill({
      sessionId: id,
      store: deps.waitingAudio,
      onWritten: (kept, unkept) => {
        if (isCurrent()) status.addWaitingAudio(kept, unkept, format);
      },
      log,
      format,
    });
    const audio = new AudioLog(
      format.wholeSampleFrames(Math.round(tuning.bufferLimitMs * format.bytesPerMs)),
      (frame) => spill.evicted(frame),
      format,
    );
    const journal = new OutageJournal(id, deps.waitingAudio, format);
    const credentials = createStreamingCredentials({
      mode: settings.streamingCredential,
      endpoint: settings.endpoint,
      storedKey,
      capabilities: deps.vault.capabilities(),
      projectId: deps.vault.projectId(),
      secrets: deps.secrets,
      log,
      now: tuning.now,
    });
    const sink = new TranscriptSink({
      sessionId: id,
      store: deps.transcriptStore,
      emitTranscript: deps.emitTranscript,
      log,
      now: tuning.now,
      // A replay starts a little before the last final's end, so a word that begins right
      // there is heard from its onset; words already final are not shown again (the stitcher).
      onCovered: (seconds) => {
        audio.coverUpTo(format.secondsToBytes(seconds) - replayLeadInMs * format.bytesPerMs);
        journal.covered(audio.startPosition);
      },
      onSaveFailed: () => {
        if (isCurrent()) status.set({ notice: saveFailedNotice });
      },
      channels: format.channels,
    });
    const pump = new AudioPump({
      audio,
      tuning,
      startedAt,
      isCurrent,
      mayFlow: () => sink.hasBegun,
      onAudioChanged: () => status.countAudio(audio),
    });
    const query = listenQueryFromSettings(settings, format);
    const keeper = new ConnectionKeeper({
      sessionId: id,
      endpoint: settings.endpoint,
      query,
      credentials,
      audio,
      pump,
      sink,
      status,
      tuning,
      log,
      isCurrent,
      hasEnded: () => active.ended,
      runningPhase: () => runningPhase(active),
      onFatal: (failure) => fail(active, failure),
      onConnected: () => {
        journal.connected();
        deps.onConnected?.();
      },
      onDisconnected: () => journal.start(audio.held()),
    });
    const active: ActiveSession = {
      id,
      credentials,
      audio,
      sink,
      pump,
      keeper,
      spill,
      journal,
      query,
      endpoint: settings.endpoint,
      paused: false,
      ended: false,
    };
    return active;
  }

  /**
   * Tears the session down; the transcript written so far stays, and audio Deepgram has not
   * covered (all of it, when `keepHeldAudio`) is on disk before this resolves.
   */
  async function finish(active: ActiveSession, keepHeldAudio: boolean): Promise<void> {
    active.ended = true;
    active.keeper.cancelReconnect();
    active.pump.stop();
    if (keepHeldAudio) {
      const held = active.audio.takeAll();
      active.spill.keep(held.position, held.frames);
    }
    await active.spill.settled();
    // What the journal held is now kept by the spill (or was covered).
    await active.journal.close();
    await active.credentials.release();
    await active.sink.close();
    if (session === active) session = null;
    deps.onSessionEnded?.(active.id);
  }

  async function fail(active: ActiveSession, failure: EarshotError): Promise<void> {
    if (session !== active || active.ended) return;
    log.warn('session stopped by a fatal error', { sessionId: active.id, code: failure.userFacing.code });
    status.set({ phase: 'stopping' });
    await finish(active, true);
    status.set({
      ...idleSessionState,
      ...audioOutcome(),
      phase: 'error',
      error: withoutSecrets(failure).userFacing,
      notice: status.notice,
    });
  }

  /** What the ended session's state keeps saying: audio waiting on disk, audio not kept. */
  function audioOutcome(): Pick<SessionState, 'waitingAudioMs' | 'unkeptAudioMs' | 'sessionId'> {
    const { waitingAudioMs, unkeptAudioMs, sessionId } = status.snapshot();
    return { waitingAudioMs, unkeptAudioMs, sessionId: waitingAudioMs > 0 ? sessionId : null };
  }

  async function stopActive(active: ActiveSession): Promise<SessionState> {
    status.set({ phase: 'stopping', reconnectAttempt: 0 });
    const outcome = await active.keeper.closeGracefully();
    await finish(active, outcome === 'gave-up');
    status.set({ ...idleSessionState, ...audioOutcome() });
    return status.snapshot();
  }

  const isRunning = () => session !== null && !session.ended;

  async function start(): Promise<SessionState> {
    if (starting || stopping || isRunning()) throw new EarshotError('session-busy');
    starting = true;
    try {
      const settings = deps.getSettings();
      const storedKey = await deps.vault.readKeyFor(settings.endpoint);
      const startedAt = tuning.now();
      const active = openSession(settings, storedKey, startedAt);
      session = active;
      status.set({ ...idleSessionState, phase: 'connecting', sessionId: active.id, startedAt });
      try {
        await active.keeper.connectOnce();
        await active.sink.begin(new Date(startedAt));
      } catch (error) {
        // Stop pressed while connecting: that is not a failure.
        if (active.ended) return status.snapshot();
        const failure = withoutSecrets(
          error instanceof EarshotError ? error : new EarshotError('internal', undefined, { cause: error }),
        );
        active.ended = true;
        active.pump.stop();
        await active.credentials.release();
        if (session === active) session = null;
        status.set({ ...idleSessionState, phase: 'error', error: failure.userFacing, notice: status.notice });
        throw failure;
      }
      if (active.ended) return status.snapshot();
      active.pump.keepAlive();
      // The connection may already have dropped; then the reconnection loop owns the phase.
      if (active.pump.connection) status.set({ phase: runningPhase(active) });
      active.pump.pump();
      return status.snapshot();
    } finally {
      starting = false;
    }
  }

  function stop(): Promise<SessionState> {
    if (stopping) return stopping;
    const active = session;
    if (!active || active.ended) return Promise.resolve(status.snapshot());
    stopping = stopActive(active).finally(() => {
      stopping = null;
    });
    return stopping;
  }

  async function stopNow(): Promise<SessionState> {
    if (!stopping || !session) return status.snapshot();
    session.keeper.stopFinishing();
    return stopping;
  }

  function setPaused(paused: boolean): SessionState {
    const active = session;
    if (!active || active.ended || status.phase === 'stopping') {
      throw new EarshotError('invalid-request', 'No session is running. Press Start first.');
    }
    if (active.paused === paused) return status.snapshot();
    active.paused = paused;
    if (paused) active.pump.finalizeIfCaughtUp();
    if (status.phase === 'live' || status.phase === 'paused') status.set({ phase: runningPhase(active) });
    return status.snapshot();
  }

  function pushAudio(frame: ArrayBuffer): void {
    const active = session;
    if (!active || active.ended || active.paused || status.phase === 'stopping') return;
    const data = new Uint8Array(frame);
    if (!active.audio.append(data)) {
      log.warn('audio frame refused: not whole samples of the session format', {
        sessionId: active.id,
        bytes: data.byteLength,
        channels: active.audio.format.channels,
      });
      return;
    }
    active.journal.append(data);
    active.pump.pump();
  }

  function reportCaptureProblem(problem: CaptureProblem): void {
    const active = session;
    if (problem === 'device-lost') {
      if (!active || active.ended) return;
      active.pump.finalizeIfCaughtUp();
      status.set({ notice: deviceLostNotice });
      return;
    }
    const error = userFacingError(problem);
    if (!active || active.ended) {
      status.set({ ...idleSessionState, phase: 'error', error });
      return;
    }
    void stop().then(() => status.set({ phase: 'error', error }));
  }

  /** The running session, unless it is stopping or over. */
  function runningSession(): ActiveSession | null {
    const active = session;
    return active && !active.ended && status.phase !== 'stopping' ? active : null;
  }

  function systemSuspending(): void {
    runningSession()?.pump.finalizeNow();
  }

  function systemResumed(): void {
    runningSession()?.keeper.renewConnection();
  }

  function networkOnline(): void {
    runningSession()?.keeper.reconnectNow();
  }

  function waitingToReconnect(): boolean {
    return runningSession()?.keeper.waitingOutBackoff ?? false;
  }

  /** New keyterms for the running session; null when none is running (they wait for the next session). */
  async function updateKeyterms(keyterms: readonly string[]): Promise<'now' | 'next-connection' | null> {
    const active = runningSession();
    if (!active) return null;
    return configureSessionKeyterms({
      keyterms,
      query: active.query,
      connection: active.pump.connection,
      endpoint: active.endpoint,
      ...(tuning.configureSupported ? { configureSupported: tuning.configureSupported } : {}),
      sessionId: active.id,
      log,
    });
  }

  /** The ended session's state stops saying audio waits once it no longer does. */
  function waitingAudioChanged(sessionId: string, waitingAudioMs: number): void {
    if (session !== null || stopping !== null || status.snapshot().sessionId !== sessionId) return;
    status.set({ waitingAudioMs: Math.round(waitingAudioMs) });
  }

  /** Quitting: a graceful stop, but an outage is not waited out; what is unsent is kept on disk. */
  async function dispose(): Promise<void> {
    const stopped = stop();
    const timer = tuning.timers.setTimeout(() => void stopNow(), quitFinishMs);
    await stopped;
    clearTimer(tuning.timers, timer);
  }

  return {
    start,
    stop,
    stopNow,
    setPaused,
    pushAudio,
    reportCaptureProblem,
    systemSuspending,
    systemResumed,
    networkOnline,
    waitingToReconnect,
    updateKeyterms,
    state: () => status.snapshot(),
    audioFormat: () => session?.audio.format ?? audioFormatForSource(deps.getSettings().audioSource),
    waitingAudioChanged,
    dispose,
  };
}
