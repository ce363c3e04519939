/**
 * The session's state as the window sees it: every change is emitted as a fresh snapshot,
 * except the audio counters, which change with every frame and are emitted only when a
 * whole second changes.
 */
import { idleSessionState, type SessionState } from '../../../shared/session-state';
import type { SessionAudioFormat } from './audio-format';
import type { AudioLog } from './audio-log';

export class SessionStatus {
  private current: SessionState = { ...idleSessionState };
  private emittedBufferedSecond = 0;

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
    this.emitState(this.snapshot());
  }

  /** Held (unsent) audio, from the session's audio log. */
  countAudio(audio: AudioLog): void {
    const bufferedAudioMs = Math.round(audio.format.bytesToMs(audio.unsentBytes));
    if (Math.floor(bufferedAudioMs / 1000) !== this.emittedBufferedSecond) this.set({ bufferedAudioMs });
    else this.current = { ...this.current, bufferedAudioMs };
  }

  /** Audio put on disk to be transcribed later, and audio the store for it had no room for. */
  addWaitingAudio(keptBytes: number, unkeptBytes: number, format: SessionAudioFormat): void {
    this.set({
      waitingAudioMs: this.current.waitingAudioMs + Math.round(format.bytesToMs(keptBytes)),
      unkeptAudioMs: this.current.unkeptAudioMs + Math.round(format.bytesToMs(unkeptBytes)),
    });
  }
}
