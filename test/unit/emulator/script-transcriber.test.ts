import { describe, expect, it } from 'vitest';
import { ScriptTranscriber, UtteranceScript } from '../../../emulator/script-transcriber';
import type { SampleSpan } from '../../../emulator/speech-detector';
import type { UtteranceAudio } from '../../../emulator/transcriber';

const sampleRate = 16_000;
const ms = (value: number): number => (value * sampleRate) / 1000;

/** An utterance of continuous speech from startMs to endMs. */
function utterance(startMs: number, endMs: number): UtteranceAudio {
  const run: SampleSpan = { start: ms(startMs), end: ms(endMs) };
  return {
    span: { start: run.start, end: run.end, runs: [run] },
    sampleRate,
    samples: () => new Int16Array(0),
  };
}

const line = 'the quick brown fox jumps over the lazy dog';

function setUp(texts: string[]): { script: UtteranceScript; transcriber: ScriptTranscriber } {
  const script = new UtteranceScript();
  script.enqueue(texts);
  return { script, transcriber: new ScriptTranscriber(script) };
}

const textOf = (words: Array<{ text: string }>): string => words.map((word) => word.text).join(' ');

describe('script transcriber: Finalize gives only what was heard', () => {
  it('Finalize in mid-speech gives the words heard so far; the speech that follows gets the rest, each word once', () => {
    const { script, transcriber } = setUp([line, 'next line']);
    // 1 s of speech, Finalize 20 ms later (still inside the sentence).
    const heard = transcriber.flushed(utterance(0, 1000), ms(1020));
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.length).toBeLessThan(line.split(' ').length);
    expect(line.startsWith(textOf(heard))).toBe(true);
    const rest = transcriber.final(utterance(1100, 2800));
    expect(`${textOf(heard)} ${textOf(rest)}`).toBe(line);
    expect(script.peek()).toBe('next line');
  });

  it('keeps at least one word for what follows while speech goes on, however long the speech was', () => {
    const { script, transcriber } = setUp([line]);
    const heard = transcriber.flushed(utterance(0, 20_000), ms(20_010));
    expect(textOf(heard)).toBe('the quick brown fox jumps over the lazy');
    expect(script.peek()).toBe('dog');
  });

  it('gives nothing and keeps the text when the text is one word and speech goes on', () => {
    const { script, transcriber } = setUp(['hello']);
    expect(transcriber.flushed(utterance(0, 300), ms(300))).toEqual([]);
    expect(script.peek()).toBe('hello');
  });

  it('gives the whole text when the speech had stopped before Finalize came', () => {
    const { script, transcriber } = setUp([line, 'next line']);
    const words = transcriber.flushed(utterance(0, 1000), ms(1200));
    expect(textOf(words)).toBe(line);
    expect(script.peek()).toBe('next line');
  });

  it('places the words it gives inside the speech heard', () => {
    const { transcriber } = setUp([line]);
    const words = transcriber.flushed(utterance(500, 1500), ms(1510));
    for (const word of words) {
      expect(word.start).toBeGreaterThanOrEqual(ms(500));
      expect(word.end).toBeLessThanOrEqual(ms(1500));
    }
  });
});
