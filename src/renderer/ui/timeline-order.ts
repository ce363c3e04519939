/**
 * Segments in the order they were spoken. Words transcribed later (from audio kept while
 * Deepgram could not be reached) arrive after words spoken after them; they belong at their
 * place on the session's timeline, not at the end. (History gets a session already in this
 * order from main; the live view places each segment as it arrives.)
 */
import type { TranscriptSegment } from '../../shared/transcript';

/** Where a segment starting at `start` goes: after every segment that starts no later (so ties keep arrival order). */
export function timelineIndex(segments: readonly TranscriptSegment[], start: number): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.start <= start) low = middle + 1;
    else high = middle;
  }
  return low;
}
