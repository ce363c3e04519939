/**
 * Transcribes one stretch of kept audio over one /v1/listen connection: sent paced within
 * Deepgram's 1.25× real-time limit, then Finalize and CloseStream. Results are stitched onto
 * the session's timeline at the stretch's offset. When the connection dies part-way, what was
 * finalized so far still counts: `coveredUpTo` says how far, so only the rest is tried again.
 */
import type { TranscriptSegment } from '../../../shared/transcript';
import { monoAudioFormat, type SessionAudioFormat } from '../session/audio-format';
import { ChannelStitchers } from '../session/channel-stitchers';
import type { ConnectionFailure } from '../session/connection-failure';
import type { ListenConnection, ListenConnectionHandlers } from '../session/listen-connection';
import type { ListenMessage } from '../session/listen-messages';
import { isQuietFrame } from '../session/quiet-frame';
import { waitFor } from '../session/session-timers';
import type { SessionTimers } from '../session/session-tuning';

export interface LateTranscriptionDeps {
  /** Opens a connection with the current settings and a fresh credential. */
  connect: (handlers: ListenConnectionHandlers) => Promise<ListenConnection>;
  timers: SessionTimers;
  now: () => number;
  replayRealTimeFactor: number;
  /** Bound on the wait for the last results after CloseStream. */
  closeTimeoutMs: number;
}

export interface LateTranscriptionResult {
  /** Final segments with words, on the session's timeline. */
  segments: TranscriptSegment[];
  /** Session position (bytes) up to which the audio is transcribed. */
  coveredUpTo: number;
  /** Deepgram answered everything and closed normally. */
  complete: boolean;
  failure: ConnectionFailure | null;
}

const frameMs = 20;
const defaultFinalizeEveryMs = 1000;
const pacingSlackMs = 250;

export async function transcribeStretch(
  sessionId: string,
  offsetBytes: number,
  audio: Uint8Array,
  options: { finalizeEveryBytes: number | null; signal: { aborted: boolean }; format?: SessionAudioFormat },
  deps: LateTranscriptionDeps,
): Promise<LateTranscriptionResult> {
  // The format the audio was kept in (its file says), whatever the audio source is now.
  const format = options.format ?? monoAudioFormat;
  const { bytesPerMs } = format;
  const frameBytes = frameMs * bytesPerMs;
  const pacingSlackBytes = pacingSlackMs * bytesPerMs;
  // Segment ids must not collide with the session's own: the stretch's offset makes them unique.
  const stitcher = new ChannelStitchers(`${sessionId}-later${offsetBytes}`, format.channels);
  stitcher.startConnection(format.bytesToSeconds(offsetBytes));
  const segments: TranscriptSegment[] = [];
  let coveredUpTo = offsetBytes;
  // Set by the close handler; an object, so the checks below see the handler's writes.
  const ending: { closed: { expected: boolean; failure: ConnectionFailure | null } | null } = {
    closed: null,
  };
  let onClosed: (() => void) | null = null;

  const connection = await deps.connect({
    onMessage: (message: ListenMessage) => {
      if (message.type !== 'results') return;
      const covered = stitcher.coveredUntil(message);
      const segment = stitcher.accept(message);
      if (covered !== null) {
        const coveredBytes = Math.min(format.secondsToBytes(covered), offsetBytes + audio.byteLength);
        coveredUpTo = Math.max(coveredUpTo, format.wholeSampleFrames(coveredBytes));
      }
      if (segment?.isFinal && segment.words.length > 0) segments.push(segment);
    },
    onClose: (event) => {
      ending.closed = { expected: event.expected, failure: event.failure };
      onClosed?.();
    },
  });

  const openedAt = deps.now();
  const rate = deps.replayRealTimeFactor * bytesPerMs;
  let sent = 0;
  let finalizedAt = 0;
  const finalizeEvery = options.finalizeEveryBytes ?? defaultFinalizeEveryMs * bytesPerMs;
  while (sent < audio.byteLength && ending.closed === null && !options.signal.aborted) {
    const allowed = pacingSlackBytes + rate * (deps.now() - openedAt) - sent;
    if (allowed < frameBytes) {
      const waitMs = Math.max(1, Math.ceil((frameBytes - allowed) / rate));
      await new Promise<void>((resolve) => deps.timers.setTimeout(resolve, waitMs));
      continue;
    }
    const frame = audio.subarray(sent, Math.min(audio.byteLength, sent + frameBytes));
    if (!connection.sendAudio(frame)) break;
    sent += frame.byteLength;
    // Kept audio is sent after an outage, often to a flaky network: Finalize regularly, at a
    // pause where one comes, so each connection's work is kept even if it is cut.
    const since = sent - finalizedAt;
    if (since >= finalizeEvery * 2 || (since >= finalizeEvery && isQuietFrame(frame))) {
      finalizedAt = sent;
      connection.sendFinalize();
    }
  }
  if (ending.closed === null && !options.signal.aborted && sent === audio.byteLength) {
    connection.sendFinalize();
    connection.sendCloseStream();
    await waitFor(deps.timers, (resolve) => (onClosed = resolve), deps.closeTimeoutMs);
  }
  connection.close();
  const end = ending.closed;
  const complete = end !== null && end.expected && sent === audio.byteLength;
  return {
    segments,
    coveredUpTo: complete ? offsetBytes + audio.byteLength : coveredUpTo,
    complete,
    failure: end?.failure ?? null,
  };
}
