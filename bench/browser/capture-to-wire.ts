/**
 * Capture → wire, both approaches, on the same marked speech (marked-microphone.ts), one
 * after the other in fresh Chromiums with the same fake microphone:
 *  - Earshot: the built window with the real preload, main's real core (harness, IPC
 *    emulated) and the real @deepgram/sdk, its endpoint set to the wire tap, which relays to
 *    the emulator. Also measured on the way: the renderer's CPU while speaking, and Stop.
 *  - Seed: seed-page.ts (MediaRecorder, webm/opus, timeslice 250, each chunk sent on a
 *    WebSocket) to the tap's /seed-sink.
 * Both pages get the same tap on their microphone stream, which defines "captured".
 */
import type { CDPSession, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotUi } from '../../test/browser/harness/earshot-ui';
import { launchChromium } from '../../test/browser/harness/chromium';
import { launchEarshot } from '../../test/browser/harness/launch-earshot';
import { chainOffsets, estimateClockOffset, type ClockOffset } from '../lib/clock-offset';
import type { EmulatorProcess } from '../lib/emulator-process';
import { tapEveryMicrophoneScript } from '../lib/capture-tap-source';
import { stampNextClickScript, watchPaintsScript } from '../lib/page-scripts';
import { epochNow, type TapConnection, type WireTap } from '../lib/wire-tap';
import { wireLatency, type CaptureRecording, type WireLatency } from '../lib/wire-latency';
import type { MarkedMicrophone } from './marked-microphone';

export interface ApproachRun {
  latency: WireLatency;
  /** Renderer process CPU while the microphone played (s of CPU per s of wall time). */
  rendererCpuShare: number;
  cpuWindowSeconds: number;
  pageToTap: ClockOffset;
  messages: number;
  bytes: number;
}

export interface StopRun {
  /** Stop click → Finalize/CloseStream at the tap (Earshot's share, outbound). */
  clickToControlMs: number;
  /** Emulator's last final leaving the tap → painted in the window (Earshot's share, inbound). */
  finalToPaintMs: number;
  /** Control message → the emulator's last final (the emulator's answer, not Earshot's). */
  emulatorAnswerMs: number;
  control: string;
}

export interface CaptureToWireResult {
  earshot: ApproachRun;
  seed: ApproachRun;
  stop: StopRun | null;
  stopProblem: string | null;
}

interface CaptureExport {
  sampleRate: number;
  blocks: Array<[number, number]>;
  samplesBase64: string;
  error: string | null;
}

/** EARSHOT_BENCH_DEBUG_DIR: keeps each approach's recordings there, to look at by hand. */
function dump(name: string, recordings: Record<string, unknown>): void {
  const directory = process.env.EARSHOT_BENCH_DEBUG_DIR;
  if (!directory) return;
  writeFileSync(
    join(directory, `${name}.json`),
    JSON.stringify(recordings, (_key, value: unknown) =>
      value instanceof Int16Array || Buffer.isBuffer(value)
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
        : value,
    ),
  );
}

function int16(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Int16Array(copy.buffer, 0, Math.floor(copy.length / 2));
}

async function exportCapture(page: Page): Promise<CaptureRecording> {
  const exported = (await page.evaluate('__earshotBenchCaptureExport()')) as CaptureExport;
  if (exported.error) throw new Error(`the capture tap failed in the page: ${exported.error}`);
  return { sampleRate: exported.sampleRate, blocks: exported.blocks, samples: int16(exported.samplesBase64) };
}

/** Page clock (Date.now(), what the capture tap stamps with) → tap clock. */
async function pageToTapOffset(page: Page, tap: WireTap, pageClock: string): Promise<ClockOffset> {
  const hereToPage = await estimateClockOffset(
    epochNow,
    async () => (await page.evaluate(pageClock)) as number,
  );
  const hereToTap = await tap.offsetFromHere();
  // page → here is the inverse of here → page.
  return chainOffsets({ ...hereToPage, offsetMs: -hereToPage.offsetMs }, hereToTap);
}

