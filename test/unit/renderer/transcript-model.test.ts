import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import { TranscriptModel } from '../../../src/renderer/live/transcript-model';
import { transcriptText } from '../../../src/renderer/ui/transcript-text';

function segment(
  id: string,
  text: string,
  isFinal: boolean,
  start = 0,
  end = 1,
  speaker: number | null = null,
): TranscriptSegment {
  return { id, text, start, end, isFinal, speechFinal: isFinal, fromFinalize: false, words: [], speaker };
}

describe('TranscriptModel', () => {
  it('replaces the interim in place and appends the final that settles it', () => {
    const model = new TranscriptModel();
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'hello', false) });
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'hello wor', false) });
    expect(model.getSnapshot().interim?.text).toBe('hello wor');
    expect(model.getSnapshot().finals).toHaveLength(0);
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'Hello world.', true) });
    const snapshot = model.getSnapshot();
    expect(snapshot.interim).toBeNull();
    expect(snapshot.finals.map((final) => final.text)).toEqual(['Hello world.']);
    expect(snapshot.latestFinalText).toBe('Hello world.');
  });

  it('never shows a replayed final twice', () => {
    const model = new TranscriptModel();
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'One.', true) });
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('b', 'Two.', true, 1, 2) });
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'One.', true) });
    expect(model.fullText()).toBe('One. Two.');
  });

  it('starts empty for a new session and bumps its version on every change', () => {
    const model = new TranscriptModel();
    const before = model.getSnapshot().version;
    model.apply({ kind: 'segment', sessionId: 's1', segment: segment('a', 'Old.', true) });
    model.apply({ kind: 'segment', sessionId: 's2', segment: segment('a', 'New.', true) });
    expect(model.fullText()).toBe('New.');
    expect(model.getSnapshot().version).toBeGreaterThan(before + 1);
  });

  it('labels speakers when they change', () => {
    const text = transcriptText([
      segment('a', 'Hi.', true, 0, 1, 0),
      segment('b', 'How are you?', true, 1, 2, 0),
      segment('c', 'Fine.', true, 2, 3, 1),
    ]);
    expect(text).toBe('Speaker 1: Hi. How are you?\n\nSpeaker 2: Fine.');
  });
});
