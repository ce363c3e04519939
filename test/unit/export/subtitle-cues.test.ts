import { describe, expect, it } from 'vitest';
import { buildCues, cueLimits, type SubtitleCue } from '../../../src/shared/export/subtitle-cues';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import { spokenSegment } from '../../support/spoken-sessions';

/** The rules every cue list keeps, whatever the input. */
function expectWellFormed(cues: readonly SubtitleCue[]): void {
  let previousEnd = 0;
  for (const cue of cues) {
    expect(cue.startMs).toBeGreaterThanOrEqual(previousEnd);
    expect(cue.endMs).toBeGreaterThan(cue.startMs);
    expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(cueLimits.maxDurationMs);
    expect(cue.lines.length).toBeGreaterThan(0);
    expect(cue.lines.length).toBeLessThanOrEqual(cueLimits.maxLines);
    for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(cueLimits.maxLineLength);
    expect(cue.lines.join(' ')).toBe(cue.words.map((word) => word.text).join(' '));
    previousEnd = cue.endMs;
  }
}

const shownWords = (cues: readonly SubtitleCue[]) =>
  cues.flatMap((cue) => cue.words.map((word) => word.text));

describe('subtitle cues from word timings', () => {
  it('makes no cue from a session without words', () => {
    expect(buildCues([])).toEqual([]);
    expect(buildCues([spokenSegment({ text: '', at: 1 })])).toEqual([]);
  });

  it('times a cue from its first word to its last, on one line when it fits', () => {
    const cues = buildCues([spokenSegment({ text: 'Hello there, friend.', at: 1.2, wordSeconds: 0.4 })]);
    expect(cues).toHaveLength(1);
    expect(cues[0]).toMatchObject({ startMs: 1200, endMs: 2500, lines: ['Hello there, friend.'] });
  });

  it('keeps lines to 42 characters and cues to two lines, balanced', () => {
    const text =
      'This sentence is deliberately long so that it cannot possibly fit on two subtitle lines of forty two characters and must be split into several cues';
    const cues = buildCues([spokenSegment({ text, at: 0, wordSeconds: 0.2, gapSeconds: 0 })]);
    expectWellFormed(cues);
    expect(cues.length).toBeGreaterThan(1);
    expect(shownWords(cues).join(' ')).toBe(text);
    const twoLines = cues.find((cue) => cue.lines.length === 2)!;
    const [first, second] = twoLines.lines.map((line) => line.length) as [number, number];
    expect(Math.abs(first - second)).toBeLessThan(15);
  });

  it('never lets a cue last longer than 7 s, even when words are slow', () => {
    const cues = buildCues([
      spokenSegment({ text: 'one two three four five six', at: 0, wordSeconds: 2, gapSeconds: 0 }),
    ]);
    expectWellFormed(cues);
    expect(cues.length).toBeGreaterThanOrEqual(2);
  });

  it('breaks at a sentence end and at a pause', () => {
    const cues = buildCues([
      spokenSegment({ text: 'The first sentence ends here. And', at: 0, speechFinal: false }),
      spokenSegment({ text: 'after a long pause', at: 10 }),
    ]);
    expectWellFormed(cues);
    expect(cues.map((cue) => cue.lines.join(' '))).toEqual([
      'The first sentence ends here.',
      'And',
      'after a long pause',
    ]);
  });

  it('holds a short cue up for the minimum time, but never into the next cue', () => {
    const cues = buildCues([
      spokenSegment({ text: 'Yes.', at: 0, wordSeconds: 0.2 }),
      spokenSegment({ text: 'No.', at: 0.5, wordSeconds: 0.2 }),
      spokenSegment({ text: 'Maybe.', at: 5, wordSeconds: 0.2 }),
    ]);
    expectWellFormed(cues);
    expect(cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
      [0, 500],
      [500, 1500],
      [5000, 6000],
    ]);
  });

  it('splits one very long word into line-sized pieces that share its time', () => {
    const word = 'https://example.com/'.padEnd(130, 'x');
    const cues = buildCues([spokenSegment({ text: word, at: 2, wordSeconds: 3 })]);
    expectWellFormed(cues);
    expect(shownWords(cues).join('')).toBe(word);
    expect(cues[0]!.startMs).toBe(2000);
    expect(cues[cues.length - 1]!.words.at(-1)!.endMs).toBe(5000);
  });

  it('survives huge gaps between words', () => {
    const cues = buildCues([
      spokenSegment({ text: 'before', at: 1 }),
      spokenSegment({ text: 'after', at: 50_000 }),
    ]);
    expectWellFormed(cues);
    expect(cues.map((cue) => cue.startMs)).toEqual([1000, 50_000_000]);
  });

  it('drops a replayed word and moves a word that overlaps the one before it', () => {
    const first = spokenSegment({ text: 'alpha beta gamma', at: 1, speechFinal: false });
    // A replay that repeats "gamma" at the same time, then a word that starts inside it.
    const replay: TranscriptSegment = {
      ...spokenSegment({ text: 'gamma delta', at: 1.7 }),
    };
    replay.words[1]!.start = 1.8;
    replay.words[1]!.end = 2.3;
    const cues = buildCues([first, replay]);
    expectWellFormed(cues);
    expect(shownWords(cues)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    const delta = cues.flatMap((cue) => cue.words).find((word) => word.text === 'delta')!;
    expect(delta.startMs).toBe(2000);
  });

  it('keeps words in time order when segments arrive out of order', () => {
    const later = spokenSegment({ text: 'second part', at: 5 });
    const earlier = spokenSegment({ text: 'first part', at: 1 });
    const cues = buildCues([later, earlier]);
    expectWellFormed(cues);
    expect(shownWords(cues)).toEqual(['first', 'part', 'second', 'part']);
  });

  it('starts a new cue when the speaker changes', () => {
    const cues = buildCues([
      spokenSegment({ text: 'I said this', at: 0, speaker: 0, speechFinal: false }),
      spokenSegment({ text: 'and I said that', at: 1.1, speaker: 1 }),
    ]);
    expect(cues.map((cue) => cue.speaker)).toEqual([0, 1]);
  });

  it('gives words that all share one instant a cue that lasts', () => {
    const cues = buildCues([
      spokenSegment({ text: 'a b c', at: 3, wordSeconds: 0, gapSeconds: 0 }),
      spokenSegment({ text: 'd', at: 3, wordSeconds: 0 }),
    ]);
    expectWellFormed(cues);
    expect(shownWords(cues)).toEqual(['a', 'b', 'c', 'd']);
    expect(cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
      [3000, 3001],
      [3001, 4001],
    ]);
  });

  it('leaves room on the first line for a speaker label', () => {
    const text = 'a sentence that just about fills a line';
    const cues = buildCues([spokenSegment({ text, at: 0, speaker: 0 })], { prefixLength: () => 11 });
    expect(cues[0]!.lines).toHaveLength(2);
  });
});
