/** Exports of a "both" session label each channel as the app does: "You" and "Others", or their given names. */
import { describe, expect, it } from 'vitest';
import { toJsonExport, toPlainText, toSrt } from '../../../src/shared/export';
import { exportSession, spokenSegment } from '../../support/spoken-sessions';

const both = () =>
  exportSession([
    { ...spokenSegment({ text: 'Can you hear me?', at: 1 }), channel: 0 },
    { ...spokenSegment({ text: 'Yes, loud and clear.', at: 3 }), channel: 1 },
    { ...spokenSegment({ text: 'Great, let us start.', at: 6 }), channel: 0 },
  ]);

describe('exports of two-channel sessions', () => {
  it('label channel 0 "You" and channel 1 "Others" in text and subtitles', () => {
    expect(toPlainText(both())).toBe(
      'You: Can you hear me?\n\nOthers: Yes, loud and clear.\n\nYou: Great, let us start.\n',
    );
    const srt = toSrt(both());
    expect(srt).toContain('You: Can you hear me?');
    expect(srt).toContain('Others: Yes, loud and clear.');
  });

  it('use the names given in History (by speaker key) and list the speakers in JSON', () => {
    const session = { ...both(), speakerNames: { c1: 'Dana' } };
    expect(toPlainText(session)).toContain('Dana: Yes, loud and clear.');
    const json = toJsonExport(session);
    expect(json.speakers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'You' }),
        expect.objectContaining({ label: 'Dana', named: true }),
      ]),
    );
  });

  it('tell diarized speakers apart within a channel', () => {
    const session = exportSession([
      { ...spokenSegment({ text: 'Hello from the room.', at: 1, speaker: 0 }), channel: 1 },
      { ...spokenSegment({ text: 'And from me.', at: 4, speaker: 1 }), channel: 1 },
    ]);
    expect(toPlainText(session)).toBe(
      'Others, speaker 1: Hello from the room.\n\nOthers, speaker 2: And from me.\n',
    );
  });
});
