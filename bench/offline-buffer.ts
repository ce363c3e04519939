/**
 * Memory per minute of audio buffered while offline: a live session loses its connection and
 * every reconnection is refused (503), so frames pushed through the dispatcher stay in the
 * session's audio log. Main's heap plus external memory is read after a full GC before and
 * after each minute of audio. 16 kHz Int16 mono is 1.92 MB (10^6 bytes) per minute of raw audio.
 */
import { createAudioRateGuard } from '../src/main/ipc/audio-rate-guard';
import type { SessionState } from '../src/shared/session-state';
import type { EmulatorProcess } from './lib/emulator-process';
import { createMainRig, inMemorySecretStoreNote } from './lib/main-rig';
import { garbageCollector, sampleMemory } from './lib/memory';
import { rounded } from './lib/figures';
import { formatMB, median, megabyte, type Row, sleep } from './lib/stats';
import { frameMs, toneUtterance } from './lib/tone-audio';

/** quick: one minute of audio instead of four (the bench-steps test). */
export async function benchOfflineBuffer(
  emulator: EmulatorProcess,
  options = { quick: false },
): Promise<Row[]> {
  const minutes = options.quick ? 1 : 4;
  const gc = garbageCollector();
  const session: { phase: SessionState['phase'] } = { phase: 'idle' };
  const rig = await createMainRig({
    endpoint: emulator.url,
    key: emulator.demoKey,
    audioRateGuard: createAudioRateGuard({ maxRealTimeFactor: 1e6, burstSeconds: 1e6 }),
    onSessionState: (state) => {
      session.phase = state.phase;
    },
  });
  const frames = toneUtterance(['meeting', 'notes', 'action', 'item', 'next', 'week']).frames;
  const framesPerMinute = 60_000 / frameMs;
  const perMinute: number[] = [];
  const heapPerMinute: number[] = [];
  let buffered: number;
  try {
    await rig.invoke('startSession');
    await emulator.command({ type: 'refuse', count: 100_000, status: 503 });
    await emulator.command({ type: 'drop' });
    const deadline = Date.now() + 5_000;
    while (session.phase !== 'reconnecting' && Date.now() < deadline) await sleep(10);
    if (session.phase !== 'reconnecting') {
      throw new Error(`the session did not lose its connection (${session.phase})`);
    }

    let before = await sampleMemory('before', gc);
    for (let minute = 0; minute < minutes; minute += 1) {
      for (let index = 0; index < framesPerMinute; index += 1) {
        // A fresh buffer per frame, as each IPC message is.
        rig.sendAudio((frames[index % frames.length] as ArrayBuffer).slice(0));
      }
      const after = await sampleMemory(`minute ${minute + 1}`, gc);
      perMinute.push(after.heapUsed + after.external - (before.heapUsed + before.external));
      heapPerMinute.push(after.heapUsed - before.heapUsed);
      before = after;
    }
    buffered = (await rig.invoke('getSessionState')).bufferedAudioMs;
  } finally {
    await rig.dispose();
    await emulator.command({ type: 'reset-faults' });
  }
  return [
    {
      figure: 'memory per minute of offline audio',
      value: formatMB(median(perMinute), 2),
      note: `heapUsed+external growth per minute, median of ${minutes} minutes (raw audio: 1.92 MB/min; of the growth, JS heap ${formatMB(median(heapPerMinute), 2)}: one small object per 20 ms frame); session reported ${Math.round(buffered / 1000)} s buffered; ${inMemorySecretStoreNote}`,
      figures: { 'offlineBuffer.mbPerMinute': rounded(median(perMinute) / megabyte, 3) },
    },
  ];
}
