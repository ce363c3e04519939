/**
 * Keeps a session connected to Deepgram: opens the connection, and after a drop opens
 * another with full-jitter backoff and replays everything Deepgram had not finalized. At
 * stop it closes gracefully (graceful-close.ts), so the last words still arrive.
 */
import type { SessionState } from '../../../shared/session-state';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import type { AudioLog } from './audio-log';
import type { AudioPump } from './audio-pump';
import { fullJitterDelayMs } from './backoff';
import { ConnectionFailure, failureMessages } from './connection-failure';
import { GracefulClose } from './graceful-close';
import { openListenConnection, type ListenConnection } from './listen-connection';
import { ReplayPlanner } from './replay-planner';
import type { ListenMessage } from './listen-messages';
import type { ListenQuery } from './listen-query';
import type { SessionStatus } from './session-status';
import { clearTimer } from './session-timers';
import type { SessionTuning } from './session-tuning';
import type { AcquiredCredential, StreamingCredentials } from './streaming-credentials';
import type { TranscriptSink } from './transcript-sink';

/** A connection that lasted this long resets the backoff. */
const stableConnectionMs = 5000;

export interface ConnectionKeeperDeps {
  sessionId: string;
  log: Logger;
  /** Where to connect, with which options, and the credential to connect with. */
  endpoint: string;
  query: ListenQuery;
  credentials: StreamingCredentials;
  /** 'live' or 'paused', whichever the person chose. */
  runningPhase: () => SessionState['phase'];
  /** The session is still the controller's: events of a replaced session are ignored. */
  isCurrent: () => boolean;
  hasEnded: () => boolean;
  /** A failure no retry can fix: the session ends with it. */
  onFatal: (failure: EarshotError) => Promise<void>;
  /** A connection opened. */
  onConnected: () => void;
  /** The connection dropped and a reconnection is on its way: an outage starts. */
  onDisconnected: () => void;
  /** The session's other parts: what is replayed, who sends it, where the words go. */
  audio: AudioLog;
  pump: AudioPump;
  sink: TranscriptSink;
  status: SessionStatus;
  tuning: SessionTuning;
}

function connectionLost(): EarshotError {
  return new EarshotError('connection-lost', failureMessages.connectionLost);
}

export class ConnectionKeeper {
  private credentialKind: AcquiredCredential['kind'] | null = null;
  /** Reconnection attempts since a connection last stayed up for a while. */
  private recentAttempts = 0;
  private reconnectTimer: unknown = null;
  /** authRetried of the reconnection the timer will run. */
  private pendingAuthRetried = false;
  /** The connection attempt in flight, shared by the reconnection loop and stop. */
  private connecting: Promise<void> | null = null;
  private readonly finishing: GracefulClose;
  private readonly replays: ReplayPlanner;

  constructor(private readonly deps: ConnectionKeeperDeps) {
    this.finishing = new GracefulClose({
      ...deps,
      connectOnce: () => this.connectOnce(),
      connecting: () => this.connecting,
    });
    this.replays = new ReplayPlanner(deps.audio.format);
  }

