/**
 * The live transcript: final segments in order plus the one interim segment being revised.
 * Kept outside React (thousands of segments, many updates a second); components read it
 * through useSyncExternalStore and a version number.
 */
import type { TranscriptEvent, TranscriptSegment } from '../../shared/transcript';
import { timelineIndex } from '../ui/timeline-order';
import { transcriptText } from '../ui/transcript-text';

export interface TranscriptSnapshot {
  readonly version: number;
  readonly sessionId: string | null;
  readonly finals: readonly TranscriptSegment[];
  readonly interim: TranscriptSegment | null;
  /** The most recent final text, for the screen-reader announcement. */
  readonly latestFinalText: string;
}

export class TranscriptModel {
  private finals: TranscriptSegment[] = [];
  private readonly indexById = new Map<string, number>();
  private interim: TranscriptSegment | null = null;
  private sessionId: string | null = null;
  private latestFinalText = '';
  private snapshot: TranscriptSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor() {
    this.snapshot = this.takeSnapshot(0);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): TranscriptSnapshot => this.snapshot;

  reset(sessionId: string | null = null): void {
    this.finals = [];
    this.indexById.clear();
    this.interim = null;
    this.sessionId = sessionId;
    this.latestFinalText = '';
    this.changed();
  }

  apply(event: TranscriptEvent): void {
    if (event.kind !== 'segment') return;
    const segment = event.segment;
    if (segment.transcribedLater) {
      // Late words belong to the session they were spoken in. Another session on screen (or
      // none yet) must not be cleared for them: History shows them with their own session.
      if (this.sessionId !== event.sessionId || !segment.isFinal) return;
      this.addFinal(segment);
      this.changed();
      return;
    }
    if (this.sessionId !== event.sessionId) {
      // A new session's first event: its transcript starts empty.
      if (this.sessionId !== null || this.finals.length > 0) this.reset(event.sessionId);
      this.sessionId = event.sessionId;
    }
    if (!segment.isFinal) {
      this.interim = segment;
    } else {
      if (this.addFinal(segment)) this.latestFinalText = segment.text;
      if (this.interim && (this.interim.id === segment.id || this.interim.start < segment.end)) {
        this.interim = null;
      }
    }
    this.changed();
  }

  /** Places a final by its start on the timeline; true when it is new. */
  private addFinal(segment: TranscriptSegment): boolean {
    const existing = this.indexById.get(segment.id);
    if (existing !== undefined) {
      // A repeated final (a replay after reconnecting) replaces, never duplicates.
      this.finals[existing] = segment;
      return false;
    }
    if (segment.text.trim() === '') return false;
    const at = timelineIndex(this.finals, segment.start);
    if (at === this.finals.length) {
      this.finals.push(segment);
    } else {
      this.finals.splice(at, 0, segment);
      for (let index = at + 1; index < this.finals.length; index += 1) {
        this.indexById.set(this.finals[index]!.id, index);
      }
    }
    this.indexById.set(segment.id, at);
    return true;
  }

  /** Everything final, as plain text: paragraphs per speaker when speakers are known. */
  fullText(): string {
    return transcriptText(this.finals);
  }

  private changed(): void {
    this.snapshot = this.takeSnapshot(this.snapshot.version + 1);
    for (const listener of this.listeners) listener();
  }

  private takeSnapshot(version: number): TranscriptSnapshot {
    return {
      version,
      sessionId: this.sessionId,
      finals: this.finals,
      interim: this.interim,
      latestFinalText: this.latestFinalText,
    };
  }
}
