/** What a speaker is called: diarized numbers, the two channels of "both", and names given per session. */
import { describe, expect, it } from 'vitest';
import { defaultSpeakerLabel, speakerKeyOf, speakerName } from '../../../src/shared/speaker-labels';

describe('speaker labels', () => {
  it('numbers diarized speakers from 1 and keys them by their number', () => {
    expect(defaultSpeakerLabel({ speaker: 0 })).toBe('Speaker 1');
    expect(speakerKeyOf({ speaker: 2 })).toBe('2');
    expect(speakerKeyOf({ speaker: null })).toBeNull();
    expect(defaultSpeakerLabel({ speaker: null })).toBeNull();
  });

  it('calls channel 0 "You" and channel 1 "Others", with the speaker when diarized too', () => {
    expect(defaultSpeakerLabel({ speaker: null, channel: 0 })).toBe('You');
    expect(defaultSpeakerLabel({ speaker: null, channel: 1 })).toBe('Others');
    expect(defaultSpeakerLabel({ speaker: 1, channel: 1 })).toBe('Others, speaker 2');
    expect(speakerKeyOf({ speaker: null, channel: 1 })).toBe('c1');
    expect(speakerKeyOf({ speaker: 1, channel: 1 })).toBe('c1-1');
  });

  it('a name given in the session wins; a blank one or another key leaves the default', () => {
    const names = { '0': 'Ada', c1: 'The panel', '1': '   ' };
    expect(speakerName({ speaker: 0 }, names)).toBe('Ada');
    expect(speakerName({ speaker: null, channel: 1 }, names)).toBe('The panel');
    expect(speakerName({ speaker: 1 }, names)).toBe('Speaker 2');
    expect(speakerName({ speaker: 0, channel: 0 }, names)).toBe('You, speaker 1');
    expect(speakerName({ speaker: 3 }, { toString: 'x' })).toBe('Speaker 4');
  });
});
