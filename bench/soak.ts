/**
 * `npm run bench:soak`: a simulated one-hour session (about 6–8 minutes on 2 cores).
 * Main: the real core against the emulator with an hour of tone-code audio pushed faster than
 * real time, a few connection cuts, memory sampled every simulated 10 minutes. Renderer: the
 * built app in Chromium fed 10,000 final segments, then scrolled and clicked. Prints figures
 * and whether each side kept its memory growth under the issue's 20 MB; asserts nothing.
 *
 * Environment: EARSHOT_SOAK_SPEED (default 30, × real time), EARSHOT_SOAK_MINUTES (60),
 * EARSHOT_SOAK_SEGMENTS (10000), EARSHOT_SOAK_ONLY=main|renderer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulatorProcess } from './lib/emulator-process';
import { formatMB, formatNumber, median, megabyte, printTable, type Row } from './lib/stats';
import { soakMain, type SoakMainResult } from './soak-main';
import type { SoakRendererResult } from './soak-renderer';

const targetBytes = 20 * megabyte;
const verdict = (growth: number) => (growth < targetBytes ? 'met (< 20 MB)' : 'NOT met (≥ 20 MB)');
const signedMB = (bytes: number) => `${bytes >= 0 ? '+' : ''}${formatMB(bytes)}`;

function reportMain(result: SoakMainResult): Row[] {
  const first = result.samples[0]!;
  const last = result.samples[result.samples.length - 1]!;
  const jsMemory = (sample: typeof first) => sample.heapUsed + sample.external;
  printTable(
    `Main: memory after GC, simulated minutes (after a ${result.options.warmUpMinutes}-minute warm-up)`,
    result.samples.map((sample) => ({
      figure: `minute ${sample.minute}`,
      value: formatMB(sample.heapUsed),
      note: `heapUsed; heapTotal ${formatMB(sample.heapTotal)} (new space ${formatMB(sample.newSpace)}), rss ${formatMB(sample.rss)}, external ${formatMB(sample.external)}, arrayBuffers ${formatMB(sample.arrayBuffers)}`,
    })),
  );
  const heapGrowth = last.heapUsed - first.heapUsed;
  const jsGrowth = jsMemory(last) - jsMemory(first);
  const rssGrowth = last.rss - first.rss;
  // Whether rss is still climbing at the end or settled early: the second half on its own.
  const middle = result.samples[Math.floor(result.samples.length / 2)]!;
  const lateRssGrowth = last.rss - middle.rss;
  const heapTotalGrowth = last.heapTotal - first.heapTotal;
  return [
    {
      figure: 'main: simulated session',
      value: `${result.options.minutes} min`,
      note: `${formatNumber(result.wallSeconds, 0)} s wall at ${formatNumber(result.achievedSpeed, 1)}× real time; ${result.framesPushed} frames pushed, ${result.framesDroppedByGuard} dropped by the rate guard`,
    },
    {
      figure: 'main: cuts / reconnections',
      value: `${result.cuts} / ${result.reconnections}`,
      note: `connections dropped by the emulator at minutes ${result.options.cutsAtMinutes.join(', ')}`,
    },
    {
      figure: 'main: transcript on disk vs spoken',
      value: result.transcriptMatches ? 'identical' : 'DIFFERENT',
      note: `${result.storedWords}/${result.spokenWords} words in ${result.storedSegments} stored segments; ${result.finals} finals and ${result.interims} interims emitted${result.firstMismatch ? `; first difference at ${result.firstMismatch}` : ''}`,
    },
    { figure: 'main: heapUsed growth', value: signedMB(heapGrowth), note: verdict(heapGrowth) },
    {
      figure: 'main: heapUsed+external growth',
      value: signedMB(jsGrowth),
      note: `${verdict(jsGrowth)}; external includes ArrayBuffers (audio)`,
    },
    {
      figure: 'main: rss growth',
      value: signedMB(rssGrowth),
      note: `${verdict(rssGrowth)}; ${result.samples.length > 2 ? `${signedMB(lateRssGrowth)} of it from minute ${middle.minute} to ${last.minute}; ` : ''}V8's committed heap (heapTotal) ${signedMB(heapTotalGrowth)}, of it the young generation ${signedMB(last.newSpace - first.newSpace)}; native (rss − heapTotal) ${signedMB(rssGrowth - heapTotalGrowth)}`,
    },
  ];
}

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
    console.log(`… main: ${minutes} simulated minutes at ${speed}× real time`);
    const emulator = await startEmulatorProcess('tone-code');
    try {
      const result = await soakMain(emulator, {
        speed,
        minutes,
        warmUpMinutes: 2,
        sampleEveryMinutes: 10,
        cutsAtMinutes: [7, 19, 31, 43, 55].filter((minute) => minute < minutes),
        seed: 42,
      });
      rows.push(...reportMain(result));
      notes.push(...result.simulationNotes.map((note) => `main: ${note}`));
    } finally {
      await emulator.close();
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
  console.log(`\n(${Math.round((performance.now() - started) / 1000)} s)`);
}

await main();
