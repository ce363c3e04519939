/**
 * Exports written to disk by main's export service (the save dialog played by the test), then
 * read back by independent parsers: SRT by `subtitle`, WebVTT by `webvtt-parser`, the JSON by
 * JSON.parse, with every cue's timing checked against the words' own.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExportService, type ExportSaveQuestion } from '../../../src/main/core/export/export-service';
import { writeExportFileAtomically } from '../../../src/main/core/export/export-file';
import { createLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createRequestBudget } from '../../../src/main/core/request-budget';
import type { JsonExport } from '../../../src/shared/export';
import type { SessionTranscript } from '../../../src/shared/history';
import { EarshotError } from '../../../src/shared/user-facing-error';
import { cueProblems, parseSrt, parseVtt, withSrtSpeakers } from '../../support/subtitle-checks';
import { exportSession, spokenSegment } from '../../support/spoken-sessions';

const meeting = (): SessionTranscript =>
  exportSession(
    [
      spokenSegment({
        text: 'Welcome back, everyone. Today we look at the quarterly numbers.',
        at: 0.4,
        speaker: 0,
      }),
      spokenSegment({ text: 'Before we start, can I ask a question about last week?', at: 5.1, speaker: 1 }),
      spokenSegment({ text: 'Of course.', at: 9.2, speaker: 0 }),
      spokenSegment({
        text: 'The report said revenue grew by twelve percent but the chart showed something closer to nine, and I could not work out which figure was right or where the difference came from.',
        at: 10.5,
        speaker: 1,
        wordSeconds: 0.25,
        gapSeconds: 0.02,
      }),
      spokenSegment({ text: 'Good catch.', at: 40, speaker: 0, transcribedLater: true }),
      spokenSegment({
        text: 'https://intranet.example.com/reports/2026/q3/revenue-breakdown-final-v2.pdf',
        at: 41.5,
        speaker: 0,
        wordSeconds: 2,
      }),
    ],
    { speakerNames: { '1': 'Priya' } },
  );

let directory: string;
let questions: ExportSaveQuestion[];
let answer: string | null;

function service(transcript: SessionTranscript, writeFile = writeExportFileAtomically) {
  const logLines: string[] = [];
  return {
    logLines,
    exporter: createExportService({
      readTranscript: async () => transcript,
      chooseExportPath: async (question) => {
        questions.push(question);
        return answer;
      },
      writeFile,
      budget: createRequestBudget({ capacity: 6, refillEveryMs: 5_000, what: 'exports', now: () => 0 }),
      log: createLogger({ write: (line) => logLines.push(line), secrets: createSecretRegistry() }),
    }),
  };
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'earshot-export-test-'));
  questions = [];
  answer = null;
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function exportTo(
  transcript: SessionTranscript,
  format: 'srt' | 'vtt' | 'json' | 'md' | 'txt',
  name: string,
) {
  answer = join(directory, name);
  const result = await service(transcript).exporter.exportSession({ id: transcript.summary.id, format });
  expect(result).toEqual({ saved: true, fileName: name });
  return readFileSync(answer, 'utf8');
}

describe('exports read back by independent parsers', () => {
  it('SRT and WebVTT cues keep to the word timings, the line and cue limits, and name the speakers', async () => {
    const transcript = meeting();
    const json = JSON.parse(await exportTo(transcript, 'json', 'meeting.json')) as JsonExport;
    const labels = json.speakers.map((speaker) => speaker.label);
    expect(labels).toEqual(['Speaker 1', 'Priya']);

    const srt = withSrtSpeakers(parseSrt(await exportTo(transcript, 'srt', 'meeting.srt')), labels);
    expect(srt.length).toBeGreaterThan(6);
    expect(cueProblems(srt, json, 42)).toEqual([]);
    expect(srt[0]).toMatchObject({ startMs: 400, speaker: 'Speaker 1' });
    expect(new Set(srt.map((cue) => cue.speaker))).toEqual(new Set(['Speaker 1', 'Priya']));

    const vtt = parseVtt(await exportTo(transcript, 'vtt', 'meeting.vtt'));
    expect(vtt.errors).toEqual([]);
    expect(cueProblems(vtt.cues, json)).toEqual([]);
    expect(vtt.cues[0]).toMatchObject({ startMs: 400, speaker: 'Speaker 1' });
    expect(new Set(vtt.cues.map((cue) => cue.speaker))).toEqual(new Set(['Speaker 1', 'Priya']));
  });

  it('the JSON export holds every final word with its timing, speaker and confidence', async () => {
    const transcript = meeting();
    const json = JSON.parse(await exportTo(transcript, 'json', 'meeting.json')) as JsonExport;
    expect(json.segments.flatMap((segment) => segment.words)).toEqual(
      transcript.segments.flatMap((segment) => segment.words),
    );
    expect(json.segments.map((segment) => segment.speaker)).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('Markdown and plain text are written as UTF-8 with what was said', async () => {
    const transcript = meeting();
    const markdown = await exportTo(transcript, 'md', 'meeting.md');
    expect(markdown).toContain(
      '**[00:00:05] Priya:** Before we start, can I ask a question about last week?',
    );
    const text = await exportTo(transcript, 'txt', 'meeting.txt');
    expect(text).toContain('Speaker 1: Of course.');
  });
});

describe('the export path', () => {
  it('suggests a name and the format filter, and writes nothing when the person cancels', async () => {
    const transcript = meeting();
    const result = await service(transcript).exporter.exportSession({
      id: transcript.summary.id,
      format: 'vtt',
    });
    expect(result).toEqual({ saved: false });
    expect(questions).toEqual([
      {
        defaultFileName: expect.stringMatching(/^Earshot \d{4}-\d{2}-\d{2} \d{2}-\d{2}\.vtt$/),
        filterName: 'WebVTT subtitles',
        extension: 'vtt',
      },
    ]);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('says in a sentence when the file cannot be written, and leaves no temporary file', async () => {
    const transcript = meeting();
    answer = join(directory, 'missing-folder', 'meeting.srt');
    const { exporter, logLines } = service(transcript);
    const failure = await exporter
      .exportSession({ id: transcript.summary.id, format: 'srt' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EarshotError);
    expect((failure as EarshotError).message).toMatch(
      /^Earshot could not save the file there\. Choose another folder/,
    );
    expect((failure as EarshotError).message).not.toContain(directory);
    expect(logLines.join('\n')).not.toContain(directory);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('replaces an existing file whole', async () => {
    const transcript = meeting();
    await exportTo(transcript, 'txt', 'same.txt');
    const shorter = exportSession([spokenSegment({ text: 'Short.', at: 0 })]);
    expect(await exportTo(shorter, 'txt', 'same.txt')).toBe('Short.\n');
    expect(readdirSync(directory)).toEqual(['same.txt']);
  });

  it('asks one question at a time, and a looping window meets the budget', async () => {
    const transcript = meeting();
    let release: (path: string | null) => void = () => undefined;
    const exporter = createExportService({
      readTranscript: async () => transcript,
      chooseExportPath: () => new Promise((resolve) => (release = resolve)),
      writeFile: writeExportFileAtomically,
      budget: createRequestBudget({ capacity: 2, refillEveryMs: 60_000, what: 'exports', now: () => 0 }),
      log: createLogger({ write: () => undefined, secrets: createSecretRegistry() }),
    });
    const first = exporter.exportSession({ id: transcript.summary.id, format: 'txt' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(exporter.exportSession({ id: transcript.summary.id, format: 'txt' })).rejects.toThrow(
      /already asking where to save/,
    );
    release(null);
    await expect(first).resolves.toEqual({ saved: false });
    const second = exporter.exportSession({ id: transcript.summary.id, format: 'txt' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release(null);
    await expect(second).resolves.toEqual({ saved: false });
    await expect(exporter.exportSession({ id: transcript.summary.id, format: 'txt' })).rejects.toThrow(
      /^Too many exports in a short time\. Try again in 60 seconds\.$/,
    );
  });
});
