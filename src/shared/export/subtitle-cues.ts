/**
 * Subtitle cues from word timings, shared by the SRT and WebVTT exports. A cue holds at most
 * two lines of about 42 characters, shows one speaker, lasts at most 7 s and breaks at
 * sentence ends and pauses; cues never overlap. Times are whole milliseconds throughout, so
 * rounding can never make one cue end after the next begins.
 */
import type { TranscriptSegment } from '../transcript';
import { oneLine, segmentSpeaker } from './export-source';
import { toMs } from './export-time';

export const cueLimits = Object.freeze({
  maxLineLength: 42,
  maxLines: 2,
  maxDurationMs: 7_000,
  /** A cue stays up at least this long when the next one leaves room. */
  minDurationMs: 1_000,
  /** Silence between words at least this long starts a new cue. */
  pauseMs: 700,
  /** A sentence end starts a new cue once the cue holds this many characters. */
  sentenceBreakMinLength: 15,
  /** A repeated word (a replay) closer than this to the one before it is the same word. */
  duplicateWithinMs: 50,
});

export interface CueWord {
  text: string;
  startMs: number;
  endMs: number;
  speaker: number | null;
  /** The word ends an utterance (Deepgram's speech_final), a natural place to break. */
  utteranceEnd: boolean;
}

export interface SubtitleCue {
  startMs: number;
  endMs: number;
  speaker: number | null;
  lines: string[];
  /** The words shown, with their own timings (after overlaps were resolved). */
  words: CueWord[];
}

export interface CueOptions {
  /** Characters the first line gives to a speaker label (SRT writes "Name: "); 0 for none. */
  prefixLength?: (speaker: number | null) => number;
}

/** The words of the final segments, in order, with the text a reader sees. */
function cueWordsOf(segments: readonly TranscriptSegment[]): CueWord[] {
  const words: CueWord[] = [];
  for (const segment of segments) {
    const speaker = segmentSpeaker(segment);
    const before = words.length;
    for (const word of segment.words) {
      const text = oneLine(word.punctuatedWord || word.word);
      const startMs = toMs(word.start);
      const endMs = toMs(word.end);
      if (text === '' || startMs === null || endMs === null) continue;
      words.push({ text, startMs, endMs, speaker: word.speaker ?? speaker, utteranceEnd: false });
    }
    if (words.length === before) words.push(...wordsFromText(segment, speaker));
    const last = words[words.length - 1];
    if (words.length > before && last && segment.speechFinal) last.utteranceEnd = true;
  }
  return words;
}

/** A segment without word timings: its words share its time evenly. */
function wordsFromText(segment: TranscriptSegment, speaker: number | null): CueWord[] {
  const tokens = oneLine(segment.text).split(' ').filter(Boolean);
  const startMs = toMs(segment.start);
  const endMs = toMs(segment.end);
  if (tokens.length === 0 || startMs === null || endMs === null) return [];
  const step = Math.max(0, endMs - startMs) / tokens.length;
  return tokens.map((text, index) => ({
    text,
    startMs: Math.round(startMs + step * index),
    endMs: Math.round(startMs + step * (index + 1)),
    speaker,
    utteranceEnd: false,
  }));
}

/**
 * Words in time order with no overlaps: a replayed word (same text at the same time) is
 * dropped, and a word that starts before the previous one ended starts when it ended.
 */
function resolveOverlaps(words: readonly CueWord[]): CueWord[] {
  const ordered = words.map((word, index) => ({ word, index }));
  ordered.sort((a, b) => a.word.startMs - b.word.startMs || a.index - b.index);
  const kept: CueWord[] = [];
  for (const { word } of ordered) {
    const previous = kept[kept.length - 1];
    if (
      previous &&
      previous.text.toLowerCase() === word.text.toLowerCase() &&
      Math.abs(previous.startMs - word.startMs) < cueLimits.duplicateWithinMs
    ) {
      previous.utteranceEnd ||= word.utteranceEnd;
      continue;
    }
    const startMs = previous ? Math.max(word.startMs, previous.endMs) : word.startMs;
    kept.push({ ...word, startMs, endMs: Math.max(word.endMs, startMs) });
  }
  return kept;
}

/**
 * A word longer than a line becomes pieces that fit a line (after the speaker label, when
 * there is one), sharing its time by length.
 */
