/**
 * A session's outage, written to disk as it happens (see waiting-audio/audio-journal.ts): from
 * the drop, what is held and every frame after it, until a connection is back; the file goes
 * once Deepgram has covered its audio, or when the session ends.
 */
import type { AudioJournal } from '../waiting-audio/audio-journal';
import { monoAudioFormat, type SessionAudioFormat } from './audio-format';
import type { WaitingAudioKeeper } from './audio-spill';

export class OutageJournal {
  private file: AudioJournal | null = null;
  private writing = false;

  constructor(
    private readonly sessionId: string,
    private readonly store: WaitingAudioKeeper,
    private readonly format: SessionAudioFormat = monoAudioFormat,
  ) {}

  /** An outage starts with this audio held (oldest first, from `position`). */
  start(held: { position: number; frames: Uint8Array[] }): void {
    if (!this.store.openJournal) return;
    const previous = this.file;
    this.file = this.store.openJournal(this.sessionId, held.position, this.format.channels);
    for (const frame of held.frames) this.file.append(frame);
    this.writing = true;
    // The new journal holds everything the old one still had to offer.
    void previous?.discard();
  }

  /** A frame captured now; written while the outage lasts. */
  append(data: Uint8Array): void {
    if (this.writing) this.file?.append(data);
  }

  /** A connection is back: the journal stops growing, and waits for Deepgram to cover it. */
  connected(): void {
    this.writing = false;
  }

  /** Deepgram covered the audio before this position. */
  covered(startPosition: number): void {
    const file = this.file;
    if (!file || this.writing || startPosition < file.endPosition) return;
    this.file = null;
    void file.discard();
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    this.writing = false;
    await file?.discard();
  }
}
