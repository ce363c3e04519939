/**
 * One live session at a time: start, pause, stop, and what the window is told. The work is
 * done by its parts, one set per session (active-session.ts): the audio log, the pump, the
 * keeper (connecting and reconnecting) and the transcript sink.
 */
import type { CaptureProblem } from '../../../shared/capture-problem';
import { idleSessionState, type SessionState } from '../../../shared/session-state';
import { EarshotError, userFacingError } from '../../../shared/user-facing-error';
import {
  closeActiveSession,
  openActiveSession,
  runningPhase,
  type ActiveSession,
  type ActiveSessionContext,
} from './active-session';
import { audioFormatForSource } from './audio-format';
import { configureSessionKeyterms } from './keyterm-configure';
import { SessionStatus } from './session-status';
import { clearTimer } from './session-timers';
import type { RunningSessionKeyterms, SessionController, SessionControllerDeps } from './session-types';
import { resolveTuning } from './session-tuning';
import { streamingCredentialsFor } from './streaming-credentials';

export type { SessionController, SessionControllerDeps, SessionVault } from './session-types';

const deviceLostNotice =
  'The microphone was disconnected. The session stays on: reconnect the microphone or choose another one in Settings.';

/** How long quitting lets Stop finish before keeping the rest on disk. */
const quitFinishMs = 3000;

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

  /** The parts of every session this controller opens share its status and tuning. */
  const sessionContext: ActiveSessionContext = {
    deps,
    tuning,
    status,
    isCurrent: (active: ActiveSession) => session === active,
    onFatal: (active: ActiveSession, failure: EarshotError) => fail(active, failure),
  };

  /** Ends the session: its parts are closed (see closeActiveSession), then it is no longer current. */
  async function finish(active: ActiveSession, keepHeldAudio: boolean): Promise<void> {
    await closeActiveSession(active, keepHeldAudio);
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
      const credentials = await streamingCredentialsFor(settings, {
        vault: deps.vault,
        secrets: deps.secrets,
        log,
        now: tuning.now,
      });
      const startedAt = tuning.now();
      const active = openActiveSession(settings, credentials, startedAt, sessionContext);
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
  async function updateKeyterms(keyterms: readonly string[]): Promise<RunningSessionKeyterms | null> {
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
