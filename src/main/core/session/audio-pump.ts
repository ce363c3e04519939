/**
 * Sends the session's held audio over the current connection, in order and paced: never
 * faster than replayRealTimeFactor × the connection's age (plus a small slack), so a replay
 * after an outage stays within Deepgram's limit while live audio that arrives in real time
 * goes straight through. While nothing flows it keeps the connection alive.
 */
import type { AudioLog } from './audio-log';
import type { ListenConnection } from './listen-connection';
import { isQuietFrame } from './quiet-frame';
import { clearTimer, waitFor } from './session-timers';
import type { SessionTuning } from './session-tuning';

/** Silence sent to a connection that heard nothing yet. */
const silentFrameMs = 20;
/** A pause between phrases: a due Finalize goes out once this much quiet audio was sent in a row. */
const pauseMs = 160;
/** After this much audio without such a pause, any quiet frame (a gap between words) will do... */
const phrasePauseWaitMs = 1000;
/** ... and after this much, any frame. */
const maxPauseWaitMs = 3000;

/** Audio the pacing lets through at once on a fresh connection (a few frames of jitter). */
const pacingSlackMs = 250;

export interface AudioPumpDeps {
  audio: AudioLog;
  tuning: SessionTuning;
  startedAt: number;
  /** The session is still the controller's: a pump of a replaced session goes quiet. */
  isCurrent: () => boolean;
  /** Nothing is sent before the transcript store knows the session. */
  mayFlow: () => boolean;
  /** Held or dropped audio may have changed. */
  onAudioChanged: () => void;
}

/**
 * What a reconnection replays: the backlog up to `untilPosition`, after which Finalize goes
 * out so Deepgram finalizes the replayed audio at once and the replay point moves forward.
 * When the previous connection died before the replay point moved, Finalize also goes out
 * every `finalizeEveryBytes` of the replay, so even connections that keep dying make progress.
 */
export interface ReplayPlan {
  untilPosition: number;
  finalizeEveryBytes: number | null;
}

export class AudioPump {
  private current: ListenConnection | null = null;
  /** When the current connection opened and what it was sent: the pacing budget. */
  private openedAt = 0;
  private sentBytes = 0;
  private lastSentAt: number;
  private closeStreamSent = false;
  private replay: ReplayPlan | null = null;
  /** sentBytes when the last mid-replay Finalize went out, and since when one is due. */
  private finalizedAtBytes = 0;
  private finalizeDueAt: number | null = null;
  /** Quiet audio sent in a row, up to the last frame. */
  private quietBytes = 0;
  private pumpTimer: unknown = null;
  private keepAliveTimer: unknown = null;
  /** Resolved when every held frame has been sent (used while stopping). */
  private onCaughtUp: (() => void) | null = null;

  /** Byte counts in the session's format (the audio log's): two channels are twice the bytes per ms. */
  private readonly bytesPerMs: number;

  constructor(private readonly deps: AudioPumpDeps) {
    this.lastSentAt = deps.startedAt;
    this.bytesPerMs = deps.audio.format.bytesPerMs;
  }

  get connection(): ListenConnection | null {
    return this.current;
  }

  get connectionOpenedAt(): number {
    return this.openedAt;
  }

  /** CloseStream went out on the current connection: its close is expected. */
  get closing(): boolean {
    return this.closeStreamSent;
  }

  /** A fresh connection: its pacing budget starts now. */
  attach(connection: ListenConnection, replay: ReplayPlan | null = null): void {
    const { now } = this.deps.tuning;
    this.current = connection;
    this.replay = replay;
    this.finalizedAtBytes = 0;
    this.finalizeDueAt = null;
    this.openedAt = now();
    this.sentBytes = 0;
    this.lastSentAt = now();
    this.closeStreamSent = false;
  }

  /** The connection closed: nothing more goes out until the next attach. */
  detach(): void {
    this.current = null;
    this.cancelPacing();
  }

  pump(): void {
    const { audio, tuning } = this.deps;
    if (!this.deps.isCurrent() || !this.deps.mayFlow()) return;
    this.cancelPacing();
    const connection = this.current;
    if (connection && !this.closeStreamSent) {
      const { bytesPerMs } = this;
      const rate = tuning.replayRealTimeFactor * bytesPerMs;
      for (let frame = audio.peekUnsent(); frame; frame = audio.peekUnsent()) {
        const elapsed = tuning.now() - this.openedAt;
        const allowed = pacingSlackMs * bytesPerMs + rate * elapsed - this.sentBytes;
        if (frame.data.byteLength > allowed) {
          const waitMs = Math.max(1, Math.ceil((frame.data.byteLength - allowed) / rate));
          this.pumpTimer = tuning.timers.setTimeout(() => this.pump(), waitMs);
          break;
        }
        if (!connection.sendAudio(frame.data)) break;
        audio.markSent();
        this.sentBytes += frame.data.byteLength;
        this.lastSentAt = tuning.now();
        this.finalizeReplay(connection, frame.data);
      }
    }
    this.deps.onAudioChanged();
    if (audio.unsentBytes === 0 && this.onCaughtUp) this.onCaughtUp();
  }

