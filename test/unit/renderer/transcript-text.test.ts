/**
 * The transcript as plain text (the live view's Copy all, History): words joined with single
 * spaces, empty segments left out, and a speaker's label at every change of speaker.
 */
import { describe, expect, it } from 'vitest';
import { speakerLabel, transcriptText } from '../../../src/renderer/ui/transcript-text';
import type { TranscriptSegment } from '../../../src/shared/transcript';

function segment(text: string, speaker: number | null): TranscriptSegment {
  return {
    id: `s-${text}`,
    text,
    start: 0,
    end: 1,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    words: [],
    speaker,
  };
}

describe('transcriptText', () => {
  it('joins segments without speakers into one line, skipping empty ones', () => {
    expect(
      transcriptText([segment(' Hello there. ', null), segment('  ', null), segment('How are you?', null)]),
    ).toBe('Hello there. How are you?');
    expect(transcriptText([])).toBe('');
  });

  it('labels the first speaker and starts a paragraph at each change of speaker', () => {
    expect(
      transcriptText([
        segment('Good morning.', 0),
        segment('Shall we begin?', 0),
        segment('Yes.', 1),
        segment('Go ahead.', null),
        segment('First item.', 0),
      ]),
    ).toBe('Speaker 1: Good morning. Shall we begin?\n\nSpeaker 2: Yes. Go ahead.\n\nSpeaker 1: First item.');
  });

  it('numbers speakers from one', () => {
    expect(speakerLabel(0)).toBe('Speaker 1');
    expect(speakerLabel(null)).toBeNull();
  });
});

describe('transcript text with names and channels', () => {
  it('uses the names given in the session, and You / Others for the two channels', () => {
    const you = { ...segment('hello there', null), channel: 0 };
    const others = { ...segment('hi back', null), channel: 1 };
    expect(transcriptText([you, others])).toBe('You: hello there\n\nOthers: hi back');
    expect(transcriptText([segment('one', 0), segment('two', 1)], { '1': 'Bo' })).toBe(
      'Speaker 1: one\n\nBo: two',
    );
  });
});
