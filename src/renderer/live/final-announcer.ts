/**
 * The words the live view's screen-reader region says when announcements are set to "at
 * pauses": the final words since the last pause, said once the speaker pauses. A pause is a
 * final that is speech_final or answers a Finalize, an UtteranceEnd, or the end of the stream
 * (Deepgram's Metadata, which follows the last results when a connection closes, as at Stop).
 * Kept up to date whatever the setting, so changing it mid-session takes effect at the next
 * pause. "Every final" keeps saying the transcript model's newest final, as it always did.
 */
import type { TranscriptEvent } from '../../shared/transcript';

export interface PauseAnnouncement {
  readonly version: number;
  /** The final words of the last stretch of speech that ended in a pause. */
  readonly text: string;
}

export class FinalAnnouncer {
  private sessionId: string | null = null;
  /** Finals already counted this session: a replay after reconnecting is not said twice. */
  private readonly seen = new Set<string>();
  private sincePause: string[] = [];
  private snapshot: PauseAnnouncement = { version: 0, text: '' };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PauseAnnouncement => this.snapshot;

  apply(event: TranscriptEvent): void {
    if (event.kind === 'speech-started') return;
    // Words transcribed later belong to History, not to what is being said now.
    if (event.kind === 'segment' && (!event.segment.isFinal || event.segment.transcribedLater)) return;
    if (event.sessionId !== this.sessionId) this.startSession(event.sessionId);
    if (event.kind === 'segment') {
      const { segment } = event;
      const text = segment.text.trim();
      if (!this.seen.has(segment.id) && text !== '') {
        this.seen.add(segment.id);
        this.sincePause.push(text);
      }
      if (!segment.speechFinal && !segment.fromFinalize) return;
    }
    this.pauseReached();
  }

  private startSession(sessionId: string): void {
    this.sessionId = sessionId;
    this.seen.clear();
    this.sincePause = [];
    if (this.snapshot.text !== '') this.publish('');
  }

  private pauseReached(): void {
    if (this.sincePause.length === 0) return;
    const words = this.sincePause.join(' ');
    this.sincePause = [];
    this.publish(words);
  }

  private publish(text: string): void {
    this.snapshot = { version: this.snapshot.version + 1, text };
    for (const listener of this.listeners) listener();
  }
}
