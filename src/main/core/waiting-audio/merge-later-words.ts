import type { TranscriptSegment } from '../../../shared/transcript';

/**
 * Words transcribed later join a session only where it has no words yet: kept audio may
 * overlap what a live connection finalized before it dropped (the audio left memory before
 * its final arrived), and a word must never appear twice. A later word whose middle falls
 * inside an existing word's span is the same word heard again.
 */
export function mergeableSegments(
  existing: readonly TranscriptSegment[],
  later: readonly TranscriptSegment[],
): TranscriptSegment[] {
  const spans = existing
    .flatMap((segment) => segment.words.map((word) => [word.start, word.end] as const))
    .sort((a, b) => a[0] - b[0]);
  const heard = (middle: number): boolean => {
    let low = 0;
    let high = spans.length - 1;
    while (low <= high) {
      const index = (low + high) >> 1;
      const [start, end] = spans[index] as readonly [number, number];
      if (middle < start) high = index - 1;
      else if (middle > end) low = index + 1;
      else return true;
    }
    return false;
  };
  const merged: TranscriptSegment[] = [];
  for (const segment of later) {
    const words = segment.words.filter((word) => !heard((word.start + word.end) / 2));
    if (words.length === 0) continue;
    const whole = words.length === segment.words.length;
    merged.push({
      ...segment,
      text: whole ? segment.text : words.map((word) => word.punctuatedWord).join(' '),
      start: words[0]?.start ?? segment.start,
      end: words.at(-1)?.end ?? segment.end,
      words,
      transcribedLater: true,
    });
  }
  return merged;
}
