/**
 * The JSONL transcript store as Earshot shipped it before the SQLite store (kept verbatim, for
 * tests only): the migration tests write their files with it, so they start from files exactly
 * as today's users have them.
 *
 * Durable transcripts: one append-only JSON-lines file per session (see transcript-file.ts).
 * A final segment is on disk (fsync) before appendFinal resolves, so a process killed with
 * SIGKILL loses nothing it has acknowledged. On open, sessions that were never ended are
 * marked interrupted and their torn last line, if any, is cut off once a copy of the file as
 * found is on disk beside it. Files that cannot be read whole are listed as damaged and never
 * changed or deleted.
 *
 * One Earshot process owns the directory at a time (the app's single-instance lock).
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSessionId, sessionStartOf, type SessionSummary as CurrentSummary } from '../../src/shared/history';
import type { TranscriptSegment } from '../../src/shared/transcript';
import { EarshotError } from '../../src/shared/user-facing-error';
import type { Logger } from '../../src/main/core/logger';
import { setAsideName } from '../../src/main/core/set-aside-name';
import {
  parseTranscriptFile,
  transcriptFileExtension,
  type ParsedTranscript,
} from '../../src/main/core/transcript-store/transcript-file';
import { DurableAppendFile, endLine, finalLine, interruptedLine, sessionLine } from './legacy-jsonl-writer';

/** What History showed before sessions had titles and speaker names. */
type SessionSummary = Omit<CurrentSummary, 'title'>;
type SessionTranscript = { summary: SessionSummary; segments: TranscriptSegment[] };

export interface LegacyTranscriptStore {
  beginSession(id: string, startedAt: Date): Promise<void>;
  /** Resolves once the segment is on disk. */
  appendFinal(id: string, segment: TranscriptSegment): Promise<void>;
  endSession(id: string, endedAt: Date): Promise<void>;
  /**
   * Adds segments transcribed after the session (from audio kept during an outage) to a
   * session that is not running; each is on disk before this resolves.
   */
  appendLater(id: string, segments: readonly TranscriptSegment[]): Promise<void>;
  /** Newest first. */
  list(): Promise<SessionSummary[]>;
  /** Throws EarshotError('not-found'), with a sentence saying why when the file is damaged. */
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
  return isSessionId(id) ? id : null;
}

const fileNameOf = (id: string) => `${id}${transcriptFileExtension}`;

function keptWhere(id: string): string {
  return `The file is kept unchanged as ${fileNameOf(id)} in the "transcripts" folder of Earshot's data folder; to take it off this list, move it out of that folder.`;
}

const damage = {
  unreadable: (id: string) =>
    `Earshot cannot open this session's file: the system refused to read it. Check the file's permissions. ${keptWhere(id)}`,
  noHeader: (id: string) =>
    `Earshot cannot read this session: the start of its file is damaged, so none of it can be shown. ${keptWhere(id)}`,
  skippedLines: (id: string, lines: number) =>
    `${lines === 1 ? 'One line' : `${lines} lines`} of this session's file could not be read and ${lines === 1 ? 'is' : 'are'} left out; the rest is shown. ${keptWhere(id)}`,
};

/** What History shows for a file with nothing readable: the id still says when it started. */
function damagedSummary(id: string, reason: string, fallbackStart: Date): SessionSummary {
  return {
    id,
    startedAt: sessionStartOf(id) ?? fallbackStart.toISOString(),
    endedAt: null,
    durationSeconds: 0,
    firstWords: '',
    segmentCount: 0,
    interrupted: false,
    damaged: { reason },
    waitingAudioSeconds: 0,
  };
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
    damaged: parsed.skippedLines > 0 ? { reason: damage.skippedLines(id, parsed.skippedLines) } : null,
    waitingAudioSeconds: 0,
  };
}

type ReadOutcome =
  { kind: 'read'; parsed: ParsedTranscript } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

