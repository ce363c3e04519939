/**
 * `npm run bench -- --json FILE` is a contract outside checks rely on, and its steps call the
 * real store and dispatcher, so a change there can break it while every test still passes.
 * The quick steps run here (figures are not judged, only that they are produced); the
 * minute-long latency and memory steps run with `npm run bench`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDispatcher } from '../../../bench/dispatcher';
import { startEmulatorProcess, type EmulatorProcess } from '../../../bench/lib/emulator-process';
import { benchTranscriptStore } from '../../../bench/transcript-store';

const figure = /\d/;

describe('the benchmark steps still run against the real core', () => {
  let emulator: EmulatorProcess;
  beforeAll(async () => {
    emulator = await startEmulatorProcess('tone-code');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('transcript store: append+fsync percentiles', async () => {
    const rows = await benchTranscriptStore();
    expect(rows.map((row) => row.figure)).toEqual([
      'transcript append+fsync p50',
      'transcript append+fsync p95',
      'transcript append+fsync p99',
    ]);
    for (const row of rows) expect(row.value).toMatch(figure);
  });

  it('IPC dispatcher: the cost per audio frame, gate alone and with a live session', async () => {
    const rows = await benchDispatcher(emulator);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.value).toMatch(figure);
  }, 60_000);
});