async function waitForCapturedSeconds(page: Page, seconds: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await page.evaluate('__earshotBenchCaptureSeen()')) as {
      seen: number;
      sampleRate: number;
      error: string | null;
    };
    if (state.error) throw new Error(`the capture tap failed in the page: ${state.error}`);
    if (state.sampleRate > 0 && state.seen >= seconds * state.sampleRate) return;
    if (Date.now() > deadline) throw new Error(`the microphone did not reach ${seconds} s in time`);
    await page.waitForTimeout(50);
  }
}

async function processSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'ProcessTime')?.value ?? Number.NaN;
}

function audioConnection(connections: Array<TapConnection & { payload: Buffer }>, path: string) {
  const candidates = connections.filter(
    (connection) => connection.path === path && connection.binary.length > 0,
  );
  if (candidates.length === 0) throw new Error(`no audio arrived at the tap on ${path}`);
  return candidates.reduce((longest, next) =>
    next.payload.length > longest.payload.length ? next : longest,
  );
}

function isFinalResult(text: string): boolean {
  try {
    const message = JSON.parse(text) as {
      type?: string;
      is_final?: boolean;
      channel?: { alternatives?: Array<{ transcript?: string }> };
    };
    return (
      message.type === 'Results' &&
      message.is_final === true &&
      (message.channel?.alternatives?.[0]?.transcript ?? '') !== ''
    );
  } catch {
    return false;
  }
}

async function runEarshot(
  emulator: EmulatorProcess,
  tap: WireTap,
  microphone: MarkedMicrophone,
): Promise<{ run: ApproachRun; stop: StopRun | null; stopProblem: string | null }> {
  const app = await launchEarshot({
    microphoneWav: microphone.path,
    microphone: 'app-policy',
    endpoint: tap.url,
  });
  try {
    const { page } = app;
    const ui = new EarshotUi(page);
    await ui.setUpKey(emulator.demoKey, emulator.projectName);
    await ui.goToLiveView();
    await page.evaluate(tapEveryMicrophoneScript());
    await page.evaluate(watchPaintsScript('[data-testid="final-text"]'));
    await emulator.command({
      type: 'queue-utterances',
      texts: [...microphone.utterances, ...microphone.utterances],
    });
    await tap.clear();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    await ui.startButton.click();
    const firstMarker = microphone.markerSeconds[0] as number;
    await waitForCapturedSeconds(page, firstMarker, 30_000);
    const cpuStart = { process: await processSeconds(cdp), wall: performance.now() };
    await waitForCapturedSeconds(page, microphone.lastSpeechSecond, 60_000);
    const cpuEnd = { process: await processSeconds(cdp), wall: performance.now() };

    await page.evaluate(stampNextClickScript);
    await ui.stopButton.click();
    await ui.startButton.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1_000);

    const capture = await exportCapture(page);
    const pageToTap = await pageToTapOffset(page, tap, 'Date.now()');
    const pagePerfToTap = await pageToTapOffset(page, tap, 'performance.timeOrigin + performance.now()');
    const connections = await tap.connections(true);
    const wire = audioConnection(connections, '/v1/listen');
    dump('earshot', { capture, wire, pageToTap });
    let samplesSoFar = 0;
    const latency = wireLatency({
      capture,
      wire: {
        sampleRate: 16_000,
        arrivals: wire.binary.map((message) => ({
          samplesSoFar: (samplesSoFar += message.bytes / 2),
          at: message.at,
        })),
        samples: int16(wire.payload.toString('base64')),
      },
      markerSeconds: microphone.markerSeconds,
      pageToTapMs: pageToTap.offsetMs,
      untilFileSecond: microphone.lastSpeechSecond,
    });

    // Stop: Earshot's own share is everything but the emulator's answer.
    const clickAt = (await page.evaluate('__earshotBenchClickAt')) as number | null;
    const paints = (await page.evaluate('__earshotBenchPaints()')) as {
      changes: Array<{ at: number; paintedAt: number | null }>;
    };
    let stop: StopRun | null = null;
    let stopProblem: string | null = null;
    if (clickAt === null) stopProblem = 'the Stop click was not seen';
    else {
      const clickOnTap = clickAt + pagePerfToTap.offsetMs;
      const control = wire.fromClientText.find(
        (message) => message.at >= clickOnTap && /"type":"(Finalize|CloseStream)"/.test(message.text),
      );
      const finals = wire.fromServerText.filter((message) => isFinalResult(message.text));
      const lastFinal = finals[finals.length - 1];
      const lastPaint = paints.changes.filter((change) => change.paintedAt !== null).pop();
      if (!control) stopProblem = 'no Finalize or CloseStream reached the tap after Stop';
      else if (!lastFinal || lastFinal.at < control.at)
        stopProblem = 'the emulator sent no final after Stop (the last words were final already)';
      else if (!lastPaint?.paintedAt) stopProblem = 'the last final was never painted';
      else
        stop = {
          clickToControlMs: control.at - clickOnTap,
          finalToPaintMs: lastPaint.paintedAt + pagePerfToTap.offsetMs - lastFinal.at,
          emulatorAnswerMs: lastFinal.at - control.at,
          control: /CloseStream/.test(control.text) ? 'CloseStream' : 'Finalize',
        };
    }
    return {
      run: {
        latency,
        rendererCpuShare: (cpuEnd.process - cpuStart.process) / ((cpuEnd.wall - cpuStart.wall) / 1000),
        cpuWindowSeconds: (cpuEnd.wall - cpuStart.wall) / 1000,
        pageToTap,
        messages: wire.binary.length,
        bytes: wire.payload.length,
      },
      stop,
      stopProblem,
    };
  } finally {
    await app.close();
  }
}

