/**
 * Reads SRT and WebVTT exports back with independent parsers (`subtitle`, `webvtt-parser`,
 * with the full HTML entity table) and checks their cues against the word timings of the JSON
 * export: every word shown once, in order; each cue starting with its first word and showing
 * until its last has ended (or the next cue begins); no overlaps; at most 7 s, 2 lines of 42.
 */
import { createRequire } from 'node:module';
import { parseSync } from 'subtitle';
import type { WebVTTNode, WebVTTParser as WebVTTParserClass } from 'webvtt-parser';
import type { JsonExport } from '../../src/shared/export';

export interface ParsedCue {
  startMs: number;
  endMs: number;
  lines: string[];
  /** The speaker the cue names (SRT "Name: " prefix, VTT voice span), or null. */
  speaker: string | null;
}

const require = createRequire(import.meta.url);
// A CommonJS module whose exports are assigned at run time: ESM loaders cannot see its names.
const { WebVTTParser } = require('webvtt-parser') as { WebVTTParser: typeof WebVTTParserClass };
const htmlEntities = require('webvtt-parser/html-entities.json') as Record<string, string>;

export function parseSrt(text: string): ParsedCue[] {
  return parseSync(text).flatMap((node) => {
    if (node.type !== 'cue') return [];
    return [
      { startMs: node.data.start, endMs: node.data.end, lines: node.data.text.split('\n'), speaker: null },
    ];
  });
}

function plainText(nodes: readonly WebVTTNode[]): string {
  return nodes
    .map((node) => (node.type === 'text' ? (node.value ?? '') : plainText(node.children ?? [])))
    .join('');
}

export function parseVtt(text: string): { cues: ParsedCue[]; errors: string[] } {
  const result = new WebVTTParser(htmlEntities).parse(text, 'metadata');
  const cues = result.cues.map((cue) => {
    const voice = cue.tree.children.find((node) => node.type === 'object' && node.name === 'v');
    return {
      startMs: Math.round(cue.startTime * 1000),
      endMs: Math.round(cue.endTime * 1000),
      lines: plainText(cue.tree.children).split('\n'),
      speaker: voice?.value ?? null,
    };
  });
  return { cues, errors: result.errors.map((error) => `line ${error.line}: ${error.message}`) };
}

/** Takes a leading "Name: " off SRT cues when the JSON export knows that speaker label. */
export function withSrtSpeakers(cues: readonly ParsedCue[], labels: readonly string[]): ParsedCue[] {
  return cues.map((cue) => {
    const first = cue.lines[0] ?? '';
    const label = labels.find((candidate) => first.startsWith(`${candidate}: `));
    if (label === undefined) return cue;
    return { ...cue, speaker: label, lines: [first.slice(label.length + 2), ...cue.lines.slice(1)] };
  });
}

interface TimedWord {
  text: string;
  startMs: number;
  endMs: number;
}

function wordsOf(exported: JsonExport): TimedWord[] {
  return exported.segments
    .flatMap((segment) => segment.words)
    .map((word) => ({
      text: (word.punctuatedWord || word.word).replace(/\s+/g, ' ').trim(),
      startMs: Math.round(word.start * 1000),
      endMs: Math.round(word.end * 1000),
    }))
    .filter((word) => word.text !== '')
    .sort((a, b) => a.startMs - b.startMs);
}

/** Problems found (empty when the cues keep every rule); `lineLimit` counts the label in SRT. */
export function cueProblems(cues: readonly ParsedCue[], exported: JsonExport, lineLimit = 42): string[] {
  const problems: string[] = [];
  const words = wordsOf(exported);
  let next = 0;
  // A word longer than a line is shown in pieces, possibly across cues.
  let pending = '';
  cues.forEach((cue, index) => {
    const name = `cue ${index + 1} (${cue.startMs}–${cue.endMs} ms)`;
    const previous = cues[index - 1];
    if (previous && cue.startMs < previous.endMs) problems.push(`${name} overlaps the one before it`);
    if (cue.endMs <= cue.startMs) problems.push(`${name} does not last`);
    if (cue.endMs - cue.startMs > 7_000) problems.push(`${name} lasts longer than 7 s`);
    if (cue.lines.length > 2) problems.push(`${name} has ${cue.lines.length} lines`);
    for (const line of cue.lines) {
      if ([...line].length > lineLimit) problems.push(`${name} has a line of ${[...line].length} characters`);
    }
    const startsMidWord = pending !== '';
    const firstWord = words[next];
    let lastWord: TimedWord | undefined;
    for (const token of cue.lines.join(' ').split(' ').filter(Boolean)) {
      const word = words[next];
      if (!word) {
        problems.push(`${name} shows "${token}", which no word of the JSON export says`);
        return;
      }
      pending += token;
      lastWord = word;
      if (pending === word.text) {
        next += 1;
        pending = '';
      } else if (!word.text.startsWith(pending)) {
        problems.push(`${name} shows "${token}" where the words say "${word.text}"`);
        return;
      }
    }
    if (!firstWord || !lastWord) {
      problems.push(`${name} shows no word`);
      return;
    }
    // A word that overlaps the one before it (a replay) is shown once the previous cue has ended.
    const pushedBack =
      previous !== undefined && cue.startMs === previous.endMs && cue.startMs > firstWord.startMs;
    const startOk = startsMidWord
      ? cue.startMs >= firstWord.startMs && cue.startMs <= firstWord.endMs
      : Math.abs(cue.startMs - firstWord.startMs) <= 1 || pushedBack;
    if (!startOk)
      problems.push(`${name} starts at ${cue.startMs} ms, its first word at ${firstWord.startMs} ms`);
    const nextStart = cues[index + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const endsMidWord = pending !== '';
    if (!endsMidWord && cue.endMs < Math.min(lastWord.endMs, nextStart) - 1) {
      problems.push(`${name} ends at ${cue.endMs} ms, before its last word ends at ${lastWord.endMs} ms`);
    }
    if (endsMidWord && cue.endMs > lastWord.endMs + 1)
      problems.push(`${name} outlasts the word it shows part of`);
  });
  if (next < words.length) problems.push(`${words.length - next} word(s) of the JSON export are in no cue`);
  return problems;
}
