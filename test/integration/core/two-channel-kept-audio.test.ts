/**
 * Kept audio of a "both" session: its files record that they hold two channels, stay on whole
 * 4-byte sample frames (kept, trimmed, adopted after a crash), and late transcription sends
 * multichannel=true&channels=2 and places each channel's words, labelled by channel, at the
 * right session times (a two-channel byte is half a mono byte's time).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { twoChannelAudioFormat } from '../../../src/main/core/session/audio-format';
import { openListenConnection } from '../../../src/main/core/session/listen-connection';
import { listenQueryFromSettings } from '../../../src/main/core/session/listen-query';
import { transcribeStretch } from '../../../src/main/core/waiting-audio/late-transcription';
import { openWaitingAudioStore } from '../../../src/main/core/waiting-audio/waiting-audio-store';
import { formatSessionId } from '../../../src/shared/history';
import { defaultSettings } from '../../../src/shared/settings';

const sessionId = formatSessionId(new Date('2026-12-01T09:00:00Z'), 'b07b07');

function interleave(left: Int16Array, right: Int16Array): Uint8Array {
  const length = Math.max(left.length, right.length);
  const out = new Int16Array(length * 2);
  for (let index = 0; index < length; index += 1) {
    out[index * 2] = left[index] ?? 0;
    out[index * 2 + 1] = right[index] ?? 0;
  }
  return new Uint8Array(out.buffer);
}

describe('the waiting-audio store with two-channel audio', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'earshot-2ch-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  const open = () =>
    openWaitingAudioStore({ directory, limitBytes: () => 1_000_000, log: createMemoryLogger() });

  it('names the file .2ch, keeps whole sample frames, trims on them, and reads the channel count back', async () => {
    const store = await open();
    // 4 002 bytes: the last 2 would be half a sample frame.
    const kept = await store.keep(sessionId, 64_000, [new Uint8Array(4000), new Uint8Array(2)], 2);
    expect(kept).toBe(4000);
    expect(await readdir(directory)).toEqual([`${sessionId}.64000.2ch.pcm`]);
    await store.keep(sessionId, 0, [new Uint8Array(640)]);
    const reopened = await open();
    expect(reopened.chunks()).toEqual([
      { sessionId, offsetBytes: 0, bytes: 640 },
      { sessionId, offsetBytes: 64_000, bytes: 4000, channels: 2 },
    ]);
    const rest = await reopened.trim(reopened.chunks()[1]!, 64_006);
    expect(rest).toEqual({ sessionId, offsetBytes: 64_004, bytes: 3996, channels: 2 });
    expect((await readdir(directory)).sort()).toEqual([`${sessionId}.0.pcm`, `${sessionId}.64004.2ch.pcm`]);
  });

  it('bounds time, not bytes: under a bound of 1 s of mono audio it keeps 1 s of two-channel audio', async () => {
    const oneSecondMono = 32_000;
    const store = await openWaitingAudioStore({
      directory,
      limitBytes: () => oneSecondMono,
      log: createMemoryLogger(),
    });
    // Two seconds of two-channel audio offered (128 000 bytes): the first second (64 000) is kept.
    expect(await store.keep(sessionId, 0, [new Uint8Array(128_000)], 2)).toBe(64_000);
    // Full: neither format finds room.
    expect(await store.keep(sessionId, 64_000, [new Uint8Array(4)], 2)).toBe(0);
    expect(await store.keep(sessionId, 200_000, [new Uint8Array(2)])).toBe(0);
  });

  it('adopts an outage journal left by a crash in whole two-channel sample frames', async () => {
    const store = await open();
    const journal = store.openJournal(sessionId, 128_000, 2);
    // 10 bytes: two whole sample frames and half of one, as a crash mid-write would leave.
    journal.append(new Uint8Array(10));
    const name = `${sessionId}.128000.2ch.pcm.outage`;
    await vi.waitFor(async () => expect(await readdir(directory)).toContain(name));
    await vi.waitFor(async () => expect((await stat(join(directory, name))).size).toBe(10));
    const reopened = await open();
    expect(reopened.chunks()).toEqual([{ sessionId, offsetBytes: 128_000, bytes: 8, channels: 2 }]);
  });
});

describe('late transcription of two-channel audio against the emulator (tone-code)', () => {
  let emulator: DeepgramEmulator;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('asks for two channels and gives each channel its own words, times and ids', async () => {
    const you = synthesizeToneCode([['alpha', 'bravo']]);
    const others = synthesizeToneCode([['delta', 'echo', 'golf']]);
    const audio = interleave(you, others);
    const offsetBytes = 64_000; // one second into the session, in two-channel bytes
    const log = createMemoryLogger();
    const query = listenQueryFromSettings(defaultSettings, twoChannelAudioFormat);
    const result = await transcribeStretch(
      sessionId,
      offsetBytes,
      audio,
      { finalizeEveryBytes: null, signal: { aborted: false }, format: twoChannelAudioFormat },
      {
        connect: (handlers) =>
          openListenConnection({
            endpoint: emulator.url,
            query,
            auth: { scheme: 'token', secret: emulator.demoKey },
            handlers,
            connectTimeoutMs: 5000,
            log,
          }),
        timers: {
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (h) => clearTimeout(h as never),
        },
        now: Date.now,
        replayRealTimeFactor: 50,
        closeTimeoutMs: 5000,
      },
    );
    expect(result.complete).toBe(true);
    expect(result.coveredUpTo).toBe(offsetBytes + audio.byteLength);
    const wordsOf = (channel: number) =>
      result.segments.filter((segment) => segment.channel === channel).flatMap((segment) => segment.words);
    expect(wordsOf(0).map((word) => word.word)).toEqual(['alpha', 'bravo']);
    expect(wordsOf(1).map((word) => word.word)).toEqual(['delta', 'echo', 'golf']);
    // 200 ms of lead-in after the 1 s offset (2 s if the bytes were counted as mono).
    expect(wordsOf(0)[0]!.start).toBeCloseTo(1.2, 1);
    expect(wordsOf(1)[0]!.start).toBeCloseTo(1.2, 1);
    const ids = result.segments.map((segment) => segment.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith(`${sessionId}-later${offsetBytes}-c`))).toBe(true);
    const recorded = emulator.recorder.connections.at(-1)!;
    expect(recorded.query).toMatchObject({ channels: '2', multichannel: 'true' });
  });
});
