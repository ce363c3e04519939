/**
 * Holds frames captured before the session is open and releases them in order. A backlog
 * is drained a little faster than real time (never a burst) because main refuses audio
 * that arrives faster than twice real time.
 */
import { audioFrameLimits } from '../../shared/ipc-contract';

/** Backlog frames sent per new frame, as a repeating pattern: 1.5× real time. */
const drainPattern = [1, 2] as const;
/** Frames kept while waiting for the session (30 s); older ones are dropped past this. */
const maxPendingFrames = (30_000 / audioFrameLimits.frameMs) | 0;

export class FrameRelay {
  private pending: ArrayBuffer[] = [];
  private open = false;
  private drainStep = 0;
  private droppedFrames = 0;

  constructor(private readonly send: (frame: ArrayBuffer) => void) {}

  get backlog(): number {
    return this.pending.length;
  }

  get dropped(): number {
    return this.droppedFrames;
  }

  /** A frame from the worklet, in capture order. */
  push(frame: ArrayBuffer): void {
    if (this.open && this.pending.length === 0) {
      this.send(frame);
      return;
    }
    this.pending.push(frame);
    if (this.pending.length > maxPendingFrames) {
      this.pending.shift();
      this.droppedFrames += 1;
    }
    if (this.open) this.drainSome();
  }

  /** The session is open: from now on frames flow, the backlog first. */
  markOpen(): void {
    this.open = true;
    this.drainSome();
  }

  /** Sends whatever is left, paced at 1.5× real time, and resolves when all went out. */
  async drainAll(): Promise<void> {
    const spacingMs = audioFrameLimits.frameMs / 1.5;
    while (this.pending.length > 0) {
      this.send(this.pending.shift()!);
      if (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, spacingMs));
    }
  }

  discard(): void {
    this.pending = [];
    this.open = false;
  }

  private drainSome(): void {
    const count = drainPattern[this.drainStep % drainPattern.length]!;
    this.drainStep += 1;
    for (let index = 0; index < count && this.pending.length > 0; index += 1)
      this.send(this.pending.shift()!);
  }
}
