/**
 * The browser half of `npm run bench`, run under Playwright's runner
 * (browser-bench.playwright.ts): capture → wire for Earshot and the seed's approach side by
 * side, Stop, transcript → paint, the renderer's CPU, and Copy all with 10,000 segments.
 * Needs Debian's Chromium, espeak-ng and sox (the speech fixture), dbus and gnome-keyring,
 * like the browser tests; builds the app if out/ is missing.
 */
import { startPrivateSecretService } from '../test/support/private-dbus';
import { captureToWire, type ApproachRun } from './browser/capture-to-wire';
import { makeMarkedMicrophone } from './browser/marked-microphone';
import { rendererBench } from './browser/renderer-bench';
import { startEmulatorProcess } from './lib/emulator-process';
import { rounded } from './lib/figures';
import { formatNumber, percentile, type Row } from './lib/stats';
import { startWireTap } from './lib/wire-tap';
import { ensureRendererBuilt } from './soak-renderer';

export interface BrowserBenchResult {
  rows: Row[];
  notes: string[];
}

const ms = (value: number) => `${formatNumber(value, 1)} ms`;

function latencyRows(name: 'earshot' | 'seed', label: string, run: ApproachRun): Row[] {
  const values = run.latency.latenciesMs;
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(values, p)) as [number, number, number];
  return [
    {
      figure: `capture → wire, ${label}`,
      value: `p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}`,
      note: `${formatNumber(run.latency.windowSeconds, 1)} s of audio between ${run.latency.markersMatched}/${run.latency.markersScheduled} markers; ${run.messages} messages, ${run.bytes} bytes; alignment spread ${ms(run.latency.alignmentSpreadMs)}, clock ± ${ms(run.pageToTap.uncertaintyMs)}`,
      figures: {
        [`captureToWire.${name}.p50Ms`]: rounded(p50, 1),
        [`captureToWire.${name}.p95Ms`]: rounded(p95, 1),
        [`captureToWire.${name}.p99Ms`]: rounded(p99, 1),
        [`captureToWire.${name}.markersMatched`]: run.latency.markersMatched,
        [`captureToWire.${name}.alignmentSpreadMs`]: rounded(run.latency.alignmentSpreadMs, 1),
        [`captureToWire.${name}.clockUncertaintyMs`]: rounded(run.pageToTap.uncertaintyMs, 2),
      },
    },
  ];
}

export async function runBrowserBench(options: { quick: boolean }): Promise<BrowserBenchResult> {
  ensureRendererBuilt();
  const secretService = await startPrivateSecretService('earshot-bench-keyring-');
  process.env.DBUS_SESSION_BUS_ADDRESS = secretService.address;
  const emulator = await startEmulatorProcess('script');
  const tap = await startWireTap(emulator.url);
  const rows: Row[] = [];
  try {
    // EARSHOT_BENCH_BROWSER_STEPS=wire or =renderer runs one half (for working on it).
    const steps = process.env.EARSHOT_BENCH_BROWSER_STEPS ?? 'wire,renderer';
    if (steps.includes('renderer')) rows.push(...(await rendererBench(options)));
    if (!steps.includes('wire')) return { rows, notes: [] };
    const microphone = makeMarkedMicrophone(options.quick);
    const wire = await captureToWire(emulator, tap, microphone);
    const p95 = (run: ApproachRun) => percentile(run.latency.latenciesMs, 95);
    const p50 = (run: ApproachRun) => percentile(run.latency.latenciesMs, 50);
    rows.push(
      ...latencyRows('earshot', 'Earshot (worklet, 20 ms linear16, IPC, main, SDK)', wire.earshot),
      ...latencyRows('seed', 'seed (MediaRecorder 250 ms webm/opus → WebSocket)', wire.seed),
      {
        figure: 'capture → wire, seed ÷ Earshot',
        value: `${formatNumber(p95(wire.seed) / p95(wire.earshot), 1)}× at p95`,
        note: `${formatNumber(p50(wire.seed) / p50(wire.earshot), 1)}× at p50; goal: Earshot p95 ≤ 25 ms and ≥ 10× better`,
        figures: {
          'captureToWire.ratio': rounded(p95(wire.seed) / p95(wire.earshot), 2),
          'captureToWire.ratioP50': rounded(p50(wire.seed) / p50(wire.earshot), 2),
        },
      },
      {
        figure: 'renderer CPU while speaking, Earshot',
        value: `${formatNumber(wire.earshot.rendererCpuShare * 100, 1)}% of a core`,
        note: `CDP ProcessTime over ${formatNumber(wire.earshot.cpuWindowSeconds, 0)} s of live audio, window visible; includes the bench's own capture tap and the emulated IPC's page side`,
        figures: { 'cpu.renderer.speakingPercentOfCore': rounded(wire.earshot.rendererCpuShare * 100, 2) },
      },
      {
        figure: 'renderer CPU while speaking, seed',
        value: `${formatNumber(wire.seed.rendererCpuShare * 100, 1)}% of a core`,
        note: `the same measure for the seed page (MediaRecorder's opus encoder runs in the renderer); includes the same capture tap`,
        figures: { 'cpu.seed.rendererSpeakingPercentOfCore': rounded(wire.seed.rendererCpuShare * 100, 2) },
      },
    );
    if (wire.stop) {
      const added = wire.stop.clickToControlMs + wire.stop.finalToPaintMs;
      rows.push({
        figure: 'Stop → last final shown, Earshot’s share',
        value: ms(added),
        note: `click → ${wire.stop.control} at the socket ${ms(wire.stop.clickToControlMs)} + emulator's last final → painted ${ms(wire.stop.finalToPaintMs)}; the emulator's own answer (${ms(wire.stop.emulatorAnswerMs)}) left out; goal ≤ 50 ms`,
        figures: {
          'stop.addedMs': rounded(added, 1),
          'stop.clickToControlMs': rounded(wire.stop.clickToControlMs, 1),
          'stop.finalToPaintMs': rounded(wire.stop.finalToPaintMs, 1),
          'stop.emulatorAnswerMs': rounded(wire.stop.emulatorAnswerMs, 1),
        },
      });
    } else {
      rows.push({
        figure: 'Stop → last final shown, Earshot’s share',
        value: 'n/a',
        note: wire.stopProblem ?? '',
        figures: { 'stop.addedMs': null },
      });
    }
  } finally {
    await tap.close();
    await emulator.close();
    await secretService.close();
  }
  return {
    rows,
    notes: [
      'Chromium: Debian Chromium, headless, fake microphone playing the marked speech WAV (espeak-ng speech, 1 kHz marker bursts between pieces) once from getUserMedia',
      "Earshot: built renderer + real preload via the e2e harness (Electron's IPC emulated over Playwright bindings: slower than Electron's own IPC); main's real core in the bench process, real @deepgram/sdk",
      'captured = the moment a tap on a clone of the same microphone track (MediaStreamTrackProcessor in the same page) could first read the sample (lower envelope over all blocks); arrival = the wire tap (a ws server in its own process on loopback) receiving the message, both approaches alike',
      "clocks: page Date.now() and performance clock aligned to the tap's clock by round trips (page ↔ bench ↔ tap), uncertainty printed; stream positions aligned by the marker bursts found in both streams",
      "seed: a sample's bytes have arrived once the chunks received so far decode (Chromium's decodeAudioData) to include it",
      'emulator: the Deepgram emulator in its own process (script transcriber) behind the tap; no network, no model latency',
    ],
  };
}
