/**
 * Gets kept audio transcribed and merged into its session: on its own once Deepgram answers
 * again (at start, after any live connection opens, after a session ends, and on a slow
 * retry), or at once when the person presses Transcribe now. Words are merged at their
 * times, marked as transcribed later, and only where the session has no words already; then
 * the audio is deleted. One stretch at a time, never one of the running session.
 */
import type { WaitingAudioStatus } from '../../../shared/history';
import type { TranscriptSegment } from '../../../shared/transcript';
import { EarshotError } from '../../../shared/user-facing-error';
import { errorName, type Logger } from '../logger';
import { audioFormatFor } from '../session/audio-format';
import { ConnectionFailure, failureMessages } from '../session/connection-failure';
import type { SessionTimers } from '../session/session-tuning';
import type { LateTranscriptionResult } from './late-transcription';
import { mergeableSegments } from './merge-later-words';
import type { WaitingAudioChunk, WaitingAudioStore } from './waiting-audio-store';

export interface WaitingAudioServiceDeps {
  store: WaitingAudioStore;
  transcripts: {
    appendLater(id: string, segments: readonly TranscriptSegment[]): Promise<void>;
    get(id: string): Promise<{ segments: TranscriptSegment[] }>;
  };
  /** Transcribes one stretch with the current settings and a fresh credential. */
  transcribe: (
    chunk: WaitingAudioChunk,
    audio: Uint8Array,
    options: { finalizeEveryBytes: number | null; signal: { aborted: boolean } },
  ) => Promise<LateTranscriptionResult>;
  runningSessionId: () => string | null;
  emitStatus: (status: WaitingAudioStatus) => void;
  emitSegments: (sessionId: string, segments: readonly TranscriptSegment[]) => void;
  log: Logger;
  timers: SessionTimers;
}

export interface WaitingAudioService {
  /** Try soon, unless a try is running or the retry delay says not yet. */
  runSoon(): void;
  /** A live connection just opened: Deepgram answers again, so try now, retry delay or not. */
  endpointAnswered(): void;
  /** The person asked: try now, this session first. */
  transcribeNow(sessionId: string): WaitingAudioStatus;
  /** The person gave the audio up: it is deleted and never transcribed. */
  discard(sessionId: string): Promise<WaitingAudioStatus>;
  statusOf(sessionId: string): WaitingAudioStatus;
  waitingSeconds(sessionId: string): number;
  dispose(): void;
}

const retryDelaysMs = [30_000, 60_000, 120_000, 300_000, 600_000];
const quickRetriesMs = [250, 500, 1000, 2000];

/** Refused for now (busy, unreachable, cut): worth another try soon; a bad key or setting is not. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionFailure) return error.retryable;
  return !(error instanceof EarshotError);
}
/** A stretch whose connection died before any progress is then finalized every 500 ms (of its format). */
const stuckFinalizeBytes = (chunk: WaitingAudioChunk) => 500 * audioFormatFor(chunk.channels ?? 1).bytesPerMs;

function sentenceFor(error: unknown): string {
  if (error instanceof EarshotError) return error.userFacing.message;
  return 'Earshot could not transcribe the kept audio. It stays on disk and Earshot tries again later.';
}

