/**
 * What each new connection of a session replays, and how often Finalize goes out while it
 * does: once after the replay (so the replayed audio is finalized as soon as Deepgram can and
 * the replay point moves forward), and, when a replay starts from the very point the last one
 * did (its connection died before anything became final), every second of replay, then every
 * 500 ms, until connections stay up again.
 */
import { monoAudioFormat, type SessionAudioFormat } from './audio-format';
import type { ReplayPlan } from './audio-pump';

export class ReplayPlanner {
  private readonly stuckReplayFinalizeBytes: number;
  private readonly minStuckFinalizeBytes: number;

  private connections = 0;
  /** Where the last connection's replay started (-1: it had none). */
  private lastReplayOrigin = -1;
  /** Replays in a row that started from the same point. */
  private stuckReplays = 0;
  private lastConnectionStayedUp = true;
  /** Where the current connection's audio starts on the session timeline. */
  private currentOrigin = 0;

  constructor(format: SessionAudioFormat = monoAudioFormat) {
    this.stuckReplayFinalizeBytes = 1000 * format.bytesPerMs;
    this.minStuckFinalizeBytes = 500 * format.bytesPerMs;
  }

  /** A connection opens at `origin` with this much to send, up to `endPosition`. */
  planFor(origin: number, unsentBytes: number, endPosition: number): ReplayPlan | null {
    const replaying = this.connections > 0 && unsentBytes > 0;
    // Progress resets the count only once connections stay up again.
    if (!replaying) this.stuckReplays = 0;
    else if (origin === this.lastReplayOrigin) this.stuckReplays += 1;
    else if (this.lastConnectionStayedUp) this.stuckReplays = 0;
    this.connections += 1;
    this.lastReplayOrigin = replaying ? origin : -1;
    this.currentOrigin = origin;
    if (!replaying) return null;
    const finalizeEveryBytes =
      this.stuckReplays === 0
        ? null
        : Math.max(this.minStuckFinalizeBytes, this.stuckReplayFinalizeBytes / 2 ** (this.stuckReplays - 1));
    return { untilPosition: endPosition, finalizeEveryBytes };
  }

  /**
   * The connection dropped. True when it was worth having (it stayed up, or Deepgram covered
   * some of its audio, moving the session's start past where it began).
   */
  dropped(stayedUp: boolean, startPosition: number): boolean {
    this.lastConnectionStayedUp = stayedUp;
    return stayedUp || startPosition > this.currentOrigin;
  }
}
