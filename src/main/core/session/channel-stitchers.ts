/**
 * Stitching for a session's channels. Mono audio has one stitcher, exactly as before. With two
 * channels ("both": 0 the microphone, 1 the system audio) Deepgram sends one Results message per
 * channel; each channel is stitched and finalized on its own (its own segment numbers, its own
 * "already final" point), its segments carry `channel`, and their ids name the channel so the
 * two never collide.
 */
import type { TranscriptSegment } from '../../../shared/transcript';
import type { AudioChannelCount } from './audio-format';
import type { ListenMessage } from './listen-messages';
import { TranscriptStitcher } from './transcript-stitcher';

type ResultsMessage = Extract<ListenMessage, { type: 'results' }>;

export class ChannelStitchers {
  private readonly stitchers: TranscriptStitcher[];
  /** Per channel, the session position its finals cover up to. */
  private readonly covered: number[];

  constructor(
    sessionId: string,
    private readonly channels: AudioChannelCount = 1,
  ) {
    this.stitchers =
      channels === 1
        ? [new TranscriptStitcher(sessionId)]
        : Array.from(
            { length: channels },
            (_, channel) => new TranscriptStitcher(`${sessionId}-c${channel}`),
          );
    this.covered = this.stitchers.map(() => Number.NEGATIVE_INFINITY);
  }

  startConnection(originSeconds: number): void {
    for (const stitcher of this.stitchers) stitcher.startConnection(originSeconds);
  }

  toSession(seconds: number): number {
    return (this.stitchers[0] as TranscriptStitcher).toSession(seconds);
  }

  /**
   * Session position up to which every channel's finals cover the audio, or null when this
   * message moves nothing: the audio is interleaved, so a stretch is done only when both
   * channels have finalized it.
   */
  coveredUntil(message: ResultsMessage): number | null {
    const channel = this.channelOf(message);
    if (channel === null) return null;
    const until = (this.stitchers[channel] as TranscriptStitcher).coveredUntil(message);
    if (until === null) return null;
    this.covered[channel] = Math.max(this.covered[channel] as number, until);
    const all = Math.min(...this.covered);
    return Number.isFinite(all) ? all : null;
  }

  accept(message: ResultsMessage): TranscriptSegment | null {
    const channel = this.channelOf(message);
    if (channel === null) return null;
    const segment = (this.stitchers[channel] as TranscriptStitcher).accept(message);
    if (segment === null || this.channels === 1) return segment;
    return { ...segment, channel };
  }

  /** Mono takes every message as its one channel; a channel the session does not have is ignored. */
  private channelOf(message: ResultsMessage): number | null {
    if (this.channels === 1) return 0;
    const channel = message.channelIndex ?? 0;
    return channel < this.channels ? channel : null;
  }
}