export function createWaitingAudioService(deps: WaitingAudioServiceDeps): WaitingAudioService {
  const { store, log } = deps;
  /** The stretch being transcribed now (what the window is told), and whether a loop runs. */
  let running: { sessionId: string; signal: { aborted: boolean } } | null = null;
  let looping = false;
  let again = false;
  let preferred: string | null = null;
  let retryTimer: unknown = null;
  let failures = 0;
  let disposed = false;
  const problems = new Map<string, string>();
  const stuck = new Set<string>();
  const keyOf = (chunk: WaitingAudioChunk) => `${chunk.sessionId}.${chunk.offsetBytes}`;

  // Each stretch in its own format: a two-channel stretch holds half the seconds per byte.
  const waitingSeconds = (sessionId: string) => {
    const seconds = store
      .chunks()
      .filter((chunk) => chunk.sessionId === sessionId)
      .reduce((sum, chunk) => sum + audioFormatFor(chunk.channels ?? 1).bytesToSeconds(chunk.bytes), 0);
    return Math.round(seconds * 10) / 10;
  };

  function statusOf(sessionId: string): WaitingAudioStatus {
    return {
      sessionId,
      waitingAudioSeconds: waitingSeconds(sessionId),
      transcribing: running?.sessionId === sessionId,
      problem: problems.get(sessionId) ?? null,
    };
  }

  const emit = (sessionId: string) => deps.emitStatus(statusOf(sessionId));

  function nextChunk(): WaitingAudioChunk | null {
    const live = deps.runningSessionId();
    const candidates = store.chunks().filter((chunk) => chunk.sessionId !== live);
    return candidates.find((chunk) => chunk.sessionId === preferred) ?? candidates[0] ?? null;
  }

  async function transcribeOne(chunk: WaitingAudioChunk, signal: { aborted: boolean }): Promise<void> {
    const audio = await store.read(chunk);
    const result = await deps.transcribe(chunk, audio, {
      finalizeEveryBytes: stuck.has(keyOf(chunk)) ? stuckFinalizeBytes(chunk) : null,
      signal,
    });
    if (signal.aborted) return;
    const existing = (await deps.transcripts.get(chunk.sessionId)).segments;
    const later = mergeableSegments(existing, result.segments);
    if (later.length > 0) {
      await deps.transcripts.appendLater(chunk.sessionId, later);
      deps.emitSegments(chunk.sessionId, later);
    }
    const rest = await store.trim(chunk, result.coveredUpTo);
    if (rest !== null) {
      if (rest.offsetBytes === chunk.offsetBytes) stuck.add(keyOf(rest));
      else stuck.delete(keyOf(chunk));
    }
    log.info('kept audio transcribed', {
      sessionId: chunk.sessionId,
      segments: later.length,
      complete: result.complete,
      leftBytes: rest?.bytes ?? 0,
    });
    // A connection that died after some progress is followed at once by the next; one that
    // made none waits for the slow retry, so a broken endpoint is not hammered.
    const progressed = rest === null || rest.offsetBytes > chunk.offsetBytes;
    if (!progressed) {
      throw (
        result.failure ??
        new ConnectionFailure('connection-lost', failureMessages.connectionLost, { retryable: true })
      );
    }
  }

  const pause = (ms: number) => new Promise<void>((resolve) => deps.timers.setTimeout(resolve, ms));

  async function run(): Promise<void> {
    // An endpoint that refuses a handshake or two after each cut is tried again soon; one that
    // keeps refusing is left to the slow retry.
    let refusalsInARow = 0;
    for (let chunk = nextChunk(); chunk !== null && !disposed; chunk = nextChunk()) {
      const signal = { aborted: false };
      running = { sessionId: chunk.sessionId, signal };
      emit(chunk.sessionId);
      try {
        await transcribeOne(chunk, signal);
        problems.delete(chunk.sessionId);
        failures = 0;
        refusalsInARow = 0;
      } catch (error) {
        log.warn('could not transcribe kept audio yet', { errorName: errorName(error) });
        refusalsInARow += 1;
        if (isRetryable(error) && refusalsInARow <= quickRetriesMs.length) {
          running = null;
          await pause(quickRetriesMs[refusalsInARow - 1] as number);
          continue;
        }
        problems.set(chunk.sessionId, sentenceFor(error));
        running = null;
        emit(chunk.sessionId);
        scheduleRetry();
        return;
      } finally {
        running = null;
      }
      emit(chunk.sessionId);
    }
  }

  function scheduleRetry(): void {
    if (retryTimer !== null || disposed) return;
    const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)] as number;
    failures += 1;
    retryTimer = deps.timers.setTimeout(() => {
      retryTimer = null;
      start();
    }, delay);
  }

  function start(): void {
    if (disposed) return;
    // One loop at a time, also while it pauses between quick retries.
    if (looping) {
      again = true;
      return;
    }
    if (nextChunk() === null) return;
    looping = true;
    void run().finally(() => {
      looping = false;
      running = null;
      if (again) {
        again = false;
        start();
      }
    });
  }

  return {
    runSoon() {
      // A retry is already scheduled after a failure: the slow retry or a person decides when.
      if (retryTimer === null) start();
    },
    endpointAnswered() {
      if (retryTimer !== null) {
        deps.timers.clearTimeout(retryTimer);
        retryTimer = null;
      }
      start();
    },
    transcribeNow(sessionId) {
      preferred = sessionId;
      if (retryTimer !== null) {
        deps.timers.clearTimeout(retryTimer);
        retryTimer = null;
      }
      problems.delete(sessionId);
      start();
      return statusOf(sessionId);
    },
    async discard(sessionId) {
      if (running?.sessionId === sessionId) running.signal.aborted = true;
      for (const chunk of store.chunks()) {
        if (chunk.sessionId === sessionId) await store.remove(chunk);
      }
      problems.delete(sessionId);
      log.info('kept audio deleted by the person', { sessionId });
      const status = statusOf(sessionId);
      deps.emitStatus(status);
      return status;
    },
    statusOf,
    waitingSeconds,
    dispose() {
      disposed = true;
      if (running) running.signal.aborted = true;
      if (retryTimer !== null) deps.timers.clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