  /**
   * Finalize at the end of a replay (and every finalizeEveryBytes of it when connections keep
   * dying), at the first pause once it is due (quiet long enough to be between phrases, so no
   * word or sentence is cut in two), or after maxPauseWaitBytes without one.
   */
  private finalizeReplay(connection: ListenConnection, frame: Uint8Array): void {
    const replay = this.replay;
    if (replay === null) return;
    this.quietBytes = isQuietFrame(frame) ? this.quietBytes + frame.byteLength : 0;
    const replayDone = this.deps.audio.sendPosition >= replay.untilPosition;
    const periodDone =
      replay.finalizeEveryBytes !== null &&
      this.sentBytes - this.finalizedAtBytes >= replay.finalizeEveryBytes;
    if (!replayDone && !periodDone && this.finalizeDueAt === null) return;
    this.finalizeDueAt ??= this.sentBytes;
    // A pause between phrases; failing that, soon, a gap between words; failing that, now.
    // Connections that keep dying leave less time to wait for a pause.
    const maxPauseWaitBytes = maxPauseWaitMs * this.bytesPerMs;
    const patience = Math.min(maxPauseWaitBytes, replay.finalizeEveryBytes ?? maxPauseWaitBytes);
    const waited = this.sentBytes - this.finalizeDueAt;
    const atPause =
      this.quietBytes >= pauseMs * this.bytesPerMs ||
      (waited >= Math.min(phrasePauseWaitMs * this.bytesPerMs, patience / 2) && this.quietBytes > 0) ||
      waited >= patience;
    if (!atPause) return;
    connection.sendFinalize();
    this.finalizedAtBytes = this.sentBytes;
    this.finalizeDueAt = null;
    if (replayDone) this.replay = null;
  }

  /** Sends KeepAlive whenever nothing went out for half the interval, until the session is replaced. */
  keepAlive(): void {
    const { audio, tuning } = this.deps;
    const checkEveryMs = tuning.keepAliveIntervalMs / 2;
    this.keepAliveTimer = tuning.timers.setTimeout(() => {
      if (!this.deps.isCurrent()) return;
      const connection = this.current;
      if (connection && !this.closeStreamSent && tuning.now() - this.lastSentAt >= checkEveryMs) {
        if (this.sentBytes === 0 && audio.unsentBytes === 0 && this.deps.mayFlow()) {
          // Deepgram documents that KeepAlive alone may not hold a connection that has not
          // heard any audio yet: give it one frame of silence (part of the session's audio).
          audio.append(new Uint8Array(silentFrameMs * this.bytesPerMs));
          this.pump();
        }
        if (connection.sendKeepAlive()) this.lastSentAt = tuning.now();
      }
      this.keepAlive();
    }, checkEveryMs);
  }

  /** Asks Deepgram to finish what it heard, so nothing stays interim while no audio flows. */
  finalizeIfCaughtUp(): void {
    if (this.current && !this.closeStreamSent && this.deps.audio.unsentBytes === 0) {
      if (this.current.sendFinalize()) this.lastSentAt = this.deps.tuning.now();
    }
  }

  /** Asks Deepgram to finish what it heard so far, even with audio still to send. */
  finalizeNow(): void {
    if (this.current && !this.closeStreamSent && this.current.sendFinalize()) {
      this.lastSentAt = this.deps.tuning.now();
    }
  }

  /** Sends what is held; true once it is all out, false when the wait ran out first. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const caughtUp = waitFor(this.deps.tuning.timers, (resolve) => (this.onCaughtUp = resolve), timeoutMs);
    this.pump();
    const inTime = await caughtUp;
    this.onCaughtUp = null;
    return inTime;
  }

  /** The connection is gone while stopping: nothing more will be sent, so stop waiting. */
  abandonCatchUp(): void {
    this.onCaughtUp?.();
  }

  /**
   * Finalize, then CloseStream, so Deepgram sends its last results and closes. False when a
   * connection is there but did not take CloseStream (it is closing already).
   */
  closeStream(): boolean {
    const connection = this.current;
    if (!connection) return true;
    connection.sendFinalize();
    this.closeStreamSent = connection.sendCloseStream();
    return this.closeStreamSent;
  }

  /** The session is over: no timers, no connection. */
  stop(): void {
    this.cancelPacing();
    clearTimer(this.deps.tuning.timers, this.keepAliveTimer);
    this.keepAliveTimer = null;
    this.current?.close();
    this.current = null;
  }

  private cancelPacing(): void {
    clearTimer(this.deps.tuning.timers, this.pumpTimer);
    this.pumpTimer = null;
  }
}
