/**
 * IPC dispatcher cost per audio frame: what ipcMain.on's listener does for each 20 ms frame
 * (sender check, contract validation, rate guard, handler), measured synchronously.
 *  - gate only: the handler counts frames, so the figure is the dispatcher itself;
 *  - gate + session: the real core's handler with a live session on the emulator (the
 *    frame is copied into the session's audio log and handed to the SDK's WebSocket).
 * The rate guard is the real one, widened so that frames pushed back to back are admitted
 * (at the default 2× real time it would drop nearly all of them, which is a cheaper path).
 */
import { createMemoryLogger } from '../src/main/core/logger';
import { createAudioRateGuard } from '../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher } from '../src/main/ipc/ipc-dispatcher';
import { packagedAppOrigin } from '../src/main/ipc/origin';
import { createTrustedSenderCheck } from '../src/main/ipc/trusted-sender';
import { sendContract } from '../src/shared/ipc-contract';
import type { EmulatorProcess } from './lib/emulator-process';
import { createMainRig, inMemorySecretStoreNote, trustedSender } from './lib/main-rig';
import { rounded } from './lib/figures';
import { formatNumber, median, type Row, sleep, yieldToEventLoop } from './lib/stats';
import { toneUtterance } from './lib/tone-audio';

const batch = 500;
const batches = 40;
const widenedGuard = () => createAudioRateGuard({ maxRealTimeFactor: 1e6, burstSeconds: 1e6 });

/** Per-frame µs of each batch (frames back to back, then the event loop gets a turn). */
async function timeBatches(send: (frame: ArrayBuffer) => void, frames: ArrayBuffer[]): Promise<number[]> {
  const perFrame: number[] = [];
  let next = 0;
  for (let round = 0; round < batches; round += 1) {
    const started = performance.now();
    for (let index = 0; index < batch; index += 1) {
      send(frames[next % frames.length] as ArrayBuffer);
      next += 1;
    }
    perFrame.push(((performance.now() - started) * 1000) / batch);
    await yieldToEventLoop();
  }
  return perFrame;
}

export async function benchDispatcher(emulator: EmulatorProcess): Promise<Row[]> {
  const frames = toneUtterance(['hello', 'world', 'alpha', 'bravo']).frames;
  const channel = sendContract.sendAudio.channel;

  let counted = 0;
  const gate = createIpcDispatcher({
    invokeHandlers: {} as never,
    sendHandlers: {
      sendAudio: () => {
        counted += 1;
      },
      reportCaptureProblem: () => undefined,
      reportNetworkOnline: () => undefined,
    },
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === trustedSender.webContentsId,
      appOrigin: packagedAppOrigin,
    }),
    log: createMemoryLogger(),
    audioRateGuard: widenedGuard(),
  });
  const sendThroughGate = (frame: ArrayBuffer) => gate.handleSend(channel, frame, trustedSender);
  await timeBatches(sendThroughGate, frames); // warm-up
  const gateRuns = await timeBatches(sendThroughGate, frames);
  if (counted !== 2 * batch * batches)
    throw new Error(`the gate admitted ${counted} frames, not all of them`);

  const rig = await createMainRig({
    endpoint: emulator.url,
    key: emulator.demoKey,
    // Pacing is the session's job at 1.25× real time; here frames must go straight through.
    sessionTuning: { replayRealTimeFactor: 1e6 },
    audioRateGuard: widenedGuard(),
  });
  let sessionRuns: number[];
  try {
    await rig.invoke('startSession');
    await timeBatches(rig.sendAudio, frames); // warm-up
    sessionRuns = await timeBatches(rig.sendAudio, frames);
    await sleep(200);
    await rig.invoke('stopSession');
  } finally {
    await rig.dispose();
  }

  const note = `median of ${batches} batches of ${batch} frames (640 bytes); guard widened`;
  return [
    {
      figure: 'IPC dispatcher per audio frame (gate only)',
      value: `${formatNumber(median(gateRuns), 2)} µs`,
      note: `sender check + validation + rate guard + counting handler; ${note}`,
      figures: { 'dispatcher.gateOnlyUsPerFrame': rounded(median(gateRuns), 3) },
    },
    {
      figure: 'IPC dispatcher per audio frame (gate + session)',
      value: `${formatNumber(median(sessionRuns), 2)} µs`,
      note: `real core handler, live session on the emulator (copy into audio log + SDK send); ${note}; ${inMemorySecretStoreNote}`,
      figures: { 'dispatcher.gateAndSessionUsPerFrame': rounded(median(sessionRuns), 3) },
    },
  ];
}
