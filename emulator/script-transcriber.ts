import type { SampleSpan } from './speech-detector';
import type { RecognizedWord, Transcriber, UtteranceAudio } from './transcriber';
import { splitVoice, voiced } from './voice-tags';

const inaudible = '[inaudible]';
/** Rough speaking rate used to guess how much of the text an interim result has "heard". */
const msPerCharacter = 65;
/**
 * Silence after an utterance's speech that means it was over when Finalize came: three times the
 * longest pause inside a sentence in the espeak fixture (50 ms), half the shortest endpointing.
 */
export const speechOverMs = 150;

/** Texts tests queue for the next utterances, shared by every connection of an emulator. */
export class UtteranceScript {
  private readonly queue: string[] = [];
  private takenCount = 0;

  enqueue(texts: readonly string[]): void {
    this.queue.push(...texts);
  }

  peek(): string | undefined {
    return this.queue[0];
  }

  take(): string | undefined {
    const text = this.queue.shift();
    if (text !== undefined) this.takenCount += 1;
    return text;
  }

  /** Lines taken so far: the next line's place in the script (speakers alternate by it). */
  get taken(): number {
    return this.takenCount;
  }

  /** Replaces the next text with what is left of it once part was transcribed. */
  replaceNext(text: string): void {
    if (this.queue.length > 0) this.queue[0] = text;
  }

  get size(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** Maps an offset in "speech time" (runs laid end to end) back to a sample position. */
function speechTimeToSample(runs: readonly SampleSpan[], offset: number): number {
  let remaining = offset;
  for (const run of runs) {
    const length = run.end - run.start;
    if (remaining <= length) return run.start + remaining;
    remaining -= length;
  }
  const last = runs[runs.length - 1];
  return last ? last.end : 0;
}

/** Spreads words over the speech runs in proportion to their length, leaving a small gap between words. */
export function spreadWords(tokens: readonly string[], runs: readonly SampleSpan[]): RecognizedWord[] {
  const speech = runs.reduce((total, run) => total + (run.end - run.start), 0);
  const weights = tokens.map((token) => token.length + 1);
  const totalWeight = weights.reduce((total, weight) => total + weight, 0);
  let cursor = 0;
  return tokens.map((text, index) => {
    const slot = (speech * (weights[index] ?? 1)) / totalWeight;
    const gap = Math.min(slot * 0.1, (speech * 0.5) / Math.max(1, totalWeight));
    const start = speechTimeToSample(runs, Math.round(cursor));
    const end = speechTimeToSample(runs, Math.round(cursor + slot - gap));
    cursor += slot;
    return { text, start, end: Math.max(end, start + 1), confidence: 0.99 };
  });
}

function tokenize(text: string): string[] {
  return text.split(/\s+/).filter((token) => token.length > 0);
}

/** The first words of the text that the utterance's speech so far could hold (at least one). */
function heardPrefix(tokens: readonly string[], utterance: UtteranceAudio): string[] {
  const runs = utterance.span.runs;
  const speechMs =
    (runs.reduce((total, run) => total + run.end - run.start, 0) * 1000) / utterance.sampleRate;
  let heard = speechMs / msPerCharacter;
  const prefix: string[] = [];
  for (const token of tokens) {
    if (prefix.length > 0 && heard < token.length) break;
    prefix.push(token);
    heard -= token.length + 1;
  }
  return prefix;
}

/** Transcribes each detected utterance as the next queued text. */
export class ScriptTranscriber implements Transcriber {
  constructor(private readonly script: UtteranceScript) {}

  interim(utterance: UtteranceAudio): RecognizedWord[] {
    const { text, voice } = splitVoice(this.script.peek() ?? inaudible, this.script.taken);
    const prefix = heardPrefix(tokenize(text), utterance);
    // The prefix so far covers all speech heard so far, so its words stay inside the speech.
    return voiced(spreadWords(prefix, utterance.span.runs), voice);
  }

  final(utterance: UtteranceAudio): RecognizedWord[] {
    const lineIndex = this.script.taken;
    const { text, voice } = splitVoice(this.script.take() ?? inaudible, lineIndex);
    return voiced(spreadWords(tokenize(text), utterance.span.runs), voice);
  }

  /**
   * Finalize in mid-speech gives the words heard so far and leaves at least one word queued for
   * the speech that follows (on this connection or on a replay), so every word is given once.
   * Finalize after the speech has stopped gives the whole text.
   */
  flushed(utterance: UtteranceAudio, heardUntil: number): RecognizedWord[] {
    const line = this.script.peek();
    const silenceMs = ((heardUntil - utterance.span.end) * 1000) / utterance.sampleRate;
    if (line === undefined || silenceMs >= speechOverMs) return this.final(utterance);
    const { text, tag, voice } = splitVoice(line, this.script.taken);
    const tokens = tokenize(text);
    const heard = heardPrefix(tokens, utterance).slice(0, Math.max(0, tokens.length - 1));
    if (heard.length === 0) return [];
    // The rest of the line keeps its tag, so the same voice says it.
    this.script.replaceNext(tag + tokens.slice(heard.length).join(' '));
    return voiced(spreadWords(heard, utterance.span.runs), voice);
  }
}
