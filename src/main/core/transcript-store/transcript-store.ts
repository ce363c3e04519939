/**
 * Durable transcripts: one append-only JSON-lines file per session (see transcript-file.ts).
 * A final segment is on disk (fsync) before appendFinal resolves, so a process killed with
 * SIGKILL loses nothing it has acknowledged. On open, sessions that were never ended are
 * marked interrupted and their torn last line, if any, is cut off.
 *
 * One Earshot process owns the directory at a time (the app's single-instance lock).
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionSummary, SessionTranscript } from '../../../shared/history';
import { sessionId as sessionIdValidator } from '../../../shared/ipc-contract';
import type { TranscriptSegment } from '../../../shared/transcript';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import { DurableAppendFile } from './durable-append-file';
import {
  endLine,
  finalLine,
  interruptedLine,
  parseTranscriptFile,
  sessionLine,
  transcriptFileExtension,
  type ParsedTranscript,
} from './transcript-file';

export interface TranscriptStore {
  beginSession(id: string, startedAt: Date): Promise<void>;
  /** Resolves once the segment is on disk. */
  appendFinal(id: string, segment: TranscriptSegment): Promise<void>;
  endSession(id: string, endedAt: Date): Promise<void>;
  /** Newest first. */
  list(): Promise<SessionSummary[]>;
  /** Throws EarshotError('not-found'). */
  get(id: string): Promise<SessionTranscript>;
}

export const firstWordsCount = 12;

const writeFailure =
  'Earshot could not save the transcript to disk. Check that the disk has free space; the text on screen is kept.';

interface ActiveSession {
  file: DurableAppendFile;
  startedAt: Date;
  firstWords: string[];
  segmentCount: number;
}

function validId(id: unknown): string | null {
  try {
    return sessionIdValidator(id, 'id');
  } catch {
    return null;
  }
}

function firstWordsOf(segments: readonly { text: string }[]): string {
  const words: string[] = [];
  for (const segment of segments) {
    for (const word of segment.text.split(/\s+/)) {
      if (!word) continue;
      if (words.length === firstWordsCount) return `${words.join(' ')} …`;
      words.push(word);
    }
  }
  return words.join(' ');
}

function summaryOf(parsed: ParsedTranscript, id: string, active: boolean): SessionSummary {
  const lastEnd = parsed.segments.reduce((latest, segment) => Math.max(latest, segment.end), 0);
  const startedMs = Date.parse(parsed.startedAt);
  const durationSeconds = parsed.endedAt
    ? Math.max(0, (Date.parse(parsed.endedAt) - startedMs) / 1000)
    : active
      ? Math.max(0, (Date.now() - startedMs) / 1000)
      : lastEnd;
  return {
    id,
    startedAt: parsed.startedAt,
    endedAt: parsed.endedAt,
    durationSeconds: Math.round(durationSeconds * 10) / 10,
    firstWords: firstWordsOf(parsed.segments),
    segmentCount: parsed.segments.length,
    interrupted: parsed.endedAt === null && !active,
  };
}

