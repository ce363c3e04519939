/**
 * The SQLite file that holds every session (node:sqlite, which Electron's Node has too).
 *
 * WAL with synchronous=FULL: a transaction is on disk (the WAL fsynced) when COMMIT returns, so
 * a final acknowledged to the session survives a SIGKILL or a power cut. secure_delete and
 * FTS5's secure-delete overwrite what a deletion removes instead of leaving it in free pages.
 *
 * One table per thing: sessions (a row each, with the summary History lists kept up to date on
 * every write, so listing never reads segments), segments (a row per final, the segment itself
 * as JSON) and segment_text, an FTS5 index over the segments' text kept by triggers.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

export const databaseFileName = 'earshot.sqlite';
const schemaVersion = 1;

const schema = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_at TEXT,
  ended_ms INTEGER,
  interrupted INTEGER NOT NULL DEFAULT 0,
  title TEXT,
  damaged_reason TEXT,
  first_words TEXT NOT NULL DEFAULT '',
  segment_count INTEGER NOT NULL DEFAULT 0,
  last_end REAL NOT NULL DEFAULT 0,
  speaker_names TEXT NOT NULL DEFAULT '{}',
  deleted_ms INTEGER,
  import_pending INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_start ON sessions (started_ms DESC, id DESC);
CREATE TABLE IF NOT EXISTS segments (
  rowid INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  segment_id TEXT NOT NULL,
  start REAL NOT NULL,
  text TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS segments_by_session ON segments (session_id, start, rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS segment_text USING fts5 (
  text, content = 'segments', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER IF NOT EXISTS segments_indexed AFTER INSERT ON segments BEGIN
  INSERT INTO segment_text (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS segments_unindexed AFTER DELETE ON segments BEGIN
  INSERT INTO segment_text (segment_text, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
`;

export function openTranscriptDatabase(path: string): DatabaseSync {
  // Transcripts are private: the file is the owner's only, and SQLite gives its WAL the same mode.
  if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  const database = new DatabaseSync(path);
  try {
    database.exec('PRAGMA busy_timeout = 5000');
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = FULL');
    database.exec('PRAGMA foreign_keys = ON');
    database.exec('PRAGMA secure_delete = ON');
    const version = (database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version > schemaVersion) {
      throw new Error(`transcript database is from a newer Earshot (schema ${version})`);
    }
    inTransaction(database, () => {
      database.exec(schema);
      if (version < schemaVersion) {
        database.exec(`INSERT INTO segment_text (segment_text, rank) VALUES ('secure-delete', 1)`);
        database.exec(`PRAGMA user_version = ${schemaVersion}`);
      }
    });
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/** Runs `work` in one write transaction: all of it is on disk when this returns, or none of it. */
export function inTransaction<T>(database: DatabaseSync, work: () => T): T {
  database.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    database.exec('COMMIT');
    return result;
  } catch (error) {
    if (database.isTransaction) database.exec('ROLLBACK');
    throw error;
  }
}
