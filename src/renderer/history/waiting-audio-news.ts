/**
 * Main's latest word on each session's waiting audio, heard whichever screen is open: audio
 * kept at Stop is usually tried (and may fail) before History is opened, and the summary
 * History lists carries only how much waits, not that an attempt failed or is running.
 */
import type { WaitingAudioStatus } from '../../shared/history';

export class WaitingAudioNews {
  private statuses: ReadonlyMap<string, WaitingAudioStatus> = new Map();
  private readonly listeners = new Set<(status: WaitingAudioStatus) => void>();
  private readonly stopListening: () => void;

  constructor(onWaitingAudio: (listener: (status: WaitingAudioStatus) => void) => () => void) {
    this.stopListening = onWaitingAudio((status) => this.record(status));
  }

  /** For useSyncExternalStore; the listener also gets each status as it comes. */
  readonly subscribe = (listener: (status: WaitingAudioStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new map whenever anything changed. */
  readonly getSnapshot = (): ReadonlyMap<string, WaitingAudioStatus> => this.statuses;

  /** An event from main, or main's answer to Transcribe now or Delete. */
  record(status: WaitingAudioStatus): void {
    this.statuses = new Map(this.statuses).set(status.sessionId, status);
    for (const listener of this.listeners) listener(status);
  }

  dispose(): void {
    this.stopListening();
    this.listeners.clear();
  }
}