async function runSeed(tap: WireTap, microphone: MarkedMicrophone): Promise<ApproachRun> {
  const browser = await launchChromium({ microphoneWav: microphone.path });
  try {
    const context = await browser.newContext();
    await context.grantPermissions(['microphone'], { origin: tap.url });
    const page = await context.newPage();
    await page.goto(`${tap.url}/seed`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await tap.clear();
    await page.evaluate('startSeed()');
    const firstMarker = microphone.markerSeconds[0] as number;
    await waitForCapturedSeconds(page, firstMarker, 30_000);
    const cpuStart = { process: await processSeconds(cdp), wall: performance.now() };
    await waitForCapturedSeconds(page, microphone.lastSpeechSecond, 60_000);
    const cpuEnd = { process: await processSeconds(cdp), wall: performance.now() };
    await page.evaluate('stopSeed()');
    const decoded = (await page.evaluate('decodeSeed()')) as { lengths: number[]; samplesBase64: string };
    const capture = await exportCapture(page);
    const pageToTap = await pageToTapOffset(page, tap, 'Date.now()');
    const wire = audioConnection(await tap.connections(false), '/seed-sink');
    dump('seed', { capture, wire, decoded, pageToTap });
    if (wire.binary.length !== decoded.lengths.length) {
      throw new Error(
        `the tap received ${wire.binary.length} chunks, the page sent ${decoded.lengths.length}`,
      );
    }
    const latency = wireLatency({
      capture,
      wire: {
        sampleRate: 48_000,
        arrivals: wire.binary.map((message, index) => ({
          samplesSoFar: decoded.lengths[index] as number,
          at: message.at,
        })),
        samples: int16(decoded.samplesBase64),
      },
      markerSeconds: microphone.markerSeconds,
      pageToTapMs: pageToTap.offsetMs,
      untilFileSecond: microphone.lastSpeechSecond,
    });
    return {
      latency,
      rendererCpuShare: (cpuEnd.process - cpuStart.process) / ((cpuEnd.wall - cpuStart.wall) / 1000),
      cpuWindowSeconds: (cpuEnd.wall - cpuStart.wall) / 1000,
      pageToTap,
      messages: wire.binary.length,
      bytes: wire.binary.reduce((total, message) => total + message.bytes, 0),
    };
  } finally {
    await browser.close();
  }
}

export async function captureToWire(
  emulator: EmulatorProcess,
  tap: WireTap,
  microphone: MarkedMicrophone,
): Promise<CaptureToWireResult> {
  const earshot = await runEarshot(emulator, tap, microphone);
  const seed = await runSeed(tap, microphone);
  return { earshot: earshot.run, seed, stop: earshot.stop, stopProblem: earshot.stopProblem };
}
