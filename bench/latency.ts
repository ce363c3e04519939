/**
 * Main-side end-to-end latency: audio frames through the IPC dispatcher, the real core and
 * the real Deepgram SDK to the emulator (its own process) and back to main's transcript event.
 *
 * Two figures per mode:
 *  - speech end → final: from the moment the first frame after an utterance's last tone is
 *    pushed, to the final segment main emits. It includes the endpointing silence the
 *    emulator must hear before it finalizes (endpointing=300 ms, the app's default; the
 *    emulator applies max(endpointing, 300 ms)).
 *  - speech start → first interim: from the push of the first frame carrying a tone to the
 *    first interim segment. The emulator sends interims every 1 s of audio in an utterance,
 *    so at real time this is at least about 1 s by construction.
 * Modes: "real time" pushes one frame every 20 ms, as a microphone does, with the app's
 * default session tuning and rate guard. "burst" pushes each utterance at once (pacing and
 * guard widened), so the audio's own duration drops out and what is left is the pipeline.
 */
import { createAudioRateGuard } from '../src/main/ipc/audio-rate-guard';
import type { TranscriptSegment } from '../src/shared/transcript';
import type { EmulatorProcess } from './lib/emulator-process';
import { createMainRig, inMemorySecretStoreNote, type MainRig } from './lib/main-rig';
import { rounded } from './lib/figures';
import { formatNumber, median, percentile, type Row, sleep } from './lib/stats';
import { frameMs, randomWords, toneUtterance, type ToneUtterance } from './lib/tone-audio';
import { seededRandom } from '../test/support/seeded-random';

/** The app's default endpointing; the emulator applies max(endpointing, 300 ms). */
const endpointingMs = 300;
const interimEveryMs = 1000;

interface Seen {
  segment: TranscriptSegment;
  at: number;
}

interface Placed {
  utterance: ToneUtterance;
  /** Session position (frames) of the utterance's first frame. */
  offsetFrames: number;
  speechStartPushedAt: number;
  speechEndPushedAt: number;
}

function utteranceOf(placed: Placed[], segment: TranscriptSegment): Placed | undefined {
  const startFrame = (segment.start * 1000) / frameMs;
  return placed.find(
    (item) =>
      startFrame >= item.offsetFrames && startFrame < item.offsetFrames + item.utterance.frames.length,
  );
}

function measure(placed: Placed[], seen: Seen[], skip: number) {
  const finals: number[] = [];
  const interims: number[] = [];
  for (const item of placed.slice(skip)) {
    const mine = seen.filter((entry) => utteranceOf(placed, entry.segment) === item);
    const final = mine.find((entry) => entry.segment.isFinal && entry.segment.text !== '');
    const interim = mine.find((entry) => !entry.segment.isFinal && entry.segment.text !== '');
    if (final) finals.push(final.at - item.speechEndPushedAt);
    if (interim) interims.push(interim.at - item.speechStartPushedAt);
  }
  return { finals, interims };
}

async function withRig<T>(
  emulator: EmulatorProcess,
  burst: boolean,
  seen: Seen[],
  run: (rig: MainRig) => Promise<T>,
): Promise<T> {
  const rig = await createMainRig({
    endpoint: emulator.url,
    key: emulator.demoKey,
    ...(burst
      ? {
          sessionTuning: { replayRealTimeFactor: 1e6 },
          audioRateGuard: createAudioRateGuard({ maxRealTimeFactor: 1e6, burstSeconds: 1e6 }),
        }
      : {}),
    onTranscript: (event) => {
      if (event.kind === 'segment') seen.push({ segment: event.segment, at: performance.now() });
    },
  });
  try {
    await rig.invoke('startSession');
    const result = await run(rig);
    await rig.invoke('stopSession');
    return result;
  } finally {
    await rig.dispose();
  }
}

async function realTime(emulator: EmulatorProcess, utterances: ToneUtterance[]) {
  const seen: Seen[] = [];
  const placed: Placed[] = [];
  await withRig(emulator, false, seen, async (rig) => {
    const startedAt = performance.now();
    let position = 0;
    for (const utterance of utterances) {
      const item: Placed = {
        utterance,
        offsetFrames: position,
        speechStartPushedAt: 0,
        speechEndPushedAt: 0,
      };
      placed.push(item);
      for (let index = 0; index < utterance.frames.length; index += 1) {
        const wait = startedAt + (position + index) * frameMs - performance.now();
        if (wait > 1) await sleep(wait);
        rig.sendAudio(utterance.frames[index] as ArrayBuffer);
        if (index === utterance.speechStartFrame) item.speechStartPushedAt = performance.now();
        if (index === utterance.speechEndFrame) item.speechEndPushedAt = performance.now();
      }
      position += utterance.frames.length;
    }
    await sleep(500);
  });
  return measure(placed, seen, 1);
}