  connectOnce(): Promise<void> {
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  cancelReconnect(): void {
    clearTimer(this.deps.tuning.timers, this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** True while a reconnection waits out its backoff: the only time news of the network matters. */
  get waitingOutBackoff(): boolean {
    return this.reconnectTimer !== null && this.stillWanted();
  }

  /**
   * The network came back: a reconnection waiting out its backoff goes now. Does nothing
   * otherwise, so a window that repeats the news cannot make main connect more often.
   */
  reconnectNow(): void {
    if (this.reconnectTimer === null || !this.stillWanted()) return;
    this.cancelReconnect();
    void this.reconnect(this.recentAttempts, this.pendingAuthRetried);
  }

  /**
   * The machine woke up: a socket from before the sleep may be dead without knowing it, so
   * it is replaced at once (what it had not finalized is replayed), and a reconnection
   * waiting out its backoff goes now.
   */
  renewConnection(): void {
    if (!this.stillWanted()) return;
    const connection = this.deps.pump.connection;
    if (connection === null) {
      this.reconnectNow();
      return;
    }
    this.deps.log.info('replacing the connection after a system resume', { sessionId: this.deps.sessionId });
    this.deps.pump.detach();
    connection.close();
    this.deps.audio.rewind();
    this.recentAttempts = 0;
    this.cancelReconnect();
    this.deps.status.set({ phase: 'reconnecting', reconnectAttempt: 1 });
    void this.reconnect(1, false);
  }

  /**
   * At stop: everything held reaches Deepgram and is answered before the connection closes
   * (GracefulClose.run). 'gave-up' when the time ran out or the person chose Stop now: the
   * audio log then still holds what Deepgram has not covered.
   */
  closeGracefully(): Promise<'finished' | 'gave-up'> {
    this.cancelReconnect();
    return this.finishing.run();
  }

  /** Stop now: the finishing ends at once; what is not yet final stays in the audio log. */
  stopFinishing(): void {
    this.finishing.stop();
  }

  private async connect(): Promise<void> {
    const { credentials, pump, sink, audio, status, tuning, log } = this.deps;
    const credential = await credentials.acquire();
    if (!this.deps.isCurrent()) throw connectionLost();
    const connection: ListenConnection = await openListenConnection({
      endpoint: this.deps.endpoint,
      query: this.deps.query,
      auth: credential.auth,
      connectTimeoutMs: tuning.connectTimeoutMs,
      log,
      handlers: {
        onMessage: (message) => this.handleMessage(connection, message),
        onClose: (event) => this.handleClose(connection, event.failure),
      },
    });
    if (!this.deps.isCurrent() || this.deps.hasEnded()) {
      connection.close();
      throw connectionLost();
    }
    this.credentialKind = credential.kind;
    // Everything Deepgram has not finalized goes again: this connection's 0 s is the
    // session position of the first frame it receives.
    const origin = audio.rewind();
    pump.attach(connection, this.replays.planFor(origin, audio.unsentBytes, audio.endPosition));
    sink.startConnection(audio.format.bytesToSeconds(origin));
    log.info('deepgram connection open', {
      sessionId: this.deps.sessionId,
      credential: credential.kind,
      originMs: Math.round(audio.format.bytesToMs(origin)),
      replayMs: Math.round(audio.format.bytesToMs(audio.unsentBytes)),
    });
    status.set({
      credential: credential.kind,
      ...(credential.notice ? { notice: credential.notice } : {}),
    });
    this.deps.onConnected();
  }

  private isCurrentConnection(connection: ListenConnection): boolean {
    return this.deps.isCurrent() && this.deps.pump.connection === connection;
  }

  private handleMessage(connection: ListenConnection, message: ListenMessage): void {
    if (this.isCurrentConnection(connection)) this.deps.sink.accept(message);
  }

  private handleClose(connection: ListenConnection, failure: ConnectionFailure | null): void {
    const { pump, audio, status, tuning, log } = this.deps;
    if (!this.isCurrentConnection(connection)) return;
    pump.detach();
    if (status.phase === 'stopping' || pump.closing) {
      // Cut while finishing: what it had not finalized is sent again on the next connection.
      if (failure !== null) audio.rewind();
      pump.abandonCatchUp();
      this.finishing.connectionClosed(failure !== null);
      return;
    }
    // Disconnected: everything held is waiting again (and counts as dropped if evicted).
    audio.rewind();
    const reason =
      failure ??
      new ConnectionFailure('connection-lost', failureMessages.connectionLost, { retryable: true });
    if (reason.retryable) {
      this.deps.onDisconnected();
      log.warn('deepgram connection lost; reconnecting', {
        sessionId: this.deps.sessionId,
        code: reason.userFacing.code,
      });
      // A server that accepts and then drops at once must not be hammered: keep backing off.
      const stayedUp = tuning.now() - pump.connectionOpenedAt >= stableConnectionMs;
      // A connection whose words became final was worth having: its drop starts the backoff over.
      const worthIt = this.replays.dropped(stayedUp, audio.startPosition);
      this.scheduleReconnect(worthIt ? 1 : this.recentAttempts + 1, false);
    } else {
      void this.deps.onFatal(reason);
    }
  }

  private scheduleReconnect(attempt: number, authRetried: boolean): void {
    const { tuning } = this.deps;
    this.recentAttempts = attempt;
    this.deps.status.set({ phase: 'reconnecting', reconnectAttempt: attempt });
    this.deps.status.countAudio(this.deps.audio);
    const delay = fullJitterDelayMs(attempt, {
      baseMs: tuning.backoffBaseMs,
      capMs: tuning.backoffCapMs,
      random: tuning.random,
    });
    this.pendingAuthRetried = authRetried;
    this.reconnectTimer = tuning.timers.setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect(attempt, authRetried);
    }, delay);
  }

  private stillWanted(): boolean {
    return this.deps.isCurrent() && !this.deps.hasEnded() && this.deps.status.phase !== 'stopping';
  }

  private async reconnect(attempt: number, authRetried: boolean): Promise<void> {
    if (!this.stillWanted()) return;
    try {
      await this.connectOnce();
    } catch (error) {
      if (!this.stillWanted()) return;
      const failure =
        error instanceof ConnectionFailure
          ? error
          : new ConnectionFailure('connection-lost', failureMessages.connectionLost, {
              retryable: true,
              cause: error,
            });
      // A minted credential refused at once was probably revoked underneath us: mint once more.
      if (failure.status === 401 && !authRetried && this.credentialKind !== 'stored-key') {
        this.deps.credentials.invalidate();
        void this.reconnect(attempt + 1, true);
        return;
      }
      if (!failure.retryable) {
        await this.deps.onFatal(failure);
        return;
      }
      this.deps.log.info('reconnection attempt failed', {
        sessionId: this.deps.sessionId,
        attempt,
        code: failure.userFacing.code,
      });
      this.scheduleReconnect(attempt + 1, authRetried);
      return;
    }
    if (!this.stillWanted()) return;
    this.deps.status.set({ phase: this.deps.runningPhase(), reconnectAttempt: 0 });
    this.deps.pump.pump();
  }
}
