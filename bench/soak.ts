/**
 * `npm run bench:soak`: a simulated one-hour session (about 6–8 minutes on 2 cores).
 * Main: the real core against the emulator with an hour of tone-code audio pushed faster than
 * real time, a few connection cuts, memory sampled every simulated 10 minutes. Renderer: the
 * built app in Chromium fed 10,000 final segments, then scrolled and clicked. Prints figures
 * and whether each side kept its memory growth under the 20 MB; asserts nothing.
 *
 * Environment: EARSHOT_SOAK_SPEED (default 30, × real time), EARSHOT_SOAK_MINUTES (60),
 * EARSHOT_SOAK_SEGMENTS (10000), EARSHOT_SOAK_ONLY=main|renderer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jsonOutputPath, runContext, writeFiguresFile, type Figures } from './lib/figures';
import { formatMB, formatNumber, median, printTable, type Row } from './lib/stats';
import { runSoakMainProcess, soakMainOptions } from './soak-main-process';
import { reportMain, signedMB, verdict } from './soak-report';
import type { SoakRendererResult } from './soak-renderer';

function runRendererSoak(segments: number): SoakRendererResult {
  const directory = mkdtempSync(join(tmpdir(), 'earshot-soak-'));
  const output = join(directory, 'renderer.json');
  try {
    const run = spawnSync('npx', ['playwright', 'test', '-c', 'bench/playwright.soak.config.ts'], {
      cwd: resolve(import.meta.dirname, '..'),
      stdio: 'inherit',
      env: { ...process.env, EARSHOT_SOAK_RENDERER_OUTPUT: output, EARSHOT_SOAK_SEGMENTS: String(segments) },
    });
    if (run.status !== 0) throw new Error('the renderer soak failed (see above)');
    return JSON.parse(readFileSync(output, 'utf8')) as SoakRendererResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function reportRenderer(result: SoakRendererResult): Row[] {
  const first = result.samples[0]!;
  const last = result.samples[result.samples.length - 1]!;
  printTable(
    'Renderer: JS heap after GC (CDP Runtime.getHeapUsage) as segments arrive',
    result.samples.map((sample) => ({
      figure: `${sample.segments} segments`,
      value: formatMB(sample.usedBytes),
      note: `DOM nodes ${sample.domNodes}, transcript rows in the DOM ${sample.renderedRows}`,
    })),
  );
  const growth = last.usedBytes - first.usedBytes;
  const ms = (value: number | null) => (value === null ? 'n/a' : `${formatNumber(value, 1)} ms`);
  const medianOf = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length === 0 ? null : median(known);
  };
  return [
    {
      figure: 'renderer: JS heap growth',
      value: signedMB(growth),
      note: `${verdict(growth)}; ${first.segments} → ${last.segments} segments (${formatNumber(growth / Math.max(1, last.segments - first.segments), 0)} bytes per segment, kept for Copy all)`,
    },
    {
      figure: 'renderer: DOM after 10k segments',
      value: `${last.domNodes} nodes`,
      note: `${last.renderedRows} transcript rows rendered of ${last.segments}; ${result.elementsInDocument} elements in the document (virtualized list)`,
    },
    {
      figure: 'renderer: feeding time',
      value: `${formatNumber(result.feedSeconds, 0)} s`,
      note: 'for all segments through the emulated IPC (one page.evaluate per event; not an app figure)',
    },
    {
      figure: 'renderer: scroll top → bottom, frame time',
      value: `p50 ${formatNumber(result.scroll.p50, 1)} ms, p95 ${formatNumber(result.scroll.p95, 1)} ms`,
      note: `rAF deltas over ${result.scroll.frames} frames, ${result.scroll.stepPx} px per frame through ${formatNumber(result.scroll.scrollHeight, 0)} px; max ${formatNumber(result.scroll.max, 1)} ms, ${result.scroll.over50ms} frames over 50 ms`,
    },
    ...result.interactions.map((interaction) => ({
      figure: `renderer: ${interaction.name}`,
      value: `${ms(median(interaction.runs.map((run) => run.toPaintMs)))} to next paint`,
      note:
        `${ms(medianOf(interaction.runs.map((run) => run.toResponsePaintMs)))} to the paint showing the response; medians of ${interaction.runs.length}` +
        (interaction.name.startsWith('key')
          ? "; includes Chromium's animated keyboard scroll (about 150 ms)"
          : ''),
    })),
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const only = process.env.EARSHOT_SOAK_ONLY;
  const speed = Number(process.env.EARSHOT_SOAK_SPEED ?? 30);
  const minutes = Number(process.env.EARSHOT_SOAK_MINUTES ?? 60);
  const segments = Number(process.env.EARSHOT_SOAK_SEGMENTS ?? 10_000);
  console.log(
    `Earshot soak — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  );
  const rows: Row[] = [];
  const notes: string[] = [];

  if (only !== 'renderer') {
    console.log(
      `… main: ${minutes} simulated minutes at ${speed}× real time, with the V8 flags the app sets`,
    );
    const shipped = await runSoakMainProcess(soakMainOptions(speed, minutes), 'shipped');
    rows.push(...reportMain(shipped, 'soak', ''));
    notes.push(...shipped.simulationNotes.map((note) => `main: ${note}`));
    // The same hour with V8's defaults: what the flags buy, and what they cost in GC time.
    if (process.env.EARSHOT_SOAK_COMPARE_V8 !== '0') {
      console.log(`… main again, with V8's default flags (EARSHOT_SOAK_COMPARE_V8=0 skips this)`);
      const defaults = await runSoakMainProcess(soakMainOptions(speed, minutes), 'default');
      rows.push(...reportMain(defaults, 'soak.v8Defaults', ' (V8 defaults)'));
    }
  }

  if (only !== 'main') {
    console.log(`… renderer: ${segments} segments in Chromium (Playwright runner)`);
    const result = runRendererSoak(segments);
    rows.push(...reportRenderer(result));
    notes.push(
      ...result.notes.map((note) => `renderer: ${note}`),
      `renderer: Chromium ${result.chromiumVersion}`,
    );
  }

  printTable('Earshot soak figures', rows);
  console.log('\nSimulated or replaced:');
  for (const note of notes) console.log(`  - ${note}`);
  const json = jsonOutputPath(process.argv.slice(2));
  if (json) {
    const figures: Figures = runContext('npm run bench:soak');
    for (const row of rows) Object.assign(figures, row.figures);
    writeFiguresFile(json, figures, notes);
    console.log(`\nFigures written to ${json}`);
  }
  console.log(`\n(${Math.round((performance.now() - started) / 1000)} s)`);
}

await main();
