/**
 * The one-time move from the JSONL store (one `<id>.jsonl` file per session, transcript-file.ts)
 * into SQLite. Each file is imported in one transaction, then renamed to `<id>.jsonl.migrated`
 * (kept, never deleted: it is the original); a file renamed is never read again. A damaged file
 * is imported as far as it reads, and its session says so in History. A file the system refuses
 * to read is listed as damaged and tried again at the next start.
 */
import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { isSessionId, sessionStartOf } from '../../../shared/history';
import { errorName, type Logger } from '../logger';
import { inTransaction } from './transcript-database';
import { parseTranscriptFile, transcriptFileExtension, type ParsedTranscript } from './transcript-file';
import { insertSegment, refreshSummary } from './session-rows';

export const migratedSuffix = '.migrated';
export const migratedFileName = (id: string) => `${id}${transcriptFileExtension}${migratedSuffix}`;

function keptAs(id: string): string {
  return `The original file is kept unchanged as ${migratedFileName(id)} in the "transcripts" folder of Earshot's data folder.`;
}

export const migrationDamage = {
  unreadable: (id: string) =>
    `Earshot cannot open this session's file (${id}${transcriptFileExtension} in the "transcripts" folder of Earshot's data folder): the system refused to read it. Check the file's permissions; Earshot tries again at its next start.`,
  noHeader: (id: string) =>
    `Earshot cannot read this session: the start of its file is damaged, so none of it can be shown. ${keptAs(id)}`,
  skippedLines: (id: string, lines: number) =>
    `${lines === 1 ? 'One line' : `${lines} lines`} of this session's file could not be read and ${lines === 1 ? 'is' : 'are'} left out; the rest is shown. ${keptAs(id)}`,
};

export interface MigrationOutcome {
  imported: number;
  damaged: number;
  /** Files left in place to try again (unreadable). */
  pending: number;
}

/** Imports every `<id>.jsonl` in `directory` not imported yet. */
export async function migrateJsonlFiles(
  database: DatabaseSync,
  directory: string,
  log: Logger,
): Promise<MigrationOutcome> {
  const outcome: MigrationOutcome = { imported: 0, damaged: 0, pending: 0 };
  const ids = (await readdir(directory))
    .filter((name) => name.endsWith(transcriptFileExtension))
    .map((name) => name.slice(0, -transcriptFileExtension.length))
    .filter(isSessionId)
    .sort();
  for (const id of ids) {
    const path = join(directory, `${id}${transcriptFileExtension}`);
    let content: Buffer;
    try {
      content = await readFile(path);
    } catch (error) {
      log.warn('transcript file unreadable; not migrated yet', { id, errorName: errorName(error) });
      recordUnreadable(database, id);
      outcome.pending += 1;
      continue;
    }
    const parsed = parseTranscriptFile(content);
    try {
      const damaged = importSession(database, id, parsed);
      await rename(path, join(directory, migratedFileName(id)));
      outcome.imported += 1;
      if (damaged) outcome.damaged += 1;
      log.info('transcript file migrated', {
        id,
        segments: parsed?.segments.length ?? 0,
        skippedLines: parsed?.skippedLines ?? 0,
        tornBytes: parsed?.tornBytes ?? 0,
      });
    } catch (error) {
      log.error('could not migrate a transcript file', { id, errorName: errorName(error) });
    }
  }
  return outcome;
}

type ExistingRow = { import_pending: number } | undefined;

/** Returns whether the session is marked damaged. */
function importSession(database: DatabaseSync, id: string, parsed: ParsedTranscript | null): boolean {
  return inTransaction(database, () => {
    const existing = database
      .prepare('SELECT import_pending FROM sessions WHERE id = ?')
      .get(id) as ExistingRow;
    // Imported already (the app stopped between the commit and the rename): only the rename is left.
    if (existing && existing.import_pending === 0) return false;
    if (existing) database.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    const startedAt = parsed?.startedAt ?? sessionStartOf(id) ?? new Date(0).toISOString();
    const startedMs = Date.parse(startedAt);
    const endedMs = parsed?.endedAt ? Date.parse(parsed.endedAt) : null;
    const reason =
      parsed === null
        ? migrationDamage.noHeader(id)
        : parsed.skippedLines > 0
          ? migrationDamage.skippedLines(id, parsed.skippedLines)
          : null;
    database
      .prepare(
        `INSERT INTO sessions (id, started_at, started_ms, ended_at, ended_ms, interrupted, damaged_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        new Date(startedMs).toISOString(),
        startedMs,
        parsed?.endedAt ? new Date(endedMs!).toISOString() : null,
        endedMs,
        parsed !== null && parsed.endedAt === null ? 1 : 0,
        reason,
      );
    for (const segment of parsed?.segments ?? []) insertSegment(database, id, segment);
    refreshSummary(database, id);
    return reason !== null;
  });
}

function recordUnreadable(database: DatabaseSync, id: string): void {
  inTransaction(database, () => {
    const existing = database
      .prepare('SELECT import_pending FROM sessions WHERE id = ?')
      .get(id) as ExistingRow;
    if (existing) return;
    const startedAt = sessionStartOf(id) ?? new Date(0).toISOString();
    database
      .prepare(
        `INSERT INTO sessions (id, started_at, started_ms, damaged_reason, import_pending)
         VALUES (?, ?, ?, ?, 1)`,
      )
      .run(id, startedAt, Date.parse(startedAt), migrationDamage.unreadable(id));
  });
}
