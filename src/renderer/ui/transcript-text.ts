/** A transcript as plain text, the same in the live view, History and the clipboard. */
import type { TranscriptSegment } from '../../shared/transcript';

export function speakerLabel(speaker: number | null): string | null {
  return speaker === null ? null : `Speaker ${speaker + 1}`;
}

export function transcriptText(segments: readonly TranscriptSegment[]): string {
  let text = '';
  let speaker: number | null | undefined;
  for (const segment of segments) {
    const words = segment.text.trim();
    if (words === '') continue;
    if (text === '') {
      const label = speakerLabel(segment.speaker);
      text = label ? `${label}: ${words}` : words;
    } else if (segment.speaker !== speaker && segment.speaker !== null) {
      text += `\n\n${speakerLabel(segment.speaker)}: ${words}`;
    } else {
      text += ` ${words}`;
    }
    speaker = segment.speaker;
  }
  return text;
}
