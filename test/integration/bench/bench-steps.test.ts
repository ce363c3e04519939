/**
 * `npm run bench -- --json FILE` is a contract outside checks rely on, and its steps call the
 * real store, dispatcher, core and window, so a change there can break it while every test
 * still passes. Every step runs here in quick mode (figures are not judged, only that they are
 * produced under their names); the full-length runs are `npm run bench` and `bench:soak`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserBenchResult } from '../../../bench/browser-bench';
import { benchDispatcher } from '../../../bench/dispatcher';
import { benchLatency } from '../../../bench/latency';
import { startEmulatorProcess, type EmulatorProcess } from '../../../bench/lib/emulator-process';
import type { Figures } from '../../../bench/lib/figures';
import type { Row } from '../../../bench/lib/stats';
import { benchMainCpu } from '../../../bench/main-cpu';
import { benchOfflineBuffer } from '../../../bench/offline-buffer';
import { benchResampler } from '../../../bench/resampler';
import { runSoakMainProcess, soakMainOptions } from '../../../bench/soak-main-process';
import { reportMain } from '../../../bench/soak-report';
import { benchTranscriptStore } from '../../../bench/transcript-store';
import { benchHistoryScale } from '../../../bench/history-scale';
import { chromiumPath } from '../../browser/harness/chromium';
import { speechToolsMissing } from '../../support/speech-audio';

const figure = /\d/;
const root = resolve(import.meta.dirname, '../../..');

function namedFigures(rows: readonly Row[]): Figures {
  return Object.assign({}, ...rows.map((row) => row.figures ?? {}));
}

function expectNumbers(figures: Figures, names: readonly string[]): void {
  for (const name of names) {
    expect(typeof figures[name], name).toBe('number');
    expect(Number.isFinite(figures[name]), name).toBe(true);
  }
}

describe('the benchmark steps still run against the real core', () => {
  let emulator: EmulatorProcess;
  beforeAll(async () => {
    emulator = await startEmulatorProcess('tone-code');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('resampler: throughput and cost per frame', () => {
    const rows = benchResampler();
    for (const row of rows) expect(row.value).toMatch(figure);
    expectNumbers(namedFigures(rows), ['resampler.realTimeFactor', 'resampler.perFrameUs']);
  }, 60_000);

  it('transcript store: append+fsync percentiles', async () => {
    const rows = await benchTranscriptStore();
    expect(rows.map((row) => row.figure)).toEqual([
      'transcript append+fsync p50',
      'transcript append+fsync p95',
      'transcript append+fsync p99',
    ]);
    for (const row of rows) expect(row.value).toMatch(figure);
    expectNumbers(namedFigures(rows), ['transcriptStore.appendFsync.p95Ms']);
  });

  it('history at scale (here 20 sessions of 500 words): list time and search percentiles', async () => {
    const rows = await benchHistoryScale({ sessions: 20, wordsPerSession: 500 });
    expect(rows.map((row) => row.figure)).toEqual([
      'history list (every session)',
      'history search p50',
      'history search p95',
    ]);
    for (const row of rows) expect(row.value).toMatch(figure);
    const figures = namedFigures(rows);
    expectNumbers(figures, ['history.list.p50Ms', 'history.search.p50Ms', 'history.search.p95Ms']);
    expect(figures['history.words']).toBe(10_000);
    expect(figures['history.sessions']).toBe(20);
  }, 60_000);

  it('IPC dispatcher: the cost per audio frame, gate alone and with a live session', async () => {
    const rows = await benchDispatcher(emulator);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.value).toMatch(figure);
    expectNumbers(namedFigures(rows), [
      'dispatcher.gateOnlyUsPerFrame',
      'dispatcher.gateAndSessionUsPerFrame',
    ]);
  }, 60_000);

  it('end-to-end latency, real time and burst', async () => {
    const figures = namedFigures(await benchLatency(emulator, { quick: true }));
    expectNumbers(figures, ['e2e.realTime.speechEndToFinal.p50Ms', 'e2e.burst.speechEndToFinal.p95Ms']);
  }, 60_000);

  it('offline buffer: memory per minute', async () => {
    expectNumbers(namedFigures(await benchOfflineBuffer(emulator, { quick: true })), [
      'offlineBuffer.mbPerMinute',
    ]);
  }, 60_000);

  it("main's CPU, idle and speaking", async () => {
    expectNumbers(namedFigures(await benchMainCpu(emulator, { seconds: 2 })), [
      'cpu.main.idlePercentOfCore',
      'cpu.main.speakingPercentOfCore',
    ]);
  }, 60_000);

  it("main's soak in its own process, with the V8 flags the app sets", async () => {
    const result = await runSoakMainProcess(soakMainOptions(60, 2), 'shipped');
    expect(result.v8Flags).toEqual(['--semi-space-growth-factor=1']);
    expect(result.transcriptMatches).toBe(true);
    expectNumbers(namedFigures(reportMain(result, 'soak', '')), ['soak.mainRssGrowthMb', 'soak.gcTotalMs']);
  }, 120_000);
});

const browserSkip = !existsSync(chromiumPath)
  ? `needs Debian's Chromium at ${chromiumPath}`
  : speechToolsMissing;

describe.skipIf(browserSkip !== null)(
  `the browser benchmarks still run${browserSkip ? ` (${browserSkip})` : ''}`,
  () => {
    it('capture → wire for both approaches, Stop, transcript → paint, CPU and Copy all give their figures', () => {
      const directory = mkdtempSync(join(tmpdir(), 'earshot-bench-steps-'));
      try {
        const output = join(directory, 'browser.json');
        const run = spawnSync('npx', ['playwright', 'test', '-c', 'bench/playwright.bench.config.ts'], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, EARSHOT_BENCH_QUICK: '1', EARSHOT_BENCH_BROWSER_OUTPUT: output },
        });
        expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        const result = JSON.parse(readFileSync(output, 'utf8')) as BrowserBenchResult;
        const figures = namedFigures(result.rows);
        expectNumbers(figures, [
          'captureToWire.earshot.p95Ms',
          'captureToWire.seed.p95Ms',
          'captureToWire.ratio',
          'transcriptToPaint.p95Ms',
          'transcriptToPaint.burst.p95Ms',
          'cpu.renderer.speakingPercentOfCore',
          'cpu.renderer.idlePercentOfCore',
          'copyAll.longestTaskMs',
        ]);
        // Stop needs the emulator to answer the Stop with a final; when it does not, the row says why.
        expect(figures['stop.addedMs'] === null || typeof figures['stop.addedMs'] === 'number').toBe(true);
        expect(result.notes.length).toBeGreaterThan(0);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }, 300_000);
  },
);
