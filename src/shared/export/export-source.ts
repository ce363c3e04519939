/**
 * What the exports read from a saved session, taken defensively: speaker names and a title
 * are added to the shared transcript types by other parts of the app, so they are read here
 * only when present and of the right shape, never assumed.
 */
import type { SessionTranscript } from '../history';
import type { TranscriptSegment } from '../transcript';
import { channelSpeakerNames, withChannelSpeaker } from './channel-speakers';

/** Deepgram numbers speakers from 0; people count from 1. */
export function defaultSpeakerLabel(speaker: number): string {
  return `Speaker ${speaker + 1}`;
}

function ownField(value: object, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** Names given to speakers: an object keyed by speaker number, or an array indexed by it. */
export function speakerNamesOf(transcript: SessionTranscript): ReadonlyMap<number, string> {
  const names = new Map<number, string>();
  const field = ownField(transcript, 'speakerNames') ?? ownField(transcript.summary, 'speakerNames');
  // A "both" session: "You" and "Others" (or the names given them), by their export numbers.
  for (const [speaker, name] of channelSpeakerNames(transcript.segments, field, oneLine)) {
    names.set(speaker, name);
  }
  if (typeof field !== 'object' || field === null) return names;
  const entries: [string, unknown][] = Array.isArray(field)
    ? field.map((name, index) => [String(index), name])
    : Object.entries(field);
  for (const [key, name] of entries) {
    const speaker = Number(key);
    if (!Number.isInteger(speaker) || speaker < 0 || typeof name !== 'string') continue;
    const clean = oneLine(name);
    if (clean !== '') names.set(speaker, clean);
  }
  return names;
}

/** The session's title when it has one (a renamed session), else null. */
export function sessionTitleOf(transcript: SessionTranscript): string | null {
  const title = ownField(transcript.summary, 'title') ?? ownField(transcript, 'title');
  if (typeof title !== 'string') return null;
  const clean = oneLine(title);
  return clean === '' ? null : clean;
}

/** Text on one line: control characters and line breaks become spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SpeakerLabeler {
  /** The label for a speaker: its name when given one, else "Speaker N"; null for no speaker. */
  label(speaker: number | null): string | null;
  /** Whether any segment has a speaker (the session was diarized). */
  diarized: boolean;
}

export function speakerLabeler(
  transcript: SessionTranscript,
  segments: readonly TranscriptSegment[],
): SpeakerLabeler {
  const names = speakerNamesOf(transcript);
  const diarized = segments.some(
    (segment) => segment.speaker !== null || segment.words.some((word) => word.speaker !== null),
  );
  return {
    diarized,
    label: (speaker) => (speaker === null ? null : (names.get(speaker) ?? defaultSpeakerLabel(speaker))),
  };
}

/** The final segments, in timeline order (interims are never exported). */
export function finalSegments(transcript: SessionTranscript): TranscriptSegment[] {
  return transcript.segments
    .filter((segment) => segment.isFinal)
    .map((segment, index) => ({ segment, index }))
    .sort((a, b) => a.segment.start - b.segment.start || a.index - b.index)
    .map(({ segment }) => withChannelSpeaker(segment));
}

/** A segment's speaker: its own, else that of most of its words. */
export function segmentSpeaker(segment: TranscriptSegment): number | null {
  if (segment.speaker !== null) return segment.speaker;
  const counts = new Map<number, number>();
  for (const word of segment.words) {
    if (word.speaker !== null) counts.set(word.speaker, (counts.get(word.speaker) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [speaker, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = speaker;
  return best;
}
