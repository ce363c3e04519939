/** Sessions to export, built from spoken text with word timings (pure: unit and integration tests share it). */
import type { SessionSummary, SessionTranscript } from '../../src/shared/history';
import type { TranscriptSegment, TranscriptWord } from '../../src/shared/transcript';

export interface SpokenSegment {
  text: string;
  /** Seconds on the session's timeline when the first word starts. */
  at: number;
  /** Seconds each word takes, and the silence after it. */
  wordSeconds?: number;
  gapSeconds?: number;
  speaker?: number | null;
  speechFinal?: boolean;
  isFinal?: boolean;
  transcribedLater?: boolean;
}

let nextId = 0;

export function spokenSegment(spoken: SpokenSegment): TranscriptSegment {
  const wordSeconds = spoken.wordSeconds ?? 0.3;
  const gapSeconds = spoken.gapSeconds ?? 0.05;
  const speaker = spoken.speaker ?? null;
  const words: TranscriptWord[] = spoken.text
    .split(/\s+/)
    .filter(Boolean)
    .map((punctuatedWord, index) => {
      const start = Math.round((spoken.at + index * (wordSeconds + gapSeconds)) * 1000) / 1000;
      return {
        word: punctuatedWord.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''),
        punctuatedWord,
        start,
        end: Math.round((start + wordSeconds) * 1000) / 1000,
        confidence: 0.9 + (index % 10) / 100,
        speaker,
      };
    });
  nextId += 1;
  return {
    id: `segment-${nextId}`,
    text: spoken.text,
    start: words[0]?.start ?? spoken.at,
    end: words[words.length - 1]?.end ?? spoken.at,
    isFinal: spoken.isFinal ?? true,
    speechFinal: spoken.speechFinal ?? true,
    fromFinalize: false,
    words,
    speaker,
    ...(spoken.transcribedLater ? { transcribedLater: true } : {}),
  };
}

export function exportSession(
  segments: TranscriptSegment[],
  extra: { summary?: Partial<SessionSummary>; speakerNames?: Record<string, string> } = {},
): SessionTranscript {
  const end = segments.reduce((latest, segment) => Math.max(latest, segment.end), 0);
  return {
    summary: {
      id: '2026-11-27T09-00-00-000Z-3fa9c1',
      startedAt: '2026-11-27T09:00:00.000Z',
      endedAt: new Date(Date.parse('2026-11-27T09:00:00.000Z') + end * 1000).toISOString(),
      durationSeconds: end,
      firstWords: segments[0]?.text.slice(0, 40) ?? '',
      segmentCount: segments.length,
      interrupted: false,
      damaged: null,
      waitingAudioSeconds: 0,
      title: null,
      ...extra.summary,
    },
    segments,
    speakerNames: extra.speakerNames ?? {},
  };
}
