/**
 * The JSON export: everything a program needs to reuse a session, in a versioned shape that
 * docs/EXPORTS.md documents. Times are seconds on the session's timeline, as Deepgram gives them.
 */
import type { SessionTranscript } from '../history';
import type { TranscriptWord } from '../transcript';
import {
  finalSegments,
  segmentSpeaker,
  sessionTitleOf,
  speakerNamesOf,
  defaultSpeakerLabel,
} from './export-source';

const jsonExportFormat = 'earshot-transcript';
export const jsonExportVersion = 1;

/** A word as the transcript holds it, without the language (docs/EXPORTS.md lists the fields). */
export type JsonExportWord = Pick<
  TranscriptWord,
  'word' | 'punctuatedWord' | 'start' | 'end' | 'confidence' | 'speaker'
>;

export interface JsonExportSegment {
  id: string;
  start: number;
  end: number;
  speaker: number | null;
  text: string;
  transcribedLater: boolean;
  words: JsonExportWord[];
}

export interface JsonExport {
  format: typeof jsonExportFormat;
  version: typeof jsonExportVersion;
  session: {
    id: string;
    title: string | null;
    startedAt: string;
    endedAt: string | null;
    durationSeconds: number;
    interrupted: boolean;
  };
  speakers: { id: number; label: string; named: boolean }[];
  segments: JsonExportSegment[];
}

export function toJsonExport(transcript: SessionTranscript): JsonExport {
  const segments = finalSegments(transcript);
  const names = speakerNamesOf(transcript);
  const speakerIds = new Set<number>();
  const exported = segments.map((segment): JsonExportSegment => {
    const speaker = segmentSpeaker(segment);
    if (speaker !== null) speakerIds.add(speaker);
    return {
      id: segment.id,
      start: segment.start,
      end: segment.end,
      speaker,
      text: segment.text,
      transcribedLater: segment.transcribedLater === true,
      words: segment.words.map((word) => {
        if (word.speaker !== null) speakerIds.add(word.speaker);
        return {
          word: word.word,
          punctuatedWord: word.punctuatedWord,
          start: word.start,
          end: word.end,
          confidence: word.confidence,
          speaker: word.speaker,
        };
      }),
    };
  });
  const { summary } = transcript;
  return {
    format: jsonExportFormat,
    version: jsonExportVersion,
    session: {
      id: summary.id,
      title: sessionTitleOf(transcript),
      startedAt: summary.startedAt,
      endedAt: summary.endedAt,
      durationSeconds: summary.durationSeconds,
      interrupted: summary.interrupted,
    },
    speakers: [...speakerIds]
      .sort((a, b) => a - b)
      .map((id) => ({ id, label: names.get(id) ?? defaultSpeakerLabel(id), named: names.has(id) })),
    segments: exported,
  };
}

export function toJson(transcript: SessionTranscript): string {
  return `${JSON.stringify(toJsonExport(transcript), null, 2)}\n`;
}
