/**
 * Words transcribed later from kept audio join their session only where it has no words:
 * a later word whose middle lies inside a word the session already has is that word heard
 * again, and is left out. What is left is marked as transcribed later.
 */
import { describe, expect, it } from 'vitest';
import type { TranscriptSegment, TranscriptWord } from '../../../src/shared/transcript';
import { mergeableSegments } from '../../../src/main/core/waiting-audio/merge-later-words';

function word(text: string, start: number, end: number): TranscriptWord {
  return {
    word: text.toLowerCase().replace(/[^a-z]/g, ''),
    punctuatedWord: text,
    start,
    end,
    confidence: 0.9,
    speaker: null,
  };
}

function segment(id: string, text: string, words: TranscriptWord[]): TranscriptSegment {
  return {
    id,
    text,
    start: words[0]?.start ?? 0,
    end: words.at(-1)?.end ?? 0,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words,
    speaker: 1,
  };
}

const spoken = (segments: readonly TranscriptSegment[]) =>
  segments.flatMap((one) => one.words.map((each) => each.punctuatedWord));

describe('mergeableSegments', () => {
  // The session has "Good morning," at 1.0–1.8 s and "report" at 5.0–5.4 s; given out of
  // order, as segments from different connections can be.
  const existing = [
    segment('live-2', 'report', [word('report', 5.0, 5.4)]),
    segment('live-1', 'Good morning,', [word('Good', 1.0, 1.3), word('morning,', 1.35, 1.8)]),
  ];

  it('leaves out every later word whose middle falls inside a word the session has', () => {
    const later = [
      // Heard again, a little shifted: middles 1.15 and 1.6, both inside existing words.
      segment('later-a', 'Good morning,', [word('Good', 0.95, 1.35), word('morning,', 1.4, 1.8)]),
      // Middle exactly on an existing word's end still counts as that word.
      segment('later-b', 'report', [word('report', 5.3, 5.5)]),
    ];
    expect(mergeableSegments(existing, later)).toEqual([]);
  });

  it('keeps a later word that only overlaps an edge when its middle is outside', () => {
    // Middle 1.85 lies after "morning," ends (1.8), though the word starts inside it.
    const later = [segment('later-c', 'everyone.', [word('everyone.', 1.7, 2.0)])];
    expect(spoken(mergeableSegments(existing, later))).toEqual(['everyone.']);
  });

  it('keeps the rest of a partly heard segment, with its text, start and end rebuilt from the words left', () => {
    const later = [
      segment('later-d', 'Good morning, send the report today.', [
        word('Good', 1.0, 1.3),
        word('morning,', 1.35, 1.8),
        word('send', 2.0, 2.3),
        word('the', 2.35, 2.5),
        word('report', 5.0, 5.4),
        word('today.', 5.5, 5.9),
      ]),
    ];
    const [merged, ...more] = mergeableSegments(existing, later);
    expect(more).toEqual([]);
    expect(merged).toMatchObject({
      id: 'later-d',
      text: 'send the today.',
      start: 2.0,
      end: 5.9,
      isFinal: true,
      speaker: 1,
      transcribedLater: true,
    });
    expect(spoken(merged ? [merged] : [])).toEqual(['send', 'the', 'today.']);
  });

  it('keeps a segment with no word heard whole, its own text untouched, marked as transcribed later', () => {
    // The segment's text is Deepgram's (its own spacing and punctuation), not rebuilt.
    const whole = segment('later-e', 'Thank you.  Yes.', [
      word('Thank', 3.0, 3.2),
      word('you.', 3.25, 3.5),
      word('Yes.', 3.7, 3.9),
    ]);
    const merged = mergeableSegments(existing, [whole]);
    expect(merged).toEqual([{ ...whole, transcribedLater: true }]);
  });

  it('with a session that has no words yet, keeps every later segment, each marked', () => {
    const later = [
      segment('later-f', 'Good morning,', [word('Good', 1.0, 1.3), word('morning,', 1.35, 1.8)]),
      segment('later-g', 'report', [word('report', 5.0, 5.4)]),
    ];
    const merged = mergeableSegments([segment('empty', '', [])], later);
    expect(merged.map((one) => one.id)).toEqual(['later-f', 'later-g']);
    expect(merged.every((one) => one.transcribedLater === true)).toBe(true);
    expect(spoken(merged)).toEqual(['Good', 'morning,', 'report']);
  });

  it('changes neither the session nor the later segments it was given', () => {
    const later = [segment('later-h', 'Good news', [word('Good', 1.0, 1.3), word('news', 2.0, 2.2)])];
    const before = structuredClone({ existing, later });
    mergeableSegments(existing, later);
    expect({ existing, later }).toEqual(before);
  });
});
