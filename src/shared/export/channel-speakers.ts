/**
 * Exports of a "both" session: its segments carry `channel` (0 the microphone, 1 the system
 * audio), which the exports' speaker numbering does not know. Each (channel, speaker) pair gets
 * an export speaker number, named as the app names it ("You", "Others", "Others, speaker 2")
 * unless the person renamed it (History's speakerNames by speaker key, e.g. "c1").
 */
import { speakerKeyOf, speakerName } from '../speaker-labels';
import type { TranscriptSegment } from '../transcript';

/** Channel-only speakers are the channel itself (0 "You", 1 "Others"); diarized ones sit above 100. */
function exportSpeakerNumber(channel: number, speaker: number | null): number {
  return speaker === null ? channel : (channel + 1) * 100 + speaker;
}

/** The segment as the exports see it: a channel segment's speakers become export speaker numbers. */
export function withChannelSpeaker(segment: TranscriptSegment): TranscriptSegment {
  const { channel } = segment;
  if (channel === undefined) return segment;
  return {
    ...segment,
    speaker: exportSpeakerNumber(channel, segment.speaker),
    words: segment.words.map((word) => ({
      ...word,
      speaker: exportSpeakerNumber(channel, word.speaker ?? segment.speaker),
    })),
  };
}

/** Names of the export speaker numbers of channel segments: a given name, else the app's label. */
export function channelSpeakerNames(
  segments: readonly TranscriptSegment[],
  givenNames: unknown,
  clean: (name: string) => string,
): Map<number, string> {
  const given =
    typeof givenNames === 'object' && givenNames !== null && !Array.isArray(givenNames)
      ? (givenNames as Record<string, unknown>)
      : {};
  const names = new Map<number, string>();
  for (const segment of segments) {
    const { channel } = segment;
    if (channel === undefined) continue;
    const speakers = new Set([segment.speaker, ...segment.words.map((word) => word.speaker)]);
    for (const speaker of speakers) {
      const fields = { speaker, channel };
      const key = speakerKeyOf(fields);
      const chosen = key === null ? undefined : given[key];
      const name =
        typeof chosen === 'string' && clean(chosen) !== '' ? clean(chosen) : speakerName(fields, {});
      if (name !== null) names.set(exportSpeakerNumber(channel, speaker), name);
    }
  }
  return names;
}
