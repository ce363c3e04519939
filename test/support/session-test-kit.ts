import type { KeyCapabilities } from '../../src/shared/key-status';
import type { SessionState } from '../../src/shared/session-state';
import { defaultSettings, type Settings } from '../../src/shared/settings';
import type { TranscriptEvent, TranscriptSegment } from '../../src/shared/transcript';
import { createMemoryLogger, createSecretRegistry } from '../../src/main/core/logger';
import {
  createSessionController,
  type SessionController,
  type SessionTranscriptStore,
  type SessionTuning,
} from '../../src/main/core/session';

export { concatSamples, readWavSamples, silence, synthesizeSpeech } from './speech-audio';

export const frameMs = 20;
export const frameBytes = (16_000 * 2 * frameMs) / 1000;

/** 20 ms frames as the renderer sends them (the last one padded with silence). */
export function toFrames(samples: Int16Array): ArrayBuffer[] {
  const perFrame = frameBytes / 2;
  const frames: ArrayBuffer[] = [];
  for (let start = 0; start < samples.length; start += perFrame) {
    const frame = new Int16Array(perFrame);
    frame.set(samples.subarray(start, Math.min(samples.length, start + perFrame)));
    frames.push(frame.buffer);
  }
  return frames;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pushes frames at `speed` × real time (1 = a live microphone), checking the clock rather
 * than trusting each timer, so a slow machine sends late but never out of order.
 */
export async function pushFrames(
  controller: SessionController,
  frames: ArrayBuffer[],
  speed = 1,
  onFrame?: (index: number) => void | Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  for (let index = 0; index < frames.length; index += 1) {
    const due = startedAt + (index * frameMs) / speed;
    const wait = due - Date.now();
    if (wait > 4) await sleep(wait);
    // Behind schedule, still let sockets (and the in-process emulator) run, as a real
    // microphone in another process would.
    else if (index % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.pushAudio(frames[index] as ArrayBuffer);
    if (onFrame) await onFrame(index);
  }
}

export interface MemoryTranscriptStore extends SessionTranscriptStore {
  sessions: Map<string, { startedAt: Date; endedAt: Date | null; segments: TranscriptSegment[] }>;
}

export function createMemoryTranscriptStore(): MemoryTranscriptStore {
  const sessions: MemoryTranscriptStore['sessions'] = new Map();
  return {
    sessions,
    async beginSession(id, startedAt) {
      sessions.set(id, { startedAt, endedAt: null, segments: [] });
    },
    async appendFinal(id, segment) {
      const record = sessions.get(id);
      if (!record) throw new Error(`appendFinal before beginSession for ${id}`);
      record.segments.push(structuredClone(segment));
    },
    async endSession(id, endedAt) {
      const record = sessions.get(id);
      if (!record) throw new Error(`endSession before beginSession for ${id}`);
      record.endedAt = endedAt;
    },
  };
}

/** The waiting-audio store as a session sees it, in memory, with a bound like the real one. */
export function createMemoryWaitingAudio(limitBytes = Number.POSITIVE_INFINITY) {
  const kept: Array<{ sessionId: string; offsetBytes: number; audio: Uint8Array }> = [];
  const total = () => kept.reduce((sum, entry) => sum + entry.audio.byteLength, 0);
  return {
    kept,
    async keep(sessionId: string, offsetBytes: number, frames: readonly Uint8Array[]): Promise<number> {
      const offered = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
      const room = Math.max(0, limitBytes - total());
      const bytes = Number.isFinite(room) ? Math.min(offered, room - (room % 2)) : offered;
      if (bytes <= 0) return 0;
      const audio = new Uint8Array(bytes);
      let at = 0;
      for (const frame of frames) {
        if (at >= bytes) break;
        const part = frame.subarray(0, bytes - at);
        audio.set(part, at);
        at += part.byteLength;
      }
      kept.push({ sessionId, offsetBytes, audio });
      return bytes;
    },
  };
}

export const memberCapabilities: KeyCapabilities = {
  scopes: ['member'],
  canMintTokens: true,
  canCreateKeys: true,
  canStream: true,
};

export interface HarnessOptions {
  endpoint: string;
  key: string;
  projectId?: string | null;
  capabilities?: KeyCapabilities | null;
  settings?: Partial<Settings>;
  tuning?: Partial<SessionTuning>;
  /** Bound of the in-memory waiting-audio store (bytes). */
  waitingAudioLimitBytes?: number;
  /** The session writes here instead of the in-memory store (e.g. the real SQLite store). */
  transcriptStore?: SessionTranscriptStore;
}

export function createHarness(options: HarnessOptions) {
  const secrets = createSecretRegistry();
  secrets.add(options.key);
  const log = createMemoryLogger(secrets);
  const store = createMemoryTranscriptStore();
  const waitingAudio = createMemoryWaitingAudio(options.waitingAudioLimitBytes);
  const transcript: TranscriptEvent[] = [];
  const states: SessionState[] = [];
  const settings: Settings = { ...defaultSettings, endpoint: options.endpoint, ...options.settings };
  const controller = createSessionController({
    getSettings: () => settings,
    vault: {
      readKeyFor: async () => options.key,
      capabilities: () => (options.capabilities === undefined ? memberCapabilities : options.capabilities),
      projectId: () => options.projectId ?? null,
    },
    transcriptStore: options.transcriptStore ?? store,
    waitingAudio,
    emitTranscript: (event) => transcript.push(event),
    emitState: (state) => states.push(state),
    secrets,
    log,
    tuning: { backoffBaseMs: 50, backoffCapMs: 400, ...options.tuning },
  });
  const segments = () =>
    transcript.flatMap((event) => (event.kind === 'segment' ? [{ ...event.segment, at: 0 }] : []));
  const finals = () => segments().filter((segment) => segment.isFinal && segment.text !== '');
  const storedText = () =>
    [...store.sessions.values()]
      .flatMap((record) => record.segments.map((segment) => segment.text))
      .join(' ');
  return {
    controller,
    store,
    waitingAudio,
    transcript,
    states,
    secrets,
    log,
    settings,
    segments,
    finals,
    storedText,
  };
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