function splitLongWords(
  words: readonly CueWord[],
  prefixLength: (speaker: number | null) => number,
): CueWord[] {
  const result: CueWord[] = [];
  for (const word of words) {
    const characters = [...word.text];
    const pieceLength = Math.max(10, cueLimits.maxLineLength - prefixLength(word.speaker));
    if (characters.length <= pieceLength) {
      result.push(word);
      continue;
    }
    const pieces: string[] = [];
    for (let at = 0; at < characters.length; at += pieceLength) {
      pieces.push(characters.slice(at, at + pieceLength).join(''));
    }
    const span = word.endMs - word.startMs;
    let consumed = 0;
    pieces.forEach((text, index) => {
      const startMs = word.startMs + Math.round((span * consumed) / characters.length);
      consumed += [...text].length;
      const endMs = word.startMs + Math.round((span * consumed) / characters.length);
      const last = index === pieces.length - 1;
      result.push({ ...word, text, startMs, endMs, utteranceEnd: last && word.utteranceEnd });
    });
  }
  return result;
}

const length = (text: string) => [...text].length;

/** Lines of at most maxLineLength, filled greedily (which finds a fit whenever one exists). */
function greedyLines(texts: readonly string[], prefix: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = prefix;
  for (const text of texts) {
    const extra = (line === '' ? 0 : 1) + length(text);
    if (line !== '' && used + extra > cueLimits.maxLineLength) {
      lines.push(line);
      line = text;
      used = length(text);
    } else {
      line = line === '' ? text : `${line} ${text}`;
      used += extra;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function fits(texts: readonly string[], prefix: number): boolean {
  const lines = greedyLines(texts, prefix);
  return (
    lines.length <= cueLimits.maxLines &&
    lines.every((line, index) => length(line) + (index === 0 ? prefix : 0) <= cueLimits.maxLineLength)
  );
}

/** One line when it fits, else two lines as even as the words allow. */
function balancedLines(texts: readonly string[], prefix: number): string[] {
  const whole = texts.join(' ');
  if (prefix + length(whole) <= cueLimits.maxLineLength || texts.length < 2) return [whole];
  let best: string[] = greedyLines(texts, prefix);
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let split = 1; split < texts.length; split += 1) {
    const first = texts.slice(0, split).join(' ');
    const second = texts.slice(split).join(' ');
    const widths = [prefix + length(first), length(second)];
    if (widths.some((width) => width > cueLimits.maxLineLength)) continue;
    const width = Math.max(...widths);
    if (width < bestWidth) {
      bestWidth = width;
      best = [first, second];
    }
  }
  return best;
}

const sentenceEnd = /[.?!…]["'”’)\]]*$/;

/** Cues from the final segments' words. */
export function buildCues(segments: readonly TranscriptSegment[], options: CueOptions = {}): SubtitleCue[] {
  const prefixLength = options.prefixLength ?? (() => 0);
  const words = splitLongWords(resolveOverlaps(cueWordsOf(segments)), prefixLength);
  const groups: CueWord[][] = [];
  let current: CueWord[] = [];
  for (const word of words) {
    const first = current[0];
    const previous = current[current.length - 1];
    if (first && previous) {
      const texts = current.map((item) => item.text);
      const shownLength = length(texts.join(' '));
      const breakHere =
        word.speaker !== first.speaker ||
        word.startMs - previous.endMs >= cueLimits.pauseMs ||
        previous.utteranceEnd ||
        (sentenceEnd.test(previous.text) && shownLength >= cueLimits.sentenceBreakMinLength) ||
        word.endMs - first.startMs > cueLimits.maxDurationMs ||
        !fits([...texts, word.text], prefixLength(first.speaker));
      if (breakHere) {
        groups.push(current);
        current = [];
      }
    }
    current.push(word);
  }
  if (current.length > 0) groups.push(current);
  return timeCues(groups, prefixLength);
}

/**
 * Each cue starts with its first word and ends with its last, held to the minimum duration
 * when the next cue leaves room, cut to the maximum, and never past the next cue's start.
 */
function timeCues(
  groups: readonly CueWord[][],
  prefixLength: (speaker: number | null) => number,
): SubtitleCue[] {
  const cues: SubtitleCue[] = [];
  let previousEnd = 0;
  groups.forEach((group, index) => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const startMs = Math.max(first.startMs, previousEnd);
    const nextStart = groups[index + 1]?.[0]?.startMs ?? Number.POSITIVE_INFINITY;
    const wanted = Math.max(last.endMs, startMs + cueLimits.minDurationMs);
    let endMs = Math.min(wanted, startMs + cueLimits.maxDurationMs, nextStart);
    if (endMs <= startMs) endMs = startMs + 1;
    previousEnd = endMs;
    const texts = group.map((word) => word.text);
    cues.push({
      startMs,
      endMs,
      speaker: first.speaker,
      lines: balancedLines(texts, prefixLength(first.speaker)),
      words: group,
    });
  });
  return cues;
}
