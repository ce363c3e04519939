/**
 * The session's state as the window sees it: every change is emitted as a fresh snapshot,
 * except the audio counters, which change with every frame and are emitted only when a
 * whole second changes.
 */
import { idleSessionState, type SessionState } from '../../../shared/session-state';
import { bytesToMs } from './audio-format';
import type { AudioLog } from './audio-log';

export class SessionStatus {
  private current: SessionState = { ...idleSessionState };
  private emittedBufferedSecond = 0;
  private emittedDroppedSecond = 0;

  constructor(private readonly emitState: (state: SessionState) => void) {}

  get phase(): SessionState['phase'] {
    return this.current.phase;
  }

  get notice(): string | null {
    return this.current.notice;
  }

  snapshot(): SessionState {
    const current = this.current;
    return { ...current, error: current.error ? { ...current.error } : null };
  }

  set(patch: Partial<SessionState>): void {
    this.current = { ...this.current, ...patch };
    this.emittedBufferedSecond = Math.floor(this.current.bufferedAudioMs / 1000);
    this.emittedDroppedSecond = Math.floor(this.current.droppedAudioMs / 1000);
    this.emitState(this.snapshot());
  }

  /** Held (unsent) and dropped audio, from the session's audio log. */
  countAudio(audio: AudioLog): void {
    const bufferedAudioMs = Math.round(bytesToMs(audio.unsentBytes));
    const droppedAudioMs = Math.round(bytesToMs(audio.droppedBytes));
    const changed =
      Math.floor(bufferedAudioMs / 1000) !== this.emittedBufferedSecond ||
      Math.floor(droppedAudioMs / 1000) !== this.emittedDroppedSecond;
    if (changed) this.set({ bufferedAudioMs, droppedAudioMs });
    else this.current = { ...this.current, bufferedAudioMs, droppedAudioMs };
  }
}
