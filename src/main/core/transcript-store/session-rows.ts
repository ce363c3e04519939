/**
 * Rows of the transcript database and what History reads from them. A session's summary
 * (first words, segment count, last word's end) is kept in its row, refreshed in the same
 * transaction as every write, so listing a thousand sessions reads a thousand rows and no text.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionSummary } from '../../../shared/history';
import type { TranscriptSegment } from '../../../shared/transcript';
import type { Logger } from '../logger';
import { parseSegment } from './transcript-file';

export const firstWordsCount = 12;

export interface SessionRow {
  id: string;
  started_at: string;
  started_ms: number;
  ended_at: string | null;
  ended_ms: number | null;
  interrupted: number;
  title: string | null;
  damaged_reason: string | null;
  first_words: string;
  segment_count: number;
  last_end: number;
  speaker_names: string;
}

export const sessionColumns = `id, started_at, started_ms, ended_at, ended_ms, interrupted, title,
  damaged_reason, first_words, segment_count, last_end, speaker_names`;

export function insertSegment(database: DatabaseSync, sessionId: string, segment: TranscriptSegment): void {
  database
    .prepare('INSERT INTO segments (session_id, segment_id, start, text, data) VALUES (?, ?, ?, ?, ?)')
    .run(sessionId, segment.id, segment.start, segment.text, JSON.stringify(segment));
}

export function firstWordsOf(texts: readonly string[]): string {
  const words: string[] = [];
  for (const text of texts) {
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      if (words.length === firstWordsCount) return `${words.join(' ')} …`;
      words.push(word);
    }
  }
  return words.join(' ');
}

/** Recomputes the session's summary columns from its segments (cheap: an index walk). */
export function refreshSummary(database: DatabaseSync, sessionId: string): void {
  // Every segment holds at least one word, so the first firstWordsCount + 1 segments are enough.
  const texts = database
    .prepare('SELECT text FROM segments WHERE session_id = ? ORDER BY start, rowid LIMIT ?')
    .all(sessionId, firstWordsCount + 1)
    .map((row) => String(row.text));
  const totals = database
    .prepare(
      "SELECT count(*) AS count, coalesce(max(json_extract(data, '$.end')), 0) AS lastEnd FROM segments WHERE session_id = ?",
    )
    .get(sessionId) as { count: number; lastEnd: number };
  database
    .prepare('UPDATE sessions SET first_words = ?, segment_count = ?, last_end = ? WHERE id = ?')
    .run(firstWordsOf(texts), totals.count, totals.lastEnd, sessionId);
}

/** After one more final, in time order: only the count and the end change, and the first words while short. */
export function addToSummary(database: DatabaseSync, sessionId: string, segment: TranscriptSegment): void {
  database
    .prepare(
      'UPDATE sessions SET segment_count = segment_count + 1, last_end = max(last_end, ?) WHERE id = ?',
    )
    .run(segment.end, sessionId);
  const row = database.prepare('SELECT first_words FROM sessions WHERE id = ?').get(sessionId) as {
    first_words: string;
  };
  if (!row.first_words.endsWith(' …')) {
    const texts = database
      .prepare('SELECT text FROM segments WHERE session_id = ? ORDER BY start, rowid LIMIT ?')
      .all(sessionId, firstWordsCount + 1)
      .map((text) => String(text.text));
    database.prepare('UPDATE sessions SET first_words = ? WHERE id = ?').run(firstWordsOf(texts), sessionId);
  }
}

export function summaryOfRow(row: SessionRow, running: boolean, nowMs: number): SessionSummary {
  const durationSeconds =
    row.ended_ms !== null
      ? Math.max(0, (row.ended_ms - row.started_ms) / 1000)
      : running
        ? Math.max(0, (nowMs - row.started_ms) / 1000)
        : row.last_end;
  return {
    id: row.id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: Math.round(durationSeconds * 10) / 10,
    firstWords: row.first_words,
    segmentCount: row.segment_count,
    interrupted: row.ended_ms === null && !running,
    damaged: row.damaged_reason === null ? null : { reason: row.damaged_reason },
    waitingAudioSeconds: 0,
    title: row.title,
  };
}

export function segmentsOf(database: DatabaseSync, sessionId: string): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  for (const row of database
    .prepare('SELECT data FROM segments WHERE session_id = ? ORDER BY start, rowid')
    .all(sessionId)) {
    let value: unknown;
    try {
      value = JSON.parse(String(row.data));
    } catch {
      continue;
    }
    const segment = parseSegment(value);
    if (segment) segments.push(segment);
  }
  return segments;
}

export function speakerNamesOf(row: SessionRow): Record<string, string> {
  try {
    const value: unknown = JSON.parse(row.speaker_names);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Sessions a crash (or a quit without Stop) left without an end. */
export function markInterrupted(database: DatabaseSync, log: Logger): void {
  const { changes } = database
    .prepare(
      'UPDATE sessions SET interrupted = 1 WHERE ended_ms IS NULL AND interrupted = 0 AND import_pending = 0',
    )
    .run();
  if (Number(changes) > 0) log.info('sessions marked interrupted', { count: Number(changes) });
}
