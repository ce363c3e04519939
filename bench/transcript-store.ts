/**
 * Transcript store: appendFinal resolves only once the line is on disk (fsync), so its latency
 * is how long a final segment waits to become crash-safe. Measured on this machine's disk in
 * a temporary directory; it depends on the file system far more than on Earshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../src/main/core/logger';
import { openTranscriptStore } from '../src/main/core/transcript-store/index';
import type { TranscriptSegment } from '../src/shared/transcript';
import { rounded } from './lib/figures';
import { formatNumber, percentile, type Row } from './lib/stats';
import { randomWords } from './lib/tone-audio';
import { seededRandom } from '../test/support/seeded-random';
import { formatSessionId } from '../src/shared/history';

const warmUp = 30;
const measured = 400;

function segment(index: number, words: string[]): TranscriptSegment {
  const start = index * 3;
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
      confidence: 0.98,
      speaker: null,
    })),
  };
}

export async function benchTranscriptStore(): Promise<Row[]> {
  const directory = mkdtempSync(join(tmpdir(), 'earshot-bench-store-'));
  try {
    const store = await openTranscriptStore({ directory, log: createMemoryLogger() });
    const random = seededRandom(7);
    const startedAt = new Date();
    const sessionId = formatSessionId(startedAt, 'b3c4e5');
    await store.beginSession(sessionId, startedAt);
    const latencies: number[] = [];
    for (let index = 0; index < warmUp + measured; index += 1) {
      const next = segment(index, randomWords(random, 4, 12));
      const started = performance.now();
      await store.appendFinal(sessionId, next);
      if (index >= warmUp) latencies.push(performance.now() - started);
    }
    await store.endSession(sessionId, new Date());
    const ms = (p: number) => `${formatNumber(percentile(latencies, p), 2)} ms`;
    const note = `${measured} sequential appends of 4–12-word segments with word timings, after ${warmUp} warm-up; ${tmpdir()} on this machine's disk`;
    return [
      {
        figure: 'transcript append+fsync p50',
        value: ms(50),
        note,
        figures: { 'transcriptStore.appendFsync.p50Ms': rounded(percentile(latencies, 50), 3) },
      },
      {
        figure: 'transcript append+fsync p95',
        value: ms(95),
        figures: { 'transcriptStore.appendFsync.p95Ms': rounded(percentile(latencies, 95), 3) },
      },
      {
        figure: 'transcript append+fsync p99',
        value: ms(99),
        figures: { 'transcriptStore.appendFsync.p99Ms': rounded(percentile(latencies, 99), 3) },
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
