import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { ConnectionFailure } from '../../../src/main/core/session/connection-failure';
import type { SessionTimers } from '../../../src/main/core/session/session-tuning';
import { createWaitingAudioService } from '../../../src/main/core/waiting-audio/waiting-audio-service';
import type {
  WaitingAudioChunk,
  WaitingAudioStore,
} from '../../../src/main/core/waiting-audio/waiting-audio-store';

const sessionId = '2026-03-01T09-00-00-000Z-0a1b2c';

/** Timers the test fires by hand. */
function heldTimers() {
  const due: Array<() => void> = [];
  const timers: SessionTimers = {
    setTimeout: (callback) => due.push(callback),
    clearTimeout: () => undefined,
  };
  return { timers, fireAll: () => due.splice(0).forEach((callback) => callback()) };
}

function oneChunkStore(): WaitingAudioStore {
  let chunks: WaitingAudioChunk[] = [{ sessionId, offsetBytes: 0, bytes: 64_000 }];
  return {
    keep: async () => 0,
    chunks: () => [...chunks],
    read: async (chunk) => new Uint8Array(chunk.bytes),
    trim: async (chunk, from) => {
      chunks = chunks.filter((other) => other !== chunk);
      if (from >= chunk.offsetBytes + chunk.bytes) return null;
      const rest = { sessionId, offsetBytes: from, bytes: chunk.offsetBytes + chunk.bytes - from };
      chunks.push(rest);
      return rest;
    },
    remove: async (chunk) => {
      chunks = chunks.filter((other) => other !== chunk);
    },
    waitingBytes: () => chunks.reduce((sum, chunk) => sum + chunk.bytes, 0),
    openJournal: () => {
      throw new Error('not used here');
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('waiting-audio service', () => {
  it('runs one transcription at a time, also while it pauses between quick retries', async () => {
    const clock = heldTimers();
    let inFlight = 0;
    let mostInFlight = 0;
    let calls = 0;
    const service = createWaitingAudioService({
      store: oneChunkStore(),
      transcripts: { appendLater: async () => undefined, get: async () => ({ segments: [] }) },
      transcribe: async (chunk) => {
        calls += 1;
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await settle();
        inFlight -= 1;
        // The first try is refused (a 503 after a cut); the second covers everything.
        if (calls === 1)
          throw new ConnectionFailure('connection-lost', 'Refused.', { retryable: true, status: 503 });
        return { segments: [], coveredUpTo: chunk.offsetBytes + chunk.bytes, complete: true, failure: null };
      },
      runningSessionId: () => null,
      emitStatus: () => undefined,
      emitSegments: () => undefined,
      log: createMemoryLogger(),
      timers: clock.timers,
    });
    service.runSoon();
    await settle();
    await settle();
    // Paused before its quick retry: news that Deepgram answers must not start a second loop.
    service.endpointAnswered();
    service.runSoon();
    service.transcribeNow(sessionId);
    await settle();
    expect(calls).toBe(1);
    clock.fireAll();
    for (let i = 0; i < 5; i += 1) await settle();
    expect(calls).toBe(2);
    expect(mostInFlight).toBe(1);
    expect(service.waitingSeconds(sessionId)).toBe(0);
  });
});
