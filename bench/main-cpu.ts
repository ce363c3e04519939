/**
 * Main's CPU per minute of live audio: process CPU time (process.cpuUsage: user + system, all
 * threads) over wall time, as a share of one core, for the real core behind the real
 * dispatcher (bench/lib/main-rig.ts) with the emulator in its own process (not counted).
 *  - idle: the core started, no session;
 *  - speaking: a live session fed one 20 ms frame every 20 ms of tone-code speech (the
 *    emulator answers with interims and finals, stored and fsynced as in the app).
 * This process also runs the loop that pushes the frames (a timer per frame), so the figure
 * is a slight overestimate. In the app, main also forwards each event to the window
 * (webContents.send), which is not included.
 */
import type { EmulatorProcess } from './lib/emulator-process';
import { rounded } from './lib/figures';
import { createMainRig, inMemorySecretStoreNote } from './lib/main-rig';
import { formatNumber, type Row, sleep } from './lib/stats';
import { frameMs, randomWords, toneUtterance } from './lib/tone-audio';
import { seededRandom } from '../test/support/seeded-random';

function cpuShareDuring(run: () => Promise<void>): Promise<number> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  return run().then(() => {
    const cpu = process.cpuUsage(cpuBefore);
    return (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
  });
}

export async function benchMainCpu(emulator: EmulatorProcess, options: { seconds: number }): Promise<Row[]> {
  const random = seededRandom(21);
  const frames: ArrayBuffer[] = [];
  while (frames.length * frameMs < options.seconds * 1000)
    frames.push(...toneUtterance(randomWords(random, 4, 10)).frames);
  let segments = 0;
  const rig = await createMainRig({
    endpoint: emulator.url,
    key: emulator.demoKey,
    onTranscript: (event) => {
      if (event.kind === 'segment') segments += 1;
    },
  });
  let idle: number;
  let speaking: number;
  try {
    idle = await cpuShareDuring(() => sleep(options.seconds * 1000));
    await rig.invoke('startSession');
    await sleep(300);
    speaking = await cpuShareDuring(async () => {
      const startedAt = performance.now();
      for (let index = 0; index < frames.length; index += 1) {
        const wait = startedAt + index * frameMs - performance.now();
        if (wait > 1) await sleep(wait);
        rig.sendAudio(frames[index] as ArrayBuffer);
      }
    });
    await rig.invoke('stopSession');
  } finally {
    await rig.dispose();
  }
  const note = `process.cpuUsage over ${options.seconds} s; ${inMemorySecretStoreNote}; the emulator runs in its own process`;
  return [
    {
      figure: 'main CPU idle',
      value: `${formatNumber(idle * 100, 2)}% of a core`,
      note: `core started, no session; ${note}`,
      figures: { 'cpu.main.idlePercentOfCore': rounded(idle * 100, 3) },
    },
    {
      figure: 'main CPU while speaking',
      value: `${formatNumber(speaking * 100, 2)}% of a core`,
      note: `live session, a 20 ms frame every 20 ms (tone-code speech, ${segments} segments back from the emulator); ${note}`,
      figures: { 'cpu.main.speakingPercentOfCore': rounded(speaking * 100, 3) },
    },
  ];
}
