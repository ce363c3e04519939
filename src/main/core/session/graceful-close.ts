/**
 * Stop, done so the last words still arrive: everything held reaches Deepgram and is answered
 * before the connection closes. The connection keeper (connection-keeper.ts) runs it at stop
 * and tells it when the connection closes.
 */
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import type { AudioLog } from './audio-log';
import type { AudioPump } from './audio-pump';
import type { SessionStatus } from './session-status';
import { waitFor } from './session-timers';
import type { SessionTuning } from './session-tuning';
import { StopSignal } from './stop-signal';
import type { TranscriptSink } from './transcript-sink';

/** While finishing, retries come quickly: 250 ms after a refusal, doubling to at most 1 s. */
function finishingRetryDelayMs(failuresInARow: number): number {
  return Math.min(1000, 250 * 2 ** (failuresInARow - 1));
}

export interface GracefulCloseDeps {
  sessionId: string;
  log: Logger;
  audio: AudioLog;
  pump: AudioPump;
  sink: TranscriptSink;
  status: SessionStatus;
  tuning: SessionTuning;
  /** The keeper's connection attempt: the one in flight, or a new one. */
  connectOnce: () => Promise<void>;
  /** The connection attempt in flight, if any. */
  connecting: () => Promise<void> | null;
}

export class GracefulClose {
  /** Resolved when the current connection closes. */
  private onConnectionClosed: (() => void) | null = null;
  /** The connection closed while stopping was cut, not closed by Deepgram after CloseStream. */
  private lastCloseCut = false;
  /** Stop now was pressed: every wait of the finishing ends. */
  private readonly stopNow: StopSignal;

  constructor(private readonly deps: GracefulCloseDeps) {
    this.stopNow = new StopSignal(deps.tuning.timers);
  }

  /**
   * With a live connection that is Finalize and CloseStream and a short wait, as always.
   * During an outage it connects at once, without waiting out the backoff, and keeps trying
   * for up to finishTimeoutMs, replaying on each new connection what was not yet final.
   * 'gave-up' when the time ran out or the person chose Stop now: the audio log then still
   * holds what Deepgram has not covered.
   */
  async run(): Promise<'finished' | 'gave-up'> {
    const { pump, sink, audio, tuning, status } = this.deps;
    this.stopNow.reset();
    const deadline = tuning.now() + tuning.finishTimeoutMs;
    const remaining = () => Math.max(0, deadline - tuning.now());
    const outOfTime = () => this.stopNow.isRaised || remaining() === 0;
    if (!sink.hasBegun) {
      // Stop pressed while the first connection opens: start() sorts that out.
      if (this.deps.connecting())
        await this.stopNow.wait(
          (resolve) => this.deps.connecting()?.then(resolve, resolve),
          tuning.stopTimeoutMs,
        );
      return 'finished';
    }
    let attempt = 0;
    let failuresInARow = 0;
    for (;;) {
      if (!pump.connection) {
        if (audio.retainedBytes === 0 && !this.deps.connecting()) return 'finished';
        attempt += 1;
        status.set({
          finishing: { unsentAudioMs: Math.round(audio.format.bytesToMs(audio.retainedBytes)), attempt },
        });
        if (!(await this.connectWithin(remaining()))) {
          if (outOfTime()) return 'gave-up';
          failuresInARow += 1;
          const delay = finishingRetryDelayMs(failuresInARow);
          await this.stopNow.wait(() => undefined, Math.min(remaining(), delay));
          if (outOfTime()) return 'gave-up';
          continue;
        }
        failuresInARow = 0;
      }
      if (audio.unsentBytes > 0) {
        if (this.stopNow.isRaised) return 'gave-up';
        await pump.catchUp(remaining());
        if (!pump.connection) continue;
        if (audio.unsentBytes > 0) return 'gave-up';
      }
      const outcome = await this.closeStreamAndWait();
      if (outcome !== 'cut') return 'finished';
      if (outOfTime()) return 'gave-up';
    }
  }

  /** Stop now: the finishing ends at once; what is not yet final stays in the audio log. */
  stop(): void {
    this.stopNow.raise();
    this.deps.pump.abandonCatchUp();
  }

  /** The connection closed while stopping; `cut` when Deepgram did not close it after CloseStream. */
  connectionClosed(cut: boolean): void {
    if (cut) this.lastCloseCut = true;
    this.onConnectionClosed?.();
  }

  /** Finalize + CloseStream, then a bounded wait for Deepgram's last words and its close. */
  private async closeStreamAndWait(): Promise<'closed' | 'cut' | 'no-answer'> {
    const { pump, tuning, log } = this.deps;
    this.lastCloseCut = false;
    const closed = waitFor(
      tuning.timers,
      (resolve) => (this.onConnectionClosed = resolve),
      tuning.stopTimeoutMs,
    );
    if (!pump.closeStream()) this.onConnectionClosed?.();
    const closedInTime = await closed;
    this.onConnectionClosed = null;
    if (!closedInTime) {
      log.warn('deepgram did not close in time after CloseStream', { sessionId: this.deps.sessionId });
      return 'no-answer';
    }
    return this.lastCloseCut ? 'cut' : 'closed';
  }

  /** One connection attempt, bounded; false when it failed or took too long. */
  private async connectWithin(timeoutMs: number): Promise<boolean> {
    const { log } = this.deps;
    let connected = false;
    await this.stopNow.wait((resolve) => {
      this.deps.connectOnce().then(
        () => {
          connected = true;
          resolve();
        },
        (error: unknown) => {
          log.info('no connection while finishing', {
            code: error instanceof EarshotError ? error.userFacing.code : 'unknown',
          });
          resolve();
        },
      );
    }, timeoutMs);
    return connected && this.deps.pump.connection !== null;
  }
}
