/**
 * What a segment's speaker is called. Two-channel capture ("both") labels channel 0 "You" and
 * channel 1 "Others"; diarization numbers speakers from 1. A name the person gave a speaker in
 * this session (History's speakerNames, by the key below) wins over both.
 */

/** The fields a segment carries about who spoke; `channel` only in two-channel capture. */
export interface SpeakerFields {
  speaker: number | null;
  channel?: number;
}

/** The longest name the field takes (main checks it again when it stores the name). */
export const speakerNameLimit = 100;

const channelNames = ['You', 'Others'];

/** Stable within a session: "0" for diarized speaker 0, "c1" for channel 1, "c1-0" for speaker 0 on channel 1. */
export function speakerKeyOf(segment: SpeakerFields): string | null {
  const { speaker, channel } = segment;
  if (channel === undefined) return speaker === null ? null : String(speaker);
  return speaker === null ? `c${channel}` : `c${channel}-${speaker}`;
}

export function defaultSpeakerLabel(segment: SpeakerFields): string | null {
  const { speaker, channel } = segment;
  const channelName = channel === undefined ? null : (channelNames[channel] ?? `Channel ${channel + 1}`);
  if (speaker === null) return channelName;
  return channelName ? `${channelName}, speaker ${speaker + 1}` : `Speaker ${speaker + 1}`;
}

export function speakerName(segment: SpeakerFields, names: Readonly<Record<string, string>>): string | null {
  const key = speakerKeyOf(segment);
  if (key === null) return null;
  const given = Object.hasOwn(names, key) ? names[key]?.trim() : undefined;
  return given ? given : defaultSpeakerLabel(segment);
}
