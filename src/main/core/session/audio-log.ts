/**
 * The session's audio that Deepgram has not yet covered with a final result, in order, on
 * the session's audio timeline (byte positions since the session started). It is both the
 * offline buffer (frames not yet sent) and the replay source (frames sent on a connection
 * that dropped before their words were final). Bounded: beyond the limit the oldest audio
 * goes, and audio that never reached Deepgram is counted as dropped.
 */
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
  private lostBytes = 0;
  /**
   * Sent audio pushed out of the bound before a final covered it: lost only if the
   * connection drops before Deepgram finalizes it, so it is counted then.
   */
  private atRisk = { from: 0, to: 0 };

  constructor(private readonly limitBytes: number) {}

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

  /** Audio that will never be transcribed: evicted unsent, or evicted and then its connection lost. */
  get droppedBytes(): number {
    return this.lostBytes;
  }

  /** Copies the frame (the caller's buffer may be reused) and enforces the bound. */
  append(frame: Uint8Array): void {
    if (frame.byteLength === 0) return;
    this.frames.push({ position: this.pushedBytes, data: frame.slice() });
    this.pushedBytes += frame.byteLength;
    while (this.retainedBytes > this.limitBytes && this.head < this.frames.length) {
      const oldest = this.frames[this.head] as LoggedFrame;
      if (this.head >= this.sendIndex) {
        this.lostBytes += oldest.data.byteLength;
        this.sendIndex = this.head + 1;
      } else {
        if (this.atRisk.to <= this.atRisk.from) this.atRisk.from = oldest.position;
        this.atRisk.to = oldest.position + oldest.data.byteLength;
      }
      this.head += 1;
    }
    this.compact();
  }

  peekUnsent(): LoggedFrame | null {
    return this.frames[this.sendIndex] ?? null;
  }

  markSent(): void {
    if (this.sendIndex < this.frames.length) this.sendIndex += 1;
  }

  /** A final result covered everything before `position`: that audio needs no replay. */
  coverUpTo(position: number): void {
    this.atRisk.from = Math.max(this.atRisk.from, position);
    while (this.head < this.sendIndex) {
      const oldest = this.frames[this.head] as LoggedFrame;
      if (oldest.position + oldest.data.byteLength > position) break;
      this.head += 1;
    }
    this.compact();
  }

  /** The connection is gone: everything held is to be sent again. Returns the replay origin. */
  rewind(): number {
    this.lostBytes += Math.max(0, this.atRisk.to - this.atRisk.from);
    this.atRisk = { from: 0, to: 0 };
    this.sendIndex = this.head;
    return this.startPosition;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.sendIndex -= this.head;
      this.head = 0;
    }
  }
}