export async function openLegacyJsonlStore(deps: {
  directory: string;
  log: Logger;
  now?: () => Date;
}): Promise<LegacyTranscriptStore> {
  const { directory, log } = deps;
  const now = deps.now ?? (() => new Date());
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const active = new Map<string, ActiveSession>();
  const summaryCache = new Map<string, { size: number; mtimeMs: number; summary: SessionSummary }>();
  const pathOf = (id: string) => join(directory, fileNameOf(id));

  async function readSession(id: string): Promise<ReadOutcome> {
    let content: Buffer;
    try {
      content = await readFile(pathOf(id));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      if (code === 'ENOENT') return { kind: 'missing' };
      log.warn('transcript file unreadable', { id, error: code });
      return { kind: 'damaged', reason: damage.unreadable(id) };
    }
    const parsed = parseTranscriptFile(content);
    if (!parsed) {
      log.warn('transcript file has no session line; kept as damaged', { id, bytes: content.length });
      return { kind: 'damaged', reason: damage.noHeader(id) };
    }
    if (parsed.skippedLines) log.warn('transcript lines skipped', { id, lines: parsed.skippedLines });
    return { kind: 'read', parsed };
  }

  async function sessionIds(): Promise<string[]> {
    const names = await readdir(directory);
    return names
      .filter((name) => name.endsWith(transcriptFileExtension))
      .map((name) => name.slice(0, -transcriptFileExtension.length))
      .filter((id) => validId(id) !== null);
  }

  /**
   * Sessions left without an end line by a crash: keep a copy of the file as found, cut the
   * torn tail, mark them interrupted. Damaged files are left exactly as they are.
   */
  async function markInterruptedSessions(): Promise<void> {
    for (const id of await sessionIds()) {
      try {
        const outcome = await readSession(id);
        if (outcome.kind !== 'read') continue;
        const { parsed } = outcome;
        if (parsed.endedAt !== null || parsed.interruptedMarker) continue;
        const copyName = setAsideName(fileNameOf(id), now());
        const file = await DurableAppendFile.reopen(
          pathOf(id),
          parsed.completeBytes,
          join(directory, copyName),
        );
        try {
          await file.append(interruptedLine(now()));
        } finally {
          await file.close();
        }
        log.info('session marked interrupted', {
          id,
          segments: parsed.segments.length,
          tornBytes: parsed.tornBytes,
          ...(parsed.tornBytes > 0 ? { tornCopy: copyName } : {}),
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

    async appendLater(id, segments) {
      const checked = validId(id);
      if (!checked || active.has(checked)) {
        throw new EarshotError('invalid-request', 'Earshot can add words only to a session that has ended.');
      }
      const outcome = await readSession(checked);
      if (outcome.kind === 'missing') throw new EarshotError('not-found');
      if (outcome.kind === 'damaged') throw new EarshotError('not-found', outcome.reason);
      await durably(async () => {
        const file = await DurableAppendFile.reopen(
          pathOf(checked),
          outcome.parsed.completeBytes,
          join(directory, setAsideName(fileNameOf(checked), now())),
        );
        try {
          for (const segment of segments)
            await file.append(finalLine({ ...segment, transcribedLater: true }));
        } finally {
          await file.close();
        }
      });
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
            damaged: null,
            waitingAudioSeconds: 0,
          });
          continue;
        }
        let info: { size: number; mtimeMs: number; mtime: Date };
        try {
          info = await stat(pathOf(id));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
          // Gone since the directory was read: nothing to show.
          if (code === 'ENOENT') continue;
          log.warn('transcript file unreadable', { id, error: code });
          summaries.push(damagedSummary(id, damage.unreadable(id), new Date(0)));
          continue;
        }
        const cached = summaryCache.get(id);
        if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
          summaries.push(cached.summary);
          continue;
        }
        const outcome = await readSession(id);
        if (outcome.kind === 'missing') continue;
        if (outcome.kind === 'damaged') {
          // Not cached: a file the system refused to read may become readable without changing.
          summaries.push(damagedSummary(id, outcome.reason, info.mtime));
          continue;
        }
        const summary = summaryOf(outcome.parsed, id, false);
        summaryCache.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
        summaries.push(summary);
      }
      return summaries.sort(
        (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1),
      );
    },

    async get(id) {
      const checked = validId(id);
      if (!checked) throw new EarshotError('not-found');
      const outcome = await readSession(checked);
      if (outcome.kind === 'missing') throw new EarshotError('not-found');
      if (outcome.kind === 'damaged') throw new EarshotError('not-found', outcome.reason);
      const { parsed } = outcome;
      return { summary: summaryOf(parsed, checked, active.has(checked)), segments: parsed.segments };
    },
  };
}
