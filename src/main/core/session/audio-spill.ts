/**
 * Where a session's audio goes when it cannot stay in memory and Deepgram has not covered it:
 * to the store for audio waiting to be transcribed, in order, written one batch at a time.
 */
import { errorName, type Logger } from '../logger';
import { monoAudioFormat, type SessionAudioFormat } from './audio-format';
import type { LoggedFrame } from './audio-log';
import type { WaitingAudioStore } from '../waiting-audio/waiting-audio-store';

/**
 * The part of the waiting-audio store a session writes to. Without openJournal (where an
 * outage's audio is written as it comes), a crash mid-outage loses that audio.
 */
export type WaitingAudioKeeper = Pick<WaitingAudioStore, 'keep'> &
  Partial<Pick<WaitingAudioStore, 'openJournal'>>;

/** Evicted audio is written in batches of this long (a long outage spills continuously). */
const batchMs = 10_000;

export class AudioSpill {
  private batch: Uint8Array[] = [];
  private batchStart = 0;
  private batchBytes = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      sessionId: string;
      store: WaitingAudioKeeper;
      /** Bytes now on disk, and bytes there was no room (or no disk) for. */
      onWritten: (keptBytes: number, unkeptBytes: number) => void;
      log: Logger;
      /** The session's: the kept files record its channel count, for late transcription. */
      format?: SessionAudioFormat;
    },
  ) {}

  private get format(): SessionAudioFormat {
    return this.deps.format ?? monoAudioFormat;
  }

  /** A frame pushed out of memory; frames arrive oldest first. */
  evicted(frame: LoggedFrame): void {
    if (this.batchBytes > 0 && frame.position !== this.batchStart + this.batchBytes) this.flush();
    if (this.batchBytes === 0) this.batchStart = frame.position;
    this.batch.push(frame.data);
    this.batchBytes += frame.data.byteLength;
    if (this.batchBytes >= batchMs * this.format.bytesPerMs) this.flush();
  }

  /** Keeps a whole stretch at once (what was still held when the session ended). */
  keep(position: number, frames: readonly Uint8Array[]): void {
    this.flush();
    this.write(position, frames);
  }

  /** Resolves once everything handed over is written (or counted as not kept). */
  async settled(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private flush(): void {
    if (this.batchBytes === 0) return;
    this.write(this.batchStart, this.batch);
    this.batch = [];
    this.batchBytes = 0;
  }

  private write(position: number, frames: readonly Uint8Array[]): void {
    const offered = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
    if (offered === 0) return;
    const { store, sessionId, log } = this.deps;
    this.writes = this.writes.then(async () => {
      let kept = 0;
      try {
        kept = await store.keep(sessionId, position, frames, this.format.channels);
      } catch (error) {
        log.error('could not keep audio on disk', { errorName: errorName(error) });
      }
      if (kept < offered)
        log.warn('audio not kept: the waiting-audio store is full', { bytes: offered - kept });
      this.deps.onWritten(kept, offered - kept);
    });
  }
}
