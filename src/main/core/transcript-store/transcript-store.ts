/**
 * Durable, searchable transcripts in one SQLite database (transcript-database.ts), in
 * `<userData>/transcripts/earshot.sqlite`. A final is committed (WAL fsynced) before appendFinal
 * resolves, so a process killed with SIGKILL loses nothing it acknowledged. On open, sessions of
 * the JSONL store that came before are imported once (jsonl-migration.ts), and sessions a crash
 * left without an end are marked interrupted.
 *
 * node:sqlite is synchronous: each call holds main for its statement (a commit is one fsync).
 * One Earshot process owns the directory at a time (the app's single-instance lock).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isSessionId,
  type HistorySearchHit,
  type SessionSummary,
  type SessionTranscript,
} from '../../../shared/history';
import type { TranscriptSegment } from '../../../shared/transcript';
import { EarshotError } from '../../../shared/user-facing-error';
import { errorName, type Logger } from '../logger';
import { migrateJsonlFiles } from './jsonl-migration';
import { cleanSessionTitle, cleanSpeakerName } from './session-names';
import {
  addToSummary,
  insertSegment,
  markInterrupted,
  refreshSummary,
  segmentsOf,
  sessionColumns,
  speakerNamesOf,
  summaryOfRow,
  type SessionRow,
} from './session-rows';
import { directoryBytes, removeSessionFiles } from './store-directory';
import { databaseFileName, inTransaction, openTranscriptDatabase } from './transcript-database';
import { searchTranscripts } from './transcript-search';

export { firstWordsCount } from './session-rows';
export { rankedMatches } from './transcript-search';

export interface TranscriptStore {
  beginSession(id: string, startedAt: Date): Promise<void>;
  /** Resolves once the segment is on disk. */
  appendFinal(id: string, segment: TranscriptSegment): Promise<void>;
  endSession(id: string, endedAt: Date): Promise<void>;
  /**
   * Adds segments transcribed after the session (from audio kept during an outage) to a
   * session that is not running; all are on disk before this resolves.
   */
  appendLater(id: string, segments: readonly TranscriptSegment[]): Promise<void>;
  /** Newest first; deleted sessions are not listed. */
  list(): Promise<SessionSummary[]>;
  /** Throws EarshotError('not-found'). */
  get(id: string): Promise<SessionTranscript>;
  /**
   * Full-text search over every session, best first (at most `limit`): every match ranked when
   * at most `rankedMatches` segments match, otherwise the newest that many.
   */
  search(text: string, limit?: number): Promise<HistorySearchHit[]>;
  /** A name to list the session by; null or blank gives it back its first words. */
  rename(id: string, title: string | null): Promise<SessionSummary>;
  /** Hides the session at once; it is deleted for good by purgeDeleted, unless restored first. */
  delete(id: string, atMs: number): Promise<SessionSummary>;
  restore(id: string): Promise<SessionSummary>;
  /** Deletes for good the sessions deleted at or before `deletedUpToMs`; returns their ids. */
  purgeDeleted(deletedUpToMs: number): Promise<string[]>;
  /** Deletes for good the sessions that ended before `endedBeforeMs`, never a running one. */
  deleteExpired(endedBeforeMs: number): Promise<string[]>;
  /** An empty name forgets the speaker's name. Returns the session's names. */
  renameSpeaker(id: string, speakerKey: string, name: string): Promise<Record<string, string>>;
  storageInfo(): Promise<{ directory: string; bytes: number; sessionCount: number }>;
  close(): void;
}

const writeFailure =
  'Earshot could not save the transcript to disk. Check that the disk has free space; the text on screen is kept.';

