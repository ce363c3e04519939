/**
 * Reads the on-disk form of one session as Earshot kept it before its SQLite store (the migration
 * imports these files): `<id>.jsonl`, one JSON object per line, appended only.
 *   {"kind":"session","version":1,"id":…,"startedAt":…}   first line
 *   {"kind":"final","segment":{…}}                        one per final segment, in order
 *   {"kind":"end","endedAt":…}                            when the session was stopped
 *   {"kind":"interrupted","detectedAt":…}                 added on the next start after a crash
 *   {"kind":"final","segment":{…,"transcribedLater":true}} words from kept audio, appended later
 * Each line is complete only once its newline is written, so a crash mid-write leaves at
 * most a torn last line without one, which readers ignore.
 */
import type { TranscriptSegment, TranscriptWord } from '../../../shared/transcript';

export const transcriptFileExtension = '.jsonl';
export interface ParsedTranscript {
  id: string;
  startedAt: string;
  segments: TranscriptSegment[];
  endedAt: string | null;
  /** An interrupted marker was written after a crash. */
  interruptedMarker: boolean;
  /** Bytes of complete lines; anything after is a torn write. */
  completeBytes: number;
  tornBytes: number;
  skippedLines: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const speakerOf = (value: unknown): number | null => (finite(value) ? value : null);

function parseWord(value: unknown): TranscriptWord | null {
  if (!isRecord(value) || typeof value.word !== 'string' || !finite(value.start) || !finite(value.end))
    return null;
  return {
    word: value.word,
    punctuatedWord: typeof value.punctuatedWord === 'string' ? value.punctuatedWord : value.word,
    start: value.start,
    end: value.end,
    confidence: finite(value.confidence) ? value.confidence : 0,
    speaker: speakerOf(value.speaker),
  };
}

const channelOf = (value: unknown): { channel?: number } =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { channel: value } : {};

export function parseSegment(value: unknown): TranscriptSegment | null {
  if (!isRecord(value)) return null;
  const { id, text, start, end } = value;
  if (typeof id !== 'string' || typeof text !== 'string' || !finite(start) || !finite(end)) return null;
  const words = Array.isArray(value.words) ? value.words.map(parseWord) : [];
  if (words.some((word) => word === null)) return null;
  return {
    id,
    text,
    start,
    end,
    isFinal: value.isFinal !== false,
    speechFinal: value.speechFinal === true,
    fromFinalize: value.fromFinalize === true,
    words: words as TranscriptWord[],
    speaker: speakerOf(value.speaker),
    // Two-channel capture ("both"): 0 "You", 1 "Others"; it labels the segment after a reload.
    ...channelOf(value.channel),
    ...(value.transcribedLater === true ? { transcribedLater: true } : {}),
  };
}

/** Parses a whole file; returns null when it has no valid first line (nothing to show). */
export function parseTranscriptFile(content: Buffer): ParsedTranscript | null {
  const lastNewline = content.lastIndexOf(0x0a);
  const completeBytes = lastNewline + 1;
  const lines = content.subarray(0, completeBytes).toString('utf8').split('\n').slice(0, -1);
  let header: { id: string; startedAt: string } | null = null;
  const parsed: ParsedTranscript = {
    id: '',
    startedAt: '',
    segments: [],
    endedAt: null,
    interruptedMarker: false,
    completeBytes,
    tornBytes: content.length - completeBytes,
    skippedLines: 0,
  };
  for (const [index, text] of lines.entries()) {
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      parsed.skippedLines += 1;
      continue;
    }
    if (!isRecord(line)) {
      parsed.skippedLines += 1;
      continue;
    }
    if (index === 0) {
      if (line.kind !== 'session' || typeof line.id !== 'string' || !isIsoDate(line.startedAt)) return null;
      header = { id: line.id, startedAt: line.startedAt };
      continue;
    }
    if (line.kind === 'final') {
      const segment = parseSegment(line.segment);
      if (segment) parsed.segments.push(segment);
      else parsed.skippedLines += 1;
    } else if (line.kind === 'end' && isIsoDate(line.endedAt)) {
      parsed.endedAt = line.endedAt;
    } else if (line.kind === 'interrupted') {
      parsed.interruptedMarker = true;
    } else {
      parsed.skippedLines += 1;
    }
  }
  if (!header) return null;
  // Words transcribed later (from audio kept during an outage) are appended after the session
  // but belong at their time; the sort is stable, so equal starts keep the file's order.
  parsed.segments.sort((a, b) => a.start - b.start);
  return { ...parsed, id: header.id, startedAt: header.startedAt };
}
