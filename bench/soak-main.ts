/**
 * Main's half of the soak: one long session through the real core (createEarshotCore, real
 * transcript store on disk, real log file, real @deepgram/sdk) against the emulator in its own
 * process, with tone-code audio pushed through the IPC dispatcher's send path faster than real
 * time. Simulated, and said so in the output:
 *  - time: audio is pushed at `speed` × real time, so an hour of audio takes minutes;
 *  - the dispatcher's rate guard (2× real time in the app) is the real guard widened to
 *    2 × speed, and the session's pacing (replayRealTimeFactor, 1.25 in the app) is raised to
 *    2 × speed, so the faster clock is applied consistently;
 *  - the keychain is an in-memory SecretStore.
 * Memory is sampled after a full GC at the start (after a warm-up) and every simulated
 * 10 minutes; the clock of the push schedule stops while a sample is taken.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { createAudioRateGuard } from '../src/main/ipc/audio-rate-guard';
import type { EmulatorProcess } from './lib/emulator-process';
import { createMainRig, inMemorySecretStoreNote } from './lib/main-rig';
import { garbageCollector, sampleMemory, type MemorySample } from './lib/memory';
import { sleep } from './lib/stats';
import { frameMs, normalizedWords, randomWords, toneUtterance, type ToneUtterance } from './lib/tone-audio';
import { seededRandom } from '../test/support/seeded-random';

export interface SoakMainOptions {
  speed: number;
  minutes: number;
  warmUpMinutes: number;
  sampleEveryMinutes: number;
  /** Simulated minutes (after the warm-up) at which every live connection is cut. */
  cutsAtMinutes: number[];
  seed: number;
}

export interface SoakMainResult {
  options: SoakMainOptions;
  samples: Array<MemorySample & { minute: number }>;
  wallSeconds: number;
  achievedSpeed: number;
  framesPushed: number;
  framesDroppedByGuard: number;
  cuts: number;
  reconnections: number;
  finals: number;
  interims: number;
  spokenWords: number;
  storedWords: number;
  transcriptMatches: boolean;
  firstMismatch: string | null;
  storedSegments: number;
  /** Garbage collection during the session (PerformanceObserver 'gc'). */
  gc: GcFigures;
  /** V8 flags set in this process at start (src/main/v8-flags.ts, or none). */
  v8Flags: string[];
  simulationNotes: string[];
}

export interface GcFigures {
  count: number;
  totalMs: number;
  longestMs: number;
  /** Scavenges (young generation). */
  minorCount: number;
  minorTotalMs: number;
}

/** Counts GC pauses from now until stop(), except those inside an excluded interval. */
function watchGc(): { exclude(from: number, to: number): void; stop(): GcFigures } {
  const figures: GcFigures = { count: 0, totalMs: 0, longestMs: 0, minorCount: 0, minorTotalMs: 0 };
  const excluded: Array<[number, number]> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (excluded.some(([from, to]) => entry.startTime >= from && entry.startTime <= to)) continue;
      figures.count += 1;
      figures.totalMs += entry.duration;
      figures.longestMs = Math.max(figures.longestMs, entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        figures.minorCount += 1;
        figures.minorTotalMs += entry.duration;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    exclude(from, to) {
      excluded.push([from, to]);
    },
    stop() {
      observer.disconnect();
      return figures;
    },
  };
}

/** The same seeded sequence of utterances every time it is asked for. */
function* utterances(seed: number): Generator<ToneUtterance> {
  const random = seededRandom(seed);
  for (;;) yield toneUtterance(randomWords(random, 2, 11));
}

