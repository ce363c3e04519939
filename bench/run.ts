/**
 * `npm run bench`: figures for the audio path, printed as a table, and with `--json FILE`
 * written under stable names (bench/lib/figures.ts). Figures only: nothing here asserts a
 * timing, and none of it is part of the test command. About 4–5 minutes on 2 cores.
 *
 * EARSHOT_BENCH_SKIP_BROWSER=1 leaves out the browser half (it needs Chromium, espeak-ng, sox
 * and a private Secret Service, like the browser tests).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserBenchResult } from './browser-bench';
import { benchDispatcher } from './dispatcher';
import { benchDictationStart } from './dictation-start';
import { jsonOutputPath, rounded, runContext, writeFiguresFile, type Figures } from './lib/figures';
import { benchLatency } from './latency';
import { startEmulatorProcess } from './lib/emulator-process';
import { formatNumber, printTable, type Row } from './lib/stats';
import { benchMainCpu } from './main-cpu';
import { benchOfflineBuffer } from './offline-buffer';
import { benchResampler } from './resampler';
import { runSoakMainProcess, soakMainOptions } from './soak-main-process';
import { reportMain } from './soak-report';
import { benchTranscriptStore } from './transcript-store';
import { benchHistoryScale } from './history-scale';

/** The simulated hour in `npm run bench` runs at 60×; bench:soak runs it at 30×. */
const quickSoakSpeed = 60;

function runBrowserBench(): BrowserBenchResult {
  const directory = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  const output = join(directory, 'browser.json');
  try {
    const run = spawnSync('npx', ['playwright', 'test', '-c', 'bench/playwright.bench.config.ts'], {
      cwd: resolve(import.meta.dirname, '..'),
      stdio: 'inherit',
      env: { ...process.env, EARSHOT_BENCH_BROWSER_OUTPUT: output },
    });
    if (run.status !== 0) throw new Error('the browser benchmarks failed (see above)');
    return JSON.parse(readFileSync(output, 'utf8')) as BrowserBenchResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Renderer + main while speaking: the whole pipeline's CPU, as the issue asks for it. */
function pipelineRow(rows: readonly Row[]): Row | null {
  const figures: Figures = Object.assign({}, ...rows.map((row) => row.figures ?? {}));
  const renderer = figures['cpu.renderer.speakingPercentOfCore'];
  const main = figures['cpu.main.speakingPercentOfCore'];
  if (typeof renderer !== 'number' || typeof main !== 'number') return null;
  return {
    figure: 'pipeline CPU while speaking (renderer + main)',
    value: `${formatNumber(renderer + main, 1)}% of a core`,
    note: `renderer ${formatNumber(renderer, 1)}% (harness, emulated IPC) + main ${formatNumber(main, 2)}%; Chromium's audio service (the fake microphone) not included; goal ≤ 3%`,
    figures: { 'cpu.pipelinePercentOfCore': rounded(renderer + main, 2) },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const json = jsonOutputPath(process.argv.slice(2));
  console.log(
    `Earshot bench — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  );
  const rows: Row[] = [];
  const notes: string[] = [];
  const step = async (name: string, run: () => Row[] | Promise<Row[]>) => {
    process.stdout.write(`… ${name}\n`);
    rows.push(...(await run()));
  };
  await step('resampler', benchResampler);
  await step('transcript store', benchTranscriptStore);
  await step('history at scale: 1,000 sessions, 1,000,000 words (about a minute)', () => benchHistoryScale());
  const emulator = await startEmulatorProcess('tone-code');
  try {
    await step('IPC dispatcher', () => benchDispatcher(emulator));
    await step('end-to-end latency (about 40 s)', () => benchLatency(emulator));
    await step('offline buffer memory', () => benchOfflineBuffer(emulator));
    await step('main CPU (about 25 s)', () => benchMainCpu(emulator, { seconds: 12 }));
    await step('dictation start: hotkey press → frame, word (about 20 s)', () =>
      benchDictationStart(emulator, notes),
    );
  } finally {
    await emulator.close();
  }
  await step(`main's simulated hour at ${quickSoakSpeed}× (about 70 s)`, async () => {
    const result = await runSoakMainProcess(soakMainOptions(quickSoakSpeed), 'shipped');
    notes.push(...result.simulationNotes.map((note) => `soak: ${note}`));
    return reportMain(result, 'soak', '');
  });
  if (process.env.EARSHOT_BENCH_SKIP_BROWSER === '1') {
    notes.push('browser half skipped (EARSHOT_BENCH_SKIP_BROWSER=1)');
  } else {
    await step('browser: capture → wire side by side, Stop, transcript → paint, CPU, Copy all', () => {
      const result = runBrowserBench();
      notes.push(...result.notes.map((note) => `browser: ${note}`));
      return result.rows;
    });
    const pipeline = pipelineRow(rows);
    if (pipeline) rows.push(pipeline);
  }
  printTable('Earshot benchmark figures', rows);
  console.log('\nSimulated or replaced:');
  for (const note of notes) console.log(`  - ${note}`);
  if (json) {
    const figures: Figures = runContext('npm run bench');
    for (const row of rows) Object.assign(figures, row.figures);
    writeFiguresFile(json, figures, notes);
    console.log(`\nFigures written to ${json}`);
  }
  console.log(`\n(${Math.round((performance.now() - started) / 1000)} s)`);
}

await main();