export async function openTranscriptStore(deps: {
  directory: string;
  log: Logger;
  now?: () => Date;
}): Promise<TranscriptStore> {
  const { directory, log } = deps;
  const now = deps.now ?? (() => new Date());
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const database = openTranscriptDatabase(join(directory, databaseFileName));
  const active = new Map<string, Date>();

  try {
    const migrated = await migrateJsonlFiles(database, directory, log);
    if (migrated.imported + migrated.pending > 0) log.info('JSONL transcripts migrated', { ...migrated });
    markInterrupted(database, log);
  } catch (error) {
    database.close();
    throw error;
  }

  function rowOf(id: string): SessionRow | undefined {
    if (!isSessionId(id)) return undefined;
    return database
      .prepare(`SELECT ${sessionColumns} FROM sessions WHERE id = ? AND deleted_ms IS NULL`)
      .get(id) as SessionRow | undefined;
  }

  function existing(id: string): SessionRow {
    const row = rowOf(id);
    if (!row) throw new EarshotError('not-found');
    return row;
  }

  function summaryOf(row: SessionRow): SessionSummary {
    return summaryOfRow(row, active.has(row.id), now().getTime());
  }

  function durably<T>(what: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (error instanceof EarshotError) throw error;
      log.error('transcript write failed', { what, errorName: errorName(error) });
      throw new EarshotError('internal', writeFailure, { cause: error });
    }
  }

  function requireActive(id: string): void {
    if (!active.has(id))
      throw new EarshotError('internal', 'Earshot tried to write to a session that is not running.');
  }

  function notRunning(id: string, action: string): void {
    if (active.has(id)) throw new EarshotError('session-busy', `Stop the session first, then ${action} it.`);
  }

  async function deleteForGood(where: string, ...values: number[]): Promise<string[]> {
    const ids = durably('delete', () =>
      inTransaction(database, () => {
        const found = database
          .prepare(`SELECT id FROM sessions WHERE ${where}`)
          .all(...values)
          .map((row) => String(row.id))
          .filter((id) => !active.has(id));
        const remove = database.prepare('DELETE FROM sessions WHERE id = ?');
        for (const id of found) remove.run(id);
        return found;
      }),
    );
    if (ids.length === 0) return ids;
    // What was deleted leaves the WAL too, not only the database.
    database.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await removeSessionFiles(directory, ids);
    log.info('sessions deleted', { count: ids.length });
    return ids;
  }

  return {
    async beginSession(id, startedAt) {
      if (!isSessionId(id))
        throw new EarshotError('invalid-request', 'Earshot refused a session id it cannot store.');
      if (active.has(id)) throw new EarshotError('session-busy');
      durably('begin', () => {
        const taken = database.prepare('SELECT 1 FROM sessions WHERE id = ?').get(id);
        if (taken)
          throw new EarshotError(
            'invalid-request',
            'A saved session already has this id; start a new session.',
          );
        database
          .prepare('INSERT INTO sessions (id, started_at, started_ms) VALUES (?, ?, ?)')
          .run(id, startedAt.toISOString(), startedAt.getTime());
      });
      active.set(id, startedAt);
    },

    async appendFinal(id, segment) {
      requireActive(id);
      durably('final', () =>
        inTransaction(database, () => {
          insertSegment(database, id, segment);
          addToSummary(database, id, segment);
        }),
      );
    },

    async endSession(id, endedAt) {
      requireActive(id);
      durably('end', () =>
        database
          .prepare('UPDATE sessions SET ended_at = ?, ended_ms = ? WHERE id = ?')
          .run(endedAt.toISOString(), endedAt.getTime(), id),
      );
      active.delete(id);
    },

    async appendLater(id, segments) {
      if (!isSessionId(id) || active.has(id)) {
        throw new EarshotError('invalid-request', 'Earshot can add words only to a session that has ended.');
      }
      existing(id);
      durably('later', () =>
        inTransaction(database, () => {
          for (const segment of segments) insertSegment(database, id, { ...segment, transcribedLater: true });
          refreshSummary(database, id);
        }),
      );
    },

    async list() {
      const rows = database
        .prepare(
          `SELECT ${sessionColumns} FROM sessions WHERE deleted_ms IS NULL ORDER BY started_ms DESC, id DESC`,
        )
        .all() as unknown as SessionRow[];
      return rows.map(summaryOf);
    },

    async get(id) {
      const row = existing(id);
      return {
        summary: summaryOf(row),
        segments: segmentsOf(database, id),
        speakerNames: speakerNamesOf(row),
      };
    },

    async search(text, limit = 50) {
      return searchTranscripts(database, text, limit, log);
    },

    async rename(id, title) {
      existing(id);
      const clean = cleanSessionTitle(title);
      durably('rename', () =>
        database.prepare('UPDATE sessions SET title = ? WHERE id = ?').run(clean === '' ? null : clean, id),
      );
      return summaryOf(existing(id));
    },

    async delete(id, atMs) {
      const summary = summaryOf(existing(id));
      notRunning(id, 'delete');
      durably('hide', () =>
        database.prepare('UPDATE sessions SET deleted_ms = ? WHERE id = ?').run(atMs, id),
      );
      return summary;
    },

    async restore(id) {
      if (!isSessionId(id)) throw new EarshotError('not-found');
      const { changes } = durably('restore', () =>
        database
          .prepare('UPDATE sessions SET deleted_ms = NULL WHERE id = ? AND deleted_ms IS NOT NULL')
          .run(id),
      );
      if (changes === 0 && !rowOf(id))
        throw new EarshotError('not-found', 'This session was deleted for good and cannot be brought back.');
      return summaryOf(existing(id));
    },

    purgeDeleted: (deletedUpToMs) =>
      deleteForGood('deleted_ms IS NOT NULL AND deleted_ms <= ?', deletedUpToMs),

    deleteExpired: (endedBeforeMs) =>
      deleteForGood(
        `import_pending = 0 AND coalesce(ended_ms, started_ms + CAST(last_end * 1000 AS INTEGER)) < ?`,
        endedBeforeMs,
      ),

    async renameSpeaker(id, speakerKey, name) {
      const row = existing(id);
      const clean = cleanSpeakerName(speakerKey, name);
      const names = speakerNamesOf(row);
      if (clean === '') delete names[speakerKey];
      else names[speakerKey] = clean;
      durably('speaker', () =>
        database.prepare('UPDATE sessions SET speaker_names = ? WHERE id = ?').run(JSON.stringify(names), id),
      );
      return names;
    },

    async storageInfo() {
      const bytes = await directoryBytes(directory);
      const { count } = database
        .prepare('SELECT count(*) AS count FROM sessions WHERE deleted_ms IS NULL')
        .get() as { count: number };
      return { directory, bytes, sessionCount: count };
    },

    close() {
      if (database.isOpen) database.close();
    },
  };
}
