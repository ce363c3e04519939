/**
 * The session's audio that Deepgram has not yet covered with a final result, in order, on
 * the session's audio timeline (byte positions since the session started). It is both the
 * offline buffer (frames not yet sent) and the replay source (frames sent on a connection
 * that dropped before their words were final). Bounded in memory: beyond the limit the
 * oldest audio is handed to `onEvicted` (which keeps it on disk), never silently dropped.
 */
import { monoAudioFormat, type SessionAudioFormat } from './audio-format';

export interface LoggedFrame {
  position: number;
  data: Uint8Array;
}

export class AudioLog {
  private frames: LoggedFrame[] = [];
  private head = 0;
  /** Index of the next frame to send on the current connection. */
  private sendIndex = 0;
  private pushedBytes = 0;

  constructor(
    private readonly limitBytes: number,
    /** Audio pushed out of memory before a final covered it, oldest first. */
    private readonly onEvicted: (frame: LoggedFrame) => void,
    /** The session's format: frames hold whole sample frames of it, positions fall between them. */
    readonly format: SessionAudioFormat = monoAudioFormat,
  ) {}

  /** Session position just after the newest audio. */
  get endPosition(): number {
    return this.pushedBytes;
  }

  /** Session position of the oldest audio still held (where a replay starts). */
  get startPosition(): number {
    return this.frames[this.head]?.position ?? this.pushedBytes;
  }

  /** Position of the next frame to send; equals endPosition when caught up. */
  get sendPosition(): number {
    return this.frames[this.sendIndex]?.position ?? this.pushedBytes;
  }

  get unsentBytes(): number {
    return this.pushedBytes - this.sendPosition;
  }

  get retainedBytes(): number {
    return this.pushedBytes - this.startPosition;
  }

  /**
   * Copies the frame (the caller's buffer may be reused) and enforces the bound. False, and
   * nothing kept, for a frame that is not whole sample frames of the session's format: its
   * bytes would shift every later sample onto the wrong channel.
   */
  append(frame: Uint8Array): boolean {
    if (frame.byteLength % this.format.bytesPerSampleFrame !== 0) return false;
    if (frame.byteLength === 0) return true;
    this.frames.push({ position: this.pushedBytes, data: frame.slice() });
    this.pushedBytes += frame.byteLength;
    while (this.retainedBytes > this.limitBytes && this.head < this.frames.length) {
      const oldest = this.frames[this.head] as LoggedFrame;
      if (this.head >= this.sendIndex) this.sendIndex = this.head + 1;
      this.head += 1;
      this.onEvicted(oldest);
    }
    this.compact();
    return true;
  }

  peekUnsent(): LoggedFrame | null {
    return this.frames[this.sendIndex] ?? null;
  }

  markSent(): void {
    if (this.sendIndex < this.frames.length) this.sendIndex += 1;
  }

  /** A final result covered everything before `position`: that audio needs no replay. */
  coverUpTo(position: number): void {
    while (this.head < this.sendIndex) {
      const oldest = this.frames[this.head] as LoggedFrame;
      if (oldest.position + oldest.data.byteLength > position) break;
      this.head += 1;
    }
    this.compact();
  }

  /** The connection is gone: everything held is to be sent again. Returns the replay origin. */
  rewind(): number {
    this.sendIndex = this.head;
    return this.startPosition;
  }

  /** Every frame still held, oldest first, from the oldest position not covered. */
  held(): { position: number; frames: Uint8Array[] } {
    return { position: this.startPosition, frames: this.frames.slice(this.head).map((frame) => frame.data) };
  }

  /** Every frame still held, oldest first, and forgets them (the session ends without them). */
  takeAll(): { position: number; frames: Uint8Array[] } {
    const held = this.held();
    this.frames = [];
    this.head = 0;
    this.sendIndex = 0;
    return held;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.sendIndex -= this.head;
      this.head = 0;
    }
  }
}
