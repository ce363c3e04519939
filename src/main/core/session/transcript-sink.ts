/**
 * Where a session's words go: Deepgram's messages are stitched onto the session's timeline,
 * finals are written to the transcript store, and every event reaches the window in the
 * order it came, each after every earlier final is on disk. A final is shown only once it is
 * durable, so a crash can never lose text the person saw as final.
 */
import type { TranscriptEvent, TranscriptSegment } from '../../../shared/transcript';
import { errorName, type Logger } from '../logger';
import type { ListenMessage } from './listen-messages';
import type { AudioChannelCount } from './audio-format';
import { ChannelStitchers } from './channel-stitchers';

/** The parts of the transcript store a session writes (structurally Pick<TranscriptStore, ...>). */
export interface SessionTranscriptStore {
  beginSession(id: string, startedAt: Date): Promise<void>;
  appendFinal(id: string, segment: TranscriptSegment): Promise<void>;
  endSession(id: string, endedAt: Date): Promise<void>;
}

export interface TranscriptSinkDeps {
  sessionId: string;
  store: SessionTranscriptStore;
  emitTranscript: (event: TranscriptEvent) => void;
  log: Logger;
  now: () => number;
  /** A final result covered the session's audio up to this many seconds: it needs no replay. */
  onCovered: (seconds: number) => void;
  /** A final could not be written (it is still shown). */
  onSaveFailed: () => void;
  /** The session's channel count: two channels are stitched apart. */
  channels?: AudioChannelCount;
}

export class TranscriptSink {
  private readonly stitcher: ChannelStitchers;
  /** Every write and emission so far, in order: the next one runs after it. */
  private writes: Promise<void> = Promise.resolve();
  private begun = false;

  constructor(private readonly deps: TranscriptSinkDeps) {
    this.stitcher = new ChannelStitchers(deps.sessionId, deps.channels ?? 1);
  }

  /** The transcript store knows this session (no audio is sent before that). */
  get hasBegun(): boolean {
    return this.begun;
  }

  async begin(startedAt: Date): Promise<void> {
    await this.deps.store.beginSession(this.deps.sessionId, startedAt);
    this.begun = true;
  }

  /** A new connection's 0 s is this position (seconds) on the session's timeline. */
  startConnection(originSeconds: number): void {
    this.stitcher.startConnection(originSeconds);
  }

  accept(message: ListenMessage): void {
    const sessionId = this.deps.sessionId;
    switch (message.type) {
      case 'results': {
        const covered = this.stitcher.coveredUntil(message);
        const segment = this.stitcher.accept(message);
        if (covered !== null) this.deps.onCovered(covered);
        if (!segment) return;
        if (segment.isFinal && segment.text !== '') this.saveThenEmit(segment);
        else this.emit({ kind: 'segment', sessionId, segment });
        return;
      }
      case 'utterance-end':
        this.emit({
          kind: 'utterance-end',
          sessionId,
          lastWordEnd: this.stitcher.toSession(message.lastWordEnd),
        });
        return;
      case 'speech-started':
        this.emit({
          kind: 'speech-started',
          sessionId,
          timestamp: this.stitcher.toSession(message.timestamp),
        });
        return;
      case 'metadata':
        this.emit({ kind: 'metadata', sessionId, requestId: message.requestId, duration: message.duration });
        return;
    }
  }

  /** Waits for every write, then closes the session's record; what was written stays. */
  async close(): Promise<void> {
    await this.writes;
    if (!this.begun) return;
    try {
      await this.deps.store.endSession(this.deps.sessionId, new Date(this.deps.now()));
    } catch (error) {
      this.deps.log.error('could not close the session record', { errorName: errorName(error) });
    }
  }

  private emit(event: TranscriptEvent): void {
    this.writes = this.writes.then(() => {
      try {
        this.deps.emitTranscript(event);
      } catch (error) {
        this.deps.log.error('could not deliver a transcript event', { errorName: errorName(error) });
      }
    });
  }

  private saveThenEmit(segment: TranscriptSegment): void {
    const { store, sessionId, log } = this.deps;
    this.writes = this.writes.then(() =>
      store.appendFinal(sessionId, segment).catch((error: unknown) => {
        log.error('could not save a final segment', { errorName: errorName(error) });
        this.deps.onSaveFailed();
      }),
    );
    this.emit({ kind: 'segment', sessionId, segment });
  }
}
