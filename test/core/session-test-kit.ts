import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

export const frameMs = 20;
export const frameBytes = (16_000 * 2 * frameMs) / 1000;

/** Mono 16 kHz Int16 samples of a RIFF/WAVE file (the data chunk, whatever precedes it). */
export function readWavSamples(file: string): Int16Array {
  const bytes = readFileSync(file);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      const data = bytes.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

/** Real synthesized speech: espeak-ng, resampled by sox to 16 kHz mono 16-bit. */
export function synthesizeSpeech(text: string): Int16Array {
  const directory = mkdtempSync(path.join(tmpdir(), 'earshot-speech-'));
  try {
    const raw = path.join(directory, 'raw.wav');
    const converted = path.join(directory, 'speech.wav');
    execFileSync('espeak-ng', ['-w', raw, text]);
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', converted]);
    return readWavSamples(converted);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function silence(ms: number): Int16Array {
  return new Int16Array((16_000 * ms) / 1000);
}

export function concatSamples(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

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
}

export function createHarness(options: HarnessOptions) {
  const secrets = createSecretRegistry();
  secrets.add(options.key);
  const log = createMemoryLogger(secrets);
  const store = createMemoryTranscriptStore();
  const transcript: TranscriptEvent[] = [];
  const states: SessionState[] = [];
  const settings: Settings = { ...defaultSettings, endpoint: options.endpoint, ...options.settings };
  const controller = createSessionController({
    getSettings: () => settings,
    vault: {
      readKey: async () => options.key,
      capabilities: () => (options.capabilities === undefined ? memberCapabilities : options.capabilities),
      projectId: () => options.projectId ?? null,
    },
    transcriptStore: store,
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
  return { controller, store, transcript, states, secrets, log, settings, segments, finals, storedText };
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