async function burst(emulator: EmulatorProcess, utterances: ToneUtterance[]) {
  const seen: Seen[] = [];
  const placed: Placed[] = [];
  await withRig(emulator, true, seen, async (rig) => {
    let position = 0;
    for (const utterance of utterances) {
      const item: Placed = {
        utterance,
        offsetFrames: position,
        speechStartPushedAt: 0,
        speechEndPushedAt: 0,
      };
      placed.push(item);
      utterance.frames.forEach((frame, index) => {
        rig.sendAudio(frame);
        if (index === utterance.speechStartFrame) item.speechStartPushedAt = performance.now();
        if (index === utterance.speechEndFrame) item.speechEndPushedAt = performance.now();
      });
      position += utterance.frames.length;
      const deadline = performance.now() + 5_000;
      while (
        performance.now() < deadline &&
        !seen.some((entry) => entry.segment.isFinal && utteranceOf(placed, entry.segment) === item)
      ) {
        await sleep(1);
      }
      await sleep(50);
    }
  });
  return measure(placed, seen, 2);
}

/**
 * At real time the audio clock sets a floor: the frame that completes 300 ms of silence is
 * pushed 280 ms after the first silent frame, and the one that completes 1 s of speech 980 ms
 * after the first tone frame. Burst mode has no such floor.
 */
const realTimeFloorMs = { final: endpointingMs - frameMs, interim: interimEveryMs - frameMs };

function rows(
  mode: 'real time' | 'burst',
  result: { finals: number[]; interims: number[] },
  attempted: number,
): Row[] {
  const describe = (values: number[]) =>
    `${formatNumber(median(values), 0)} ms (p95 ${formatNumber(percentile(values, 95), 0)})`;
  const floor = (ms: number) => (mode === 'real time' ? `; audio-clock floor ${ms} ms` : '');
  const name = mode === 'real time' ? 'e2e.realTime' : 'e2e.burst';
  const named = (figure: string, values: number[]) => ({
    [`${name}.${figure}.p50Ms`]: rounded(median(values), 1),
    [`${name}.${figure}.p95Ms`]: rounded(percentile(values, 95), 1),
  });
  return [
    {
      figure: `e2e ${mode}: speech end → final`,
      value: describe(result.finals),
      note:
        `median of ${result.finals.length}/${attempted} utterances; ` +
        (mode === 'real time'
          ? `includes the ${endpointingMs} ms endpointing silence${floor(realTimeFloorMs.final)}`
          : `the ${endpointingMs} ms endpointing silence arrives at once, so this is the pipeline alone`),
      figures: named('speechEndToFinal', result.finals),
    },
    {
      figure: `e2e ${mode}: speech start → first interim`,
      value: describe(result.interims),
      note:
        `median of ${result.interims.length}/${attempted}; the emulator sends an interim per 1 s of utterance audio` +
        floor(realTimeFloorMs.interim),
      figures: named('speechStartToInterim', result.interims),
    },
  ];
}

/** quick: a few utterances only, to prove the step runs (the bench-steps test). */
export async function benchLatency(emulator: EmulatorProcess, options = { quick: false }): Promise<Row[]> {
  const random = seededRandom(11);
  const make = (count: number) =>
    Array.from({ length: count }, () => toneUtterance(randomWords(random, 6, 8)));
  const realTimeUtterances = make(options.quick ? 3 : 11);
  const burstUtterances = make(options.quick ? 4 : 22);
  const live = await realTime(emulator, realTimeUtterances);
  const fast = await burst(emulator, burstUtterances);
  return [
    ...rows('real time', live, realTimeUtterances.length - 1),
    ...rows('burst', fast, burstUtterances.length - 2),
    {
      figure: 'e2e setup',
      value: '',
      note: `6–8-word tone-code utterances; dispatcher → core → @deepgram/sdk → emulator (child process) → main's transcript event; endpointing=${endpointingMs} (emulator: max(endpointing, 300 ms)), interim_results=true; ${inMemorySecretStoreNote}`,
    },
  ];
}
