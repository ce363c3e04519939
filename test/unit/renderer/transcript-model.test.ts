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

function later(id: string, text: string, start: number, end: number): TranscriptSegment {
  return { ...segment(id, text, true, start, end), transcribedLater: true };
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

  it('places a segment transcribed later at its time, before words spoken after it', () => {
    const model = new TranscriptModel();
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'One.', true, 0, 1) });
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('d', 'Four.', true, 9, 10) });
    model.apply({ kind: 'segment', sessionId: 's', segment: later('c', 'Three.', 6, 8) });
    model.apply({ kind: 'segment', sessionId: 's', segment: later('b', 'Two.', 2, 5) });
    expect(model.getSnapshot().finals.map((final) => final.text)).toEqual([
      'One.',
      'Two.',
      'Three.',
      'Four.',
    ]);
    // Positions stay right after an insertion: a repeat of a later-placed segment still replaces.
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('d', 'Four!', true, 9, 10) });
    model.apply({ kind: 'segment', sessionId: 's', segment: later('b', 'Two!', 2, 5) });
    expect(model.fullText()).toBe('One. Two! Three. Four!');
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('e', 'Five.', true, 11, 12) });
    expect(model.fullText()).toBe('One. Two! Three. Four! Five.');
  });

  it('a later segment neither clears the interim nor becomes the announced text', () => {
    const model = new TranscriptModel();
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('a', 'Now.', true, 10, 11) });
    model.apply({ kind: 'segment', sessionId: 's', segment: segment('b', 'still speak', false, 11, 12) });
    model.apply({ kind: 'segment', sessionId: 's', segment: later('x', 'Earlier.', 2, 4) });
    const snapshot = model.getSnapshot();
    expect(snapshot.interim?.text).toBe('still speak');
    expect(snapshot.latestFinalText).toBe('Now.');
    expect(snapshot.finals.map((final) => final.text)).toEqual(['Earlier.', 'Now.']);
  });

  it('leaves the session on screen alone when words arrive late for another one', () => {
    const model = new TranscriptModel();
    model.apply({ kind: 'segment', sessionId: 'today', segment: segment('a', 'Today.', true) });
    model.apply({ kind: 'segment', sessionId: 'yesterday', segment: later('b', 'Yesterday.', 0, 1) });
    expect(model.getSnapshot().sessionId).toBe('today');
    expect(model.fullText()).toBe('Today.');
    model.reset();
    model.apply({ kind: 'segment', sessionId: 'yesterday', segment: later('b', 'Yesterday.', 0, 1) });
    expect(model.getSnapshot()).toMatchObject({ sessionId: null, finals: [] });
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
