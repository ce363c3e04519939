/**
 * Full-text search over every session's segments (the FTS5 index segment_text), best first.
 * What the person typed becomes a query that cannot fail (search-query.ts).
 */
import type { DatabaseSync } from 'node:sqlite';
import { searchQueryMaxLength, type HistorySearchHit } from '../../../shared/history';
import { errorName, type Logger } from '../logger';
import { ftsQueryOf, matchClose, matchOpen, snippetSpans } from './search-query';

/** How many of the newest matching segments a search ranks (see searchTranscripts). */
export const rankedMatches = 300;

export function searchTranscripts(
  database: DatabaseSync,
  text: string,
  limit: number,
  log: Logger,
): HistorySearchHit[] {
  const query = ftsQueryOf(text.slice(0, searchQueryMaxLength));
  if (query === null) return [];
  try {
    // Ranking every match costs a scan of every match: a common word matches a tenth of a
    // million-word history (~200 ms). So the newest `rankedMatches` matching segments are
    // ranked (bm25) and the best `limit` of them returned; when fewer match, that is every
    // match, ranked. FTS5 walks its index newest first and stops there.
    const rows = database
      .prepare(
        `SELECT s.id AS sessionId, s.started_at AS startedAt, s.title AS title, g.segment_id AS segmentId,
                g.start AS start, hit.marked AS marked
         FROM (SELECT rowid, bm25(segment_text) AS score, snippet(segment_text, 0, ?, ?, '…', 16) AS marked
               FROM segment_text WHERE segment_text MATCH ? ORDER BY rowid DESC LIMIT ?) AS hit
         JOIN segments g ON g.rowid = hit.rowid
         JOIN sessions s ON s.id = g.session_id
         WHERE s.deleted_ms IS NULL
         ORDER BY hit.score, hit.rowid DESC
         LIMIT ?`,
      )
      .all(matchOpen, matchClose, query, rankedMatches, limit);
    return rows.slice(0, limit).map((row) => ({
      sessionId: String(row.sessionId),
      sessionStartedAt: String(row.startedAt),
      sessionTitle: row.title === null ? null : String(row.title),
      segmentId: String(row.segmentId),
      segmentStart: Number(row.start),
      snippet: snippetSpans(String(row.marked)),
    }));
  } catch (error) {
    // Quoted words make every query valid; should FTS5 still refuse one, nothing is found.
    log.warn('search failed', { errorName: errorName(error) });
    return [];
  }
}