export async function openTranscriptStore(deps: {
  directory: string;
  log: Logger;
}): Promise<TranscriptStore> {
  const { directory, log } = deps;
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const active = new Map<string, ActiveSession>();
  const summaryCache = new Map<string, { size: number; mtimeMs: number; summary: SessionSummary }>();
  const pathOf = (id: string) => join(directory, `${id}${transcriptFileExtension}`);

  async function readParsed(id: string): Promise<ParsedTranscript | null> {
    let content: Buffer;
    try {
      content = await readFile(pathOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = parseTranscriptFile(content);
    if (parsed?.skippedLines) log.warn('transcript lines skipped', { id, lines: parsed.skippedLines });
    return parsed;
  }

  async function sessionIds(): Promise<string[]> {
    const names = await readdir(directory);
    return names
      .filter((name) => name.endsWith(transcriptFileExtension))
      .map((name) => name.slice(0, -transcriptFileExtension.length))
      .filter((id) => validId(id) !== null);
  }

  /** Sessions left without an end line by a crash: cut a torn tail, mark them interrupted. */
  async function markInterruptedSessions(): Promise<void> {
    for (const id of await sessionIds()) {
      try {
        const parsed = await readParsed(id);
        if (!parsed) {
          log.warn('transcript file without a session line ignored', { id });
          continue;
        }
        if (parsed.endedAt !== null || parsed.interruptedMarker) continue;
        const file = await DurableAppendFile.reopen(pathOf(id), parsed.completeBytes);
        try {
          await file.append(interruptedLine(new Date()));
        } finally {
          await file.close();
        }
        log.info('session marked interrupted', {
          id,
          segments: parsed.segments.length,
          tornBytes: parsed.tornBytes,
        });
      } catch (error) {
        log.error('could not check a transcript file', { id, error: (error as Error).name });
      }
    }
  }

  function requireActive(id: string): ActiveSession {
    const session = active.get(id);
    if (!session) {
      throw new EarshotError('internal', 'Earshot tried to write to a session that is not running.');
    }
    return session;
  }

  async function durably(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof EarshotError) throw error;
      log.error('transcript write failed', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      throw new EarshotError('internal', writeFailure, { cause: error });
    }
  }

  await markInterruptedSessions();

  return {
    async beginSession(id, startedAt) {
      const checked = validId(id);
      if (!checked)
        throw new EarshotError('invalid-request', 'Earshot refused a session id it cannot store.');
      if (active.has(checked)) throw new EarshotError('session-busy');
      await durably(async () => {
        let file: DurableAppendFile;
        try {
          file = await DurableAppendFile.create(pathOf(checked), sessionLine(checked, startedAt));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          throw new EarshotError(
            'invalid-request',
            'A saved session already has this id; start a new session.',
          );
        }
        active.set(checked, { file, startedAt, firstWords: [], segmentCount: 0 });
      });
    },

    async appendFinal(id, segment) {
      const session = requireActive(id);
      await durably(() => session.file.append(finalLine(segment)));
      session.segmentCount += 1;
      if (session.firstWords.length <= firstWordsCount) {
        session.firstWords.push(...segment.text.split(/\s+/).filter(Boolean));
      }
    },

    async endSession(id, endedAt) {
      const session = requireActive(id);
      await durably(async () => {
        await session.file.append(endLine(endedAt));
        await session.file.close();
      });
      active.delete(id);
    },

    async list() {
      const summaries: SessionSummary[] = [];
      for (const id of await sessionIds()) {
        const running = active.get(id);
        if (running) {
          summaries.push({
            id,
            startedAt: running.startedAt.toISOString(),
            endedAt: null,
            durationSeconds: Math.round((Date.now() - running.startedAt.getTime()) / 100) / 10,
            firstWords: firstWordsOf([{ text: running.firstWords.join(' ') }]),
            segmentCount: running.segmentCount,
            interrupted: false,
          });
          continue;
        }
        try {
          const info = await stat(pathOf(id));
          const cached = summaryCache.get(id);
          if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
            summaries.push(cached.summary);
            continue;
          }
          const parsed = await readParsed(id);
          if (!parsed) continue;
          const summary = summaryOf(parsed, id, false);
          summaryCache.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
          summaries.push(summary);
        } catch (error) {
          log.warn('transcript file unreadable', {
            id,
            error: (error as NodeJS.ErrnoException).code ?? 'unknown',
          });
        }
      }
      return summaries.sort(
        (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1),
      );
    },

    async get(id) {
      const checked = validId(id);
      if (!checked) throw new EarshotError('not-found');
      const parsed = await readParsed(checked);
      if (!parsed) throw new EarshotError('not-found');
      return { summary: summaryOf(parsed, checked, active.has(checked)), segments: parsed.segments };
    },
  };
}