export async function soakMain(
  emulator: EmulatorProcess,
  options: SoakMainOptions,
  v8Flags: string[] = [],
): Promise<SoakMainResult> {
  const gc = garbageCollector();
  const { speed } = options;
  const framesPerMinute = 60_000 / frameMs;
  const warmUpFrames = options.warmUpMinutes * framesPerMinute;
  const totalFrames = warmUpFrames + options.minutes * framesPerMinute;
  const sampleFrames = new Set(
    Array.from(
      { length: Math.floor(options.minutes / options.sampleEveryMinutes) + 1 },
      (_, index) => warmUpFrames + index * options.sampleEveryMinutes * framesPerMinute,
    ),
  );
  const cutFrames = new Set(options.cutsAtMinutes.map((minute) => warmUpFrames + minute * framesPerMinute));

  let finals = 0;
  let interims = 0;
  let reconnections = 0;
  // The app's guard: 2× real time with a 5 s burst. Scaled to the faster clock: 2 × speed,
  // and a burst of five wall-clock seconds of audio at that speed.
  const guard = createAudioRateGuard({ maxRealTimeFactor: 2 * speed, burstSeconds: 5 * speed });
  let lastPhase = 'idle';
  const rig = await createMainRig({
    endpoint: emulator.url,
    key: emulator.demoKey,
    sessionTuning: { replayRealTimeFactor: 2 * speed },
    audioRateGuard: guard,
    onTranscript: (event) => {
      if (event.kind !== 'segment') return;
      if (event.segment.isFinal) finals += 1;
      else interims += 1;
    },
    onSessionState: (state) => {
      if (state.phase === 'reconnecting' && lastPhase !== 'reconnecting') reconnections += 1;
      lastPhase = state.phase;
    },
  });

  const samples: SoakMainResult['samples'] = [];
  let pushed = 0;
  let cuts = 0;
  let pausedMs = 0;
  const source = utterances(options.seed);
  let current = source.next().value as ToneUtterance;
  let indexInUtterance = 0;
  let wallStarted: number;
  let sessionId: string | null;
  let gcWatch: ReturnType<typeof watchGc> | null = null;
  try {
    sessionId = (await rig.invoke('startSession')).sessionId;
    gcWatch = watchGc();
    wallStarted = performance.now();
    // Push until the hour is over and the utterance in progress is complete, so the
    // transcript can be compared word for word with what was spoken.
    while (pushed < totalFrames || indexInUtterance !== 0) {
      if (sampleFrames.has(pushed)) {
        const pauseStarted = performance.now();
        const minute = (pushed - warmUpFrames) / framesPerMinute;
        samples.push({ ...(await sampleMemory(`minute ${minute}`, gc)), minute });
        sampleFrames.delete(pushed);
        // The sample's forced full GCs are the bench's, not the app's.
        gcWatch.exclude(pauseStarted, performance.now());
        pausedMs += performance.now() - pauseStarted;
      }
      if (cutFrames.has(pushed)) {
        cutFrames.delete(pushed);
        await emulator.command({ type: 'drop' });
        cuts += 1;
      }
      const due = Math.floor(((performance.now() - wallStarted - pausedMs) * speed) / frameMs);
      if (pushed >= due) {
        await sleep(Math.max(1, ((pushed - due + 1) * frameMs) / speed));
        continue;
      }
      rig.sendAudio(current.frames[indexInUtterance] as ArrayBuffer);
      pushed += 1;
      indexInUtterance += 1;
      if (indexInUtterance === current.frames.length) {
        current = source.next().value as ToneUtterance;
        indexInUtterance = 0;
      }
      // Give sockets and timers a turn every few frames, as the IPC event loop would.
      if (pushed % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await rig.invoke('stopSession');
  } catch (error) {
    gcWatch?.stop();
    await rig.dispose();
    throw error;
  }
  const gcFigures = gcWatch.stop();
  const wallSeconds = (performance.now() - wallStarted - pausedMs) / 1000;

  // What was spoken (regenerated from the seed, after the last memory sample) against what
  // main stored on disk.
  const spoken: string[] = [];
  const replay = utterances(options.seed);
  for (let frames = 0; frames < pushed;) {
    const utterance = replay.next().value as ToneUtterance;
    spoken.push(...utterance.words);
    frames += utterance.frames.length;
  }
  const stored = sessionId ? await rig.invoke('getHistorySession', { id: sessionId }) : null;
  await rig.dispose();
  const storedWords = normalizedWords((stored?.segments ?? []).map((segment) => segment.text).join(' '));
  let firstMismatch: string | null = null;
  for (let index = 0; index < Math.max(spoken.length, storedWords.length); index += 1) {
    if (spoken[index] !== storedWords[index]) {
      firstMismatch = `word ${index}: spoken "${spoken[index] ?? '(end)'}", stored "${storedWords[index] ?? '(end)'}"`;
      break;
    }
  }

  return {
    options,
    samples,
    wallSeconds,
    achievedSpeed: (pushed * frameMs) / 1000 / wallSeconds,
    framesPushed: pushed,
    framesDroppedByGuard: guard.droppedFrames(),
    cuts,
    reconnections,
    finals,
    interims,
    spokenWords: spoken.length,
    storedWords: storedWords.length,
    transcriptMatches: firstMismatch === null,
    firstMismatch,
    storedSegments: stored?.segments.length ?? 0,
    gc: gcFigures,
    v8Flags,
    simulationNotes: [
      `audio pushed at ${speed}× real time through the dispatcher's send path`,
      `rate guard: the real guard widened from 2× real time with a 5 s burst to ${2 * speed}× with a ${5 * speed} s burst (the same, on a clock ${speed}× faster); session replay pacing ${2 * speed}× (app: 1.25×)`,
      inMemorySecretStoreNote,
      'emulator in its own process (not counted in main)',
      `V8 flags: ${v8Flags.length > 0 ? `${v8Flags.join(' ')} (src/main/v8-flags.ts), given on the soak process's command line so they hold from its start; the app sets them at run time in index.ts's first statement` : "none (V8's defaults)"}`,
    ],
  };
}
