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
  private eventsHeard = 0;
  /** Per session, how many events had been heard when its last one came. */
  private readonly lastEventAt = new Map<string, number>();

  constructor(onWaitingAudio: (listener: (status: WaitingAudioStatus) => void) => () => void) {
    this.stopListening = onWaitingAudio((status) => {
      this.eventsHeard += 1;
      this.lastEventAt.set(status.sessionId, this.eventsHeard);
      this.keep(status);
    });
  }

  /** For useSyncExternalStore; the listener also gets each status as it comes. */
  readonly subscribe = (listener: (status: WaitingAudioStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new map whenever anything changed. */
  readonly getSnapshot = (): ReadonlyMap<string, WaitingAudioStatus> => this.statuses;

  /** Taken just before asking main something; give it back with the answer. */
  mark(): number {
    return this.eventsHeard;
  }

  /**
   * Main's answer to Transcribe now or Delete, asked at `mark`. Answers and events travel
   * apart, so an answer can arrive after events main sent later (the attempt it started has
   * already failed, say): then the events are newer and the answer is dropped.
   */
  answered(status: WaitingAudioStatus, mark: number): void {
    if ((this.lastEventAt.get(status.sessionId) ?? 0) > mark) return;
    this.keep(status);
  }

  dispose(): void {
    this.stopListening();
    this.listeners.clear();
  }

  private keep(status: WaitingAudioStatus): void {
    this.statuses = new Map(this.statuses).set(status.sessionId, status);
    for (const listener of this.listeners) listener(status);
  }
}
