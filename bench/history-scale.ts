/**
 * History at scale: a transcript database of 1,000 sessions and 1,000,000 words (segments of
 * 4–16 words drawn from a Zipf-distributed vocabulary, as speech is), then the times History
 * depends on: listing every session, and full-text search over varied queries (a common word,
 * rare words, two and three words, a word still being typed, nothing found), best 50 first with
 * snippets, as the search box asks for them. Built straight into the database (one transaction
 * a session) to save the minutes 100,000 fsynced appends would take; measured through the store.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../src/main/core/logger';
import { openTranscriptStore } from '../src/main/core/transcript-store/index';
import { insertSegment, refreshSummary } from '../src/main/core/transcript-store/session-rows';
import {
  databaseFileName,
  inTransaction,
  openTranscriptDatabase,
} from '../src/main/core/transcript-store/transcript-database';
import { formatSessionId } from '../src/shared/history';
import type { TranscriptSegment } from '../src/shared/transcript';
import { seededRandom } from '../test/support/seeded-random';
import { rounded } from './lib/figures';
import { formatNumber, percentile, type Row } from './lib/stats';

const common =
  'the and to of a I it in that you is was for on we this be with have not but they are so what at can do there just like all about if one will me my your know would think one as get from or out up when an go now no how our time them then more some people see good very well could yeah right here really say way work back also even want any first make new because day thing things year'.split(
    ' ',
  );
const syllables = [
  'ka',
  'lo',
  'mi',
  'ter',
  'ban',
  'quar',
  'ly',
  'dis',
  'pro',
  'ven',
  'ra',
  'sto',
  'ne',
  'gul',
  'fi',
  'dor',
];

/** The word at rank `rank` of the vocabulary: common English first, then made-up words. */
function wordAt(rank: number): string {
  if (rank < common.length) return common[rank]!;
  let n = rank - common.length;
  let word = '';
  do {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  } while (n > 0);
  return word;
}

/** Ranks drawn with probability ∝ 1/rank over `size` words (inverse transform on the harmonic sum). */
function zipf(random: () => number, size: number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

function segmentOf(index: number, words: string[]): TranscriptSegment {
  const start = index * 4;
  return {
    id: `segment-${index}`,
    text: words.join(' '),
    start,
    end: start + words.length * 0.28,
    isFinal: true,
    speechFinal: true,
    fromFinalize: false,
    speaker: null,
    words: words.map((word, position) => ({
      word,
      punctuatedWord: word,
      start: start + position * 0.28,
      end: start + position * 0.28 + 0.2,
      confidence: 0.97,
      speaker: null,
    })),
  };
}

export interface HistoryScaleOptions {
  sessions: number;
  wordsPerSession: number;
}

/** Writes the database (one transaction a session); returns its size and what it holds. */
export function buildHistoryDatabase(
  directory: string,
  options: HistoryScaleOptions,
): {
  totalWords: number;
  buildSeconds: number;
  bytes: number;
  wordAt: (rank: number) => string;
  vocabulary: number;
} {
  const random = seededRandom(12);
  const vocabulary = 30_000;
  const nextRank = zipf(random, vocabulary);
  const buildStarted = performance.now();
  const database = openTranscriptDatabase(join(directory, databaseFileName));
  const firstStart = Date.parse('2025-12-01T09:00:00Z');
  let totalWords = 0;
  for (let session = 0; session < options.sessions; session += 1) {
    const startedAt = new Date(firstStart + session * 8 * 3600_000);
    const id = formatSessionId(startedAt, (0xa00000 + session).toString(16));
    inTransaction(database, () => {
      database
        .prepare(
          'INSERT INTO sessions (id, started_at, started_ms, ended_at, ended_ms) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          id,
          startedAt.toISOString(),
          startedAt.getTime(),
          new Date(startedAt.getTime() + 3600_000).toISOString(),
          startedAt.getTime() + 3600_000,
        );
      let words = 0;
      for (let index = 0; words < options.wordsPerSession; index += 1) {
        const count = Math.min(options.wordsPerSession - words, 4 + Math.floor(random() * 13));
        insertSegment(
          database,
          id,
          segmentOf(
            index,
            Array.from({ length: count }, () => wordAt(nextRank())),
          ),
        );
        words += count;
      }
      refreshSummary(database, id);
      totalWords += words;
    });
  }
  database.close();
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const bytes = statSync(join(directory, databaseFileName)).size;

  return { totalWords, buildSeconds, bytes, wordAt, vocabulary };
}

export async function benchHistoryScale(
  options: HistoryScaleOptions = { sessions: 1000, wordsPerSession: 1000 },
): Promise<Row[]> {
  const directory = mkdtempSync(join(tmpdir(), 'earshot-bench-history-'));
  try {
    const { totalWords, buildSeconds, bytes, vocabulary } = buildHistoryDatabase(directory, options);
    const store = await openTranscriptStore({ directory, log: createMemoryLogger() });
    try {
      const listTimes: number[] = [];
      for (let run = 0; run < 25; run += 1) {
        const started = performance.now();
        const listed = await store.list();
        listTimes.push(performance.now() - started);
        if (listed.length !== options.sessions) throw new Error(`listed ${listed.length} sessions`);
      }
      const rare = (rank: number) => wordAt(Math.min(vocabulary - 1, rank));
      const queries = [
        'the',
        'know',
        'people think',
        'just like the',
        rare(500),
        rare(5000),
        rare(20_000),
        `${rare(800)} ${rare(900)}`,
        `${rare(300)} ${rare(1200)} ${rare(40)}`,
        'quar',
        're',
        wordAt(2000).slice(0, 4),
        `time ${rare(3000).slice(0, 3)}`,
        'zzzz nothing here',
        '"NEAR( broken AND',
      ];
      const searchTimes: number[] = [];
      const hitCounts: number[] = [];
      for (let round = 0; round < 6; round += 1) {
        for (const query of queries) {
          const started = performance.now();
          const hits = await store.search(query);
          const elapsed = performance.now() - started;
          // The first round warms SQLite's page cache; the app's searches run warm too after the first.
          if (round > 0) searchTimes.push(elapsed);
          if (round === 0) hitCounts.push(hits.length);
        }
      }
      const ms = (values: number[], p: number) => `${formatNumber(percentile(values, p), 2)} ms`;
      const scale = `${options.sessions} sessions, ${totalWords.toLocaleString('en')} words (${(bytes / 1e6).toFixed(0)} MB database, built in ${buildSeconds.toFixed(1)} s)`;
      return [
        {
          figure: 'history list (every session)',
          value: ms(listTimes, 50),
          note: `p50 of 25 lists; ${scale}`,
          figures: {
            'history.list.p50Ms': rounded(percentile(listTimes, 50), 3),
            'history.sessions': options.sessions,
            'history.words': totalWords,
          },
        },
        {
          figure: 'history search p50',
          value: ms(searchTimes, 50),
          note: `${queries.length} varied queries × 5 warm rounds, best 50 with snippets; hits per query: ${hitCounts.join(', ')}`,
          figures: { 'history.search.p50Ms': rounded(percentile(searchTimes, 50), 3) },
        },
        {
          figure: 'history search p95',
          value: ms(searchTimes, 95),
          figures: {
            'history.search.p95Ms': rounded(percentile(searchTimes, 95), 3),
            'history.search.maxMs': rounded(Math.max(...searchTimes), 3),
          },
        },
      ];
    } finally {
      store.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
