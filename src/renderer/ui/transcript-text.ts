/** A transcript as plain text, the same in the live view, History and the clipboard. */
import { defaultSpeakerLabel, speakerKeyOf, speakerName } from '../../shared/speaker-labels';
import type { TranscriptSegment } from '../../shared/transcript';

export function speakerLabel(speaker: number | null): string | null {
  return defaultSpeakerLabel({ speaker });
}

/** Paragraphs per speaker, each starting with the speaker's name (given in the session, or their number or channel). */
export function transcriptText(
  segments: readonly TranscriptSegment[],
  speakerNames: Readonly<Record<string, string>> = {},
): string {
  let text = '';
  let speaker: string | null | undefined;
  for (const segment of segments) {
    const words = segment.text.trim();
    if (words === '') continue;
    const key = speakerKeyOf(segment);
    const label = speakerName(segment, speakerNames);
    if (text === '') {
      text = label ? `${label}: ${words}` : words;
    } else if (key !== speaker && key !== null) {
      text += `\n\n${label}: ${words}`;
    } else {
      text += ` ${words}`;
    }
    speaker = key;
  }
  return text;
}
