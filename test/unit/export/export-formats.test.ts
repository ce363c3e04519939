import { describe, expect, it } from 'vitest';
import {
  defaultExportFileName,
  jsonExportVersion,
  renderExport,
  toJsonExport,
  toMarkdown,
  toPlainText,
  toSrt,
  toVtt,
} from '../../../src/shared/export';
import { exportSession, spokenSegment } from '../../support/spoken-sessions';

const conversation = () =>
  exportSession([
    spokenSegment({ text: 'Good morning, everyone.', at: 1, speaker: 0 }),
    spokenSegment({ text: 'Morning! Shall we start?', at: 65, speaker: 1 }),
    spokenSegment({ text: 'Yes, let us.', at: 67.5, speaker: 0, transcribedLater: true }),
  ]);

describe('plain text and Markdown', () => {
  it('writes paragraphs without speakers when the session was not diarized', () => {
    const session = exportSession([
      spokenSegment({ text: 'First thought.', at: 0 }),
      spokenSegment({ text: 'Same breath.', at: 1.2 }),
      spokenSegment({ text: 'After a pause.', at: 10 }),
    ]);
    expect(toPlainText(session)).toBe('First thought. Same breath.\n\nAfter a pause.\n');
  });

  it('labels speakers, using the names people gave them', () => {
    const session = { ...conversation(), speakerNames: { '1': 'Ana' } };
    expect(toPlainText(session)).toBe(
      'Speaker 1: Good morning, everyone.\n\nAna: Morning! Shall we start?\n\nSpeaker 1: Yes, let us.\n',
    );
  });

  it('writes Markdown with a title, times, speakers and escaped text', () => {
    const session = conversation();
    session.segments.push(spokenSegment({ text: 'Use *stars* and [links](x)', at: 3700, speaker: 1 }));
    const markdown = toMarkdown(session);
    const started = new Date('2026-11-27T09:00:00.000Z');
    const pad = (value: number) => String(value).padStart(2, '0');
    const local = `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())} ${pad(started.getHours())}:${pad(started.getMinutes())}`;
    expect(markdown.split('\n').slice(0, 3)).toEqual([`# Transcript of ${local}`, '', `- Started: ${local}`]);
    expect(markdown).toContain('**[00:00:01] Speaker 1:** Good morning, everyone.');
    expect(markdown).toContain('**[00:01:05] Speaker 2:** Morning\\! Shall we start?');
    expect(markdown).toContain('**[00:01:07] Speaker 1:** Yes, let us. _(transcribed later)_');
    expect(markdown).toContain('**[01:01:40] Speaker 2:** Use \\*stars\\* and \\[links\\]\\(x\\)');
  });

  it('uses the session title, and says when nothing was transcribed', () => {
    const session = exportSession([], { summary: { title: 'Standup # 12' } });
    const markdown = toMarkdown(session);
    expect(markdown.startsWith('# Standup \\# 12\n')).toBe(true);
    expect(markdown).toContain('_Nothing was transcribed in this session._');
    expect(toPlainText(session)).toBe('');
  });

  it('leaves out interim segments', () => {
    const session = exportSession([
      spokenSegment({ text: 'final words', at: 0 }),
      spokenSegment({ text: 'interim guess', at: 2, isFinal: false }),
    ]);
    expect(toPlainText(session)).toBe('final words\n');
    expect(toSrt(session)).not.toContain('interim');
  });
});

describe('subtitles', () => {
  it('writes numbered SRT cues with speaker labels in a diarized session', () => {
    expect(toSrt(conversation())).toBe(
      [
        '1',
        '00:00:01,000 --> 00:00:02,000',
        'Speaker 1: Good morning, everyone.',
        '',
        '2',
        '00:01:05,000 --> 00:01:06,350',
        'Speaker 2: Morning! Shall we start?',
        '',
        '3',
        '00:01:07,500 --> 00:01:08,500',
        'Speaker 1: Yes, let us.',
        '',
      ].join('\n'),
    );
  });

  it('writes WebVTT with voice spans and escapes markup', () => {
    const session = exportSession([spokenSegment({ text: 'a<b & c>d', at: 0.5, speaker: 0 })], {
      speakerNames: { '0': 'Tom & <Jerry>' },
    });
    expect(toVtt(session)).toBe(
      'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\n<v Tom &amp; &lt;Jerry&gt;>a&lt;b &amp; c&gt;d</v>\n',
    );
  });

  it('writes no voice span and no label when nobody was told apart', () => {
    const session = exportSession([spokenSegment({ text: 'Just me --> here.', at: 0 })]);
    expect(toVtt(session)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.350\nJust me --&gt; here.\n');
    expect(toSrt(session)).toBe('1\n00:00:00,000 --> 00:00:01,350\nJust me -> here.\n');
  });
});

describe('JSON', () => {
  it('keeps segments, words, timings, speakers and confidence, in a versioned shape', () => {
    const session = { ...conversation(), speakerNames: { '0': 'Bea' } };
    const exported = toJsonExport(session);
    expect(exported.format).toBe('earshot-transcript');
    expect(exported.version).toBe(jsonExportVersion);
    expect(exported.session).toEqual({
      id: session.summary.id,
      title: null,
      startedAt: session.summary.startedAt,
      endedAt: session.summary.endedAt,
      durationSeconds: session.summary.durationSeconds,
      interrupted: false,
    });
    expect(exported.speakers).toEqual([
      { id: 0, label: 'Bea', named: true },
      { id: 1, label: 'Speaker 2', named: false },
    ]);
    expect(exported.segments).toHaveLength(3);
    expect(exported.segments[2]).toMatchObject({ speaker: 0, text: 'Yes, let us.', transcribedLater: true });
    expect(exported.segments[0]!.words[0]).toEqual(session.segments[0]!.words[0]);
    expect(JSON.parse(renderExport(session, 'json'))).toEqual(exported);
  });
});

describe('default file names', () => {
  it('names the file after the start time, or the title made safe for any file system', () => {
    const session = exportSession([]);
    expect(defaultExportFileName(session, 'srt')).toMatch(/^Earshot \d{4}-\d{2}-\d{2} \d{2}-\d{2}\.srt$/);
    const titled = exportSession([], { summary: { title: 'Q3: plans / "draft"?' } });
    expect(defaultExportFileName(titled, 'md')).toBe('Q3 plans draft.md');
    const reserved = exportSession([], { summary: { title: 'CON' } });
    expect(defaultExportFileName(reserved, 'txt')).toBe('Earshot transcript.txt');
  });
});
