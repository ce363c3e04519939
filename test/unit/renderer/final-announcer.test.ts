import { describe, expect, it } from 'vitest';
import { FinalAnnouncer } from '../../../src/renderer/live/final-announcer';
import type { TranscriptSegment } from '../../../src/shared/transcript';

function segment(
  id: string,
  text: string,
  ends: { isFinal?: boolean; speechFinal?: boolean; fromFinalize?: boolean; later?: boolean } = {},
): TranscriptSegment {
  return {
    id,
    text,
    start: 0,
    end: 1,
    isFinal: ends.isFinal ?? true,
    speechFinal: ends.speechFinal ?? false,
    fromFinalize: ends.fromFinalize ?? false,
    words: [],
    speaker: null,
    ...(ends.later ? { transcribedLater: true } : {}),
  };
}

function said(announcer: FinalAnnouncer, ...segments: TranscriptSegment[]): string {
  for (const one of segments) announcer.apply({ kind: 'segment', sessionId: 's', segment: one });
  return announcer.getSnapshot().text;
}

describe('FinalAnnouncer (the "at pauses" announcements)', () => {
  it('says nothing until the speaker pauses, then the final words since the last pause, once', () => {
    const announcer = new FinalAnnouncer();
    expect(said(announcer, segment('a', 'The quick brown fox'), segment('b', 'jumps over'))).toBe('');
    expect(said(announcer, segment('c', 'the lazy dog.', { speechFinal: true }))).toBe(
      'The quick brown fox jumps over the lazy dog.',
    );
    expect(said(announcer, segment('d', 'Next', { isFinal: false }))).toBe(
      'The quick brown fox jumps over the lazy dog.',
    );
    expect(said(announcer, segment('d', 'Next one.', { fromFinalize: true }))).toBe('Next one.');
  });

  it('an UtteranceEnd is a pause too; one with nothing new since changes nothing', () => {
    const announcer = new FinalAnnouncer();
    said(announcer, segment('a', 'Are you there?'));
    const before = announcer.getSnapshot().version;
    announcer.apply({ kind: 'utterance-end', sessionId: 's', lastWordEnd: 1 });
    expect(announcer.getSnapshot().text).toBe('Are you there?');
    announcer.apply({ kind: 'utterance-end', sessionId: 's', lastWordEnd: 2 });
    expect(announcer.getSnapshot().version).toBe(before + 1);
  });

  it('the end of the stream (Metadata, as at Stop) says what no pause has said yet', () => {
    const announcer = new FinalAnnouncer();
    said(announcer, segment('a', 'No endpointing,'), segment('b', 'no pause.'));
    expect(announcer.getSnapshot().text).toBe('');
    announcer.apply({ kind: 'metadata', sessionId: 's', requestId: 'r', duration: 2 });
    expect(announcer.getSnapshot().text).toBe('No endpointing, no pause.');
  });

  it('a replayed final is not said again, and words transcribed later are not said at all', () => {
    const announcer = new FinalAnnouncer();
    said(announcer, segment('a', 'One.', { speechFinal: true }));
    expect(said(announcer, segment('a', 'One.', { speechFinal: true }))).toBe('One.');
    const version = announcer.getSnapshot().version;
    said(announcer, segment('a', 'One.', { speechFinal: true }));
    said(announcer, segment('z', 'Kept audio.', { speechFinal: true, later: true }));
    expect(announcer.getSnapshot().version).toBe(version);
    expect(said(announcer, segment('b', 'Two.', { speechFinal: true }))).toBe('Two.');
  });

  it('a new session starts silent and forgets what the last one had not yet said', () => {
    const announcer = new FinalAnnouncer();
    said(announcer, segment('a', 'Said.', { speechFinal: true }), segment('b', 'Never paused'));
    expect(announcer.getSnapshot().text).toBe('Said.');
    const next = (one: TranscriptSegment) =>
      announcer.apply({ kind: 'segment', sessionId: 'next', segment: one });
    next(segment('a', 'New', {}));
    expect(announcer.getSnapshot().text).toBe('');
    next(segment('c', 'words.', { speechFinal: true }));
    expect(announcer.getSnapshot().text).toBe('New words.');
  });
});
