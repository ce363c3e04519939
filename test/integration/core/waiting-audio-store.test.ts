/**
 * The store of audio waiting to be transcribed, on real files in a temporary directory: what
 * it names and writes, its bound, trimming what was transcribed (the rest is on disk before
 * the whole goes), and what a crash leaves behind being found again at the next open.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import {
  openWaitingAudioStore,
  type WaitingAudioChunk,
  type WaitingAudioStore,
} from '../../../src/main/core/waiting-audio/waiting-audio-store';
import { formatSessionId } from '../../../src/shared/history';

const earlier = formatSessionId(new Date('2026-03-01T09:00:00.000Z'), '0a1b2c');
const later = formatSessionId(new Date('2026-03-02T10:30:00.000Z'), 'ffee01');

/** Bytes that say where they are, so a shifted or shortened copy never passes for the original. */
function audio(bytes: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length: bytes }, (_, index) => (index * 7 + seed) % 251);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

let directory: string;
let limitBytes: number;
let log: ReturnType<typeof createMemoryLogger>;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-waiting-audio-'));
  limitBytes = Number.MAX_SAFE_INTEGER;
  log = createMemoryLogger();
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const open = () => openWaitingAudioStore({ directory, limitBytes: () => limitBytes, log });
const fileBytes = async (name: string) => new Uint8Array(await readFile(join(directory, name)));
const names = async () => (await readdir(directory)).sort();

describe('keeping audio', () => {
  it('writes one file per stretch, named <session id>.<byte offset>.pcm, holding exactly the frames in order', async () => {
    const store = await open();
    const frames = [audio(640, 1), audio(640, 2), audio(320, 3)];
    expect(await store.keep(earlier, 64_000, frames)).toBe(1600);

    expect(await names()).toEqual([`${earlier}.64000.pcm`]);
    expect(await fileBytes(`${earlier}.64000.pcm`)).toEqual(concat(...frames));
    expect(store.chunks()).toEqual([{ sessionId: earlier, offsetBytes: 64_000, bytes: 1600 }]);
    expect(await store.read(store.chunks()[0] as WaitingAudioChunk)).toEqual(concat(...frames));
  });

  it.skipIf(process.platform === 'win32')(
    'keeps the audio private: the directory is 0700 and each file 0600 (POSIX permissions; not on Windows)',
    async () => {
      const store = await open();
      await store.keep(earlier, 0, [audio(640)]);
      expect((await stat(directory)).mode & 0o777).toBe(0o700);
      expect((await stat(join(directory, `${earlier}.0.pcm`))).mode & 0o777).toBe(0o600);
    },
  );

  it('at its bound keeps the oldest part of what is offered, in whole samples, and says how much', async () => {
    limitBytes = 2001;
    const store = await open();
    expect(await store.keep(earlier, 0, [audio(1200, 1)])).toBe(1200);
    // 801 bytes of room: 800 (whole samples) of the oldest audio offered are kept.
    const offered = [audio(500, 2), audio(500, 3)];
    expect(await store.keep(earlier, 1200, offered)).toBe(800);
    expect(await fileBytes(`${earlier}.1200.pcm`)).toEqual(concat(...offered).subarray(0, 800));
    // Full: nothing is kept and no file is made.
    expect(await store.keep(later, 0, [audio(640, 4)])).toBe(0);
    expect(await names()).toEqual([`${earlier}.0.pcm`, `${earlier}.1200.pcm`]);
    expect(store.waitingBytes(later)).toBe(0);

    // The setting is read at every write: a larger bound makes room at once.
    limitBytes = 2640;
    expect(await store.keep(later, 0, [audio(640, 4)])).toBe(640);
  });

  it('counts waiting bytes per session and lists the oldest session first, then by position', async () => {
    const store = await open();
    await store.keep(later, 3200, [audio(640)]);
    await store.keep(earlier, 9600, [audio(320)]);
    await store.keep(later, 0, [audio(960)]);
    await store.keep(earlier, 640, [audio(1280)]);

    expect(store.waitingBytes(earlier)).toBe(1600);
    expect(store.waitingBytes(later)).toBe(1600);
    expect(store.waitingBytes(formatSessionId(new Date('2026-03-03T00:00:00.000Z'), '000000'))).toBe(0);
    const order = store.chunks().map((chunk) => [chunk.sessionId, chunk.offsetBytes]);
    expect(order).toEqual([
      [earlier, 640],
      [earlier, 9600],
      [later, 0],
      [later, 3200],
    ]);
    // A new start finds the same, from the files alone.
    const reopened = await open();
    expect(reopened.chunks()).toEqual(store.chunks());
    expect(reopened.waitingBytes(earlier)).toBe(1600);
  });
});

describe('trimming what was transcribed', () => {
  const whole = audio(4000, 9);
  let store: WaitingAudioStore;
  let chunk: WaitingAudioChunk;
  beforeEach(async () => {
    store = await open();
    await store.keep(earlier, 32_000, [whole]);
    chunk = store.chunks()[0] as WaitingAudioChunk;
  });

  it('keeps only the rest, in a file named by where the rest starts, and removes the whole', async () => {
    const rest = await store.trim(chunk, 32_000 + 1500);
    expect(rest).toEqual({ sessionId: earlier, offsetBytes: 33_500, bytes: 2500 });
    expect(await names()).toEqual([`${earlier}.33500.pcm`]);
    expect(await fileBytes(`${earlier}.33500.pcm`)).toEqual(whole.subarray(1500));
    expect(store.chunks()).toEqual([rest]);
    expect(store.waitingBytes(earlier)).toBe(2500);
  });

  it('cuts at a whole sample: an odd position keeps the half sample with the rest', async () => {
    const rest = await store.trim(chunk, 32_000 + 1501);
    expect(rest).toEqual({ sessionId: earlier, offsetBytes: 33_500, bytes: 2500 });
  });

  it('keeps the chunk as it is when nothing of it was transcribed', async () => {
    expect(await store.trim(chunk, 32_000)).toEqual(chunk);
    expect(await store.trim(chunk, 0)).toEqual(chunk);
    expect(await names()).toEqual([`${earlier}.32000.pcm`]);
    expect(await fileBytes(`${earlier}.32000.pcm`)).toEqual(whole);
  });

  it('removes the chunk when all of it was transcribed', async () => {
    expect(await store.trim(chunk, 32_000 + 4000)).toBeNull();
    expect(await names()).toEqual([]);
    expect(store.chunks()).toEqual([]);
    expect(store.waitingBytes(earlier)).toBe(0);
  });

  it('has the rest on disk before the whole is removed, so a crash in between keeps both, never neither', async () => {
    // Removing the whole fails, as a crash at that moment would leave things.
    const onDiskWhenRemoving: string[][] = [];
    store.remove = async () => {
      onDiskWhenRemoving.push(await names());
      throw new Error('crashed before the whole was removed');
    };
    await expect(store.trim(chunk, 32_000 + 1000)).rejects.toThrow('crashed');
    expect(onDiskWhenRemoving).toEqual([[`${earlier}.32000.pcm`, `${earlier}.33000.pcm`]]);

    const reopened = await open();
    expect(reopened.chunks()).toEqual([
      { sessionId: earlier, offsetBytes: 32_000, bytes: 4000 },
      { sessionId: earlier, offsetBytes: 33_000, bytes: 3000 },
    ]);
    expect(await reopened.read(reopened.chunks()[0] as WaitingAudioChunk)).toEqual(whole);
    expect(await reopened.read(reopened.chunks()[1] as WaitingAudioChunk)).toEqual(whole.subarray(1000));
  });

  it('removing a chunk whose file is already gone still takes it off the list', async () => {
    await rm(join(directory, `${earlier}.32000.pcm`));
    await store.remove(chunk);
    expect(store.chunks()).toEqual([]);
  });
});

describe('what a crash leaves behind, found at the next open', () => {
  it('adopts a file cut off mid-write: its whole samples are audio, the odd byte is cut', async () => {
    const written = audio(1001, 5);
    await writeFile(join(directory, `${earlier}.6400.pcm.partial`), written);

    const store = await open();
    expect(store.chunks()).toEqual([{ sessionId: earlier, offsetBytes: 6400, bytes: 1000 }]);
    expect(await names()).toEqual([`${earlier}.6400.pcm`]);
    expect(await fileBytes(`${earlier}.6400.pcm`)).toEqual(written.subarray(0, 1000));
    expect(log.lines.join('\n')).toContain('kept audio from an interrupted write');
  });

  it("adopts an outage's journal, and of two files with the same start keeps the longer", async () => {
    const journal = audio(3200, 9);
    await writeFile(join(directory, `${earlier}.640.pcm.outage`), journal);
    // Kept the ordinary way before the crash, from the same start but shorter.
    await writeFile(join(directory, `${later}.0.pcm`), audio(640, 1));
    await writeFile(join(directory, `${later}.0.pcm.outage`), audio(1280, 2));
    await writeFile(join(directory, `${later}.6400.pcm`), audio(1280, 3));
    await writeFile(join(directory, `${later}.6400.pcm.outage`), audio(640, 4));

    const store = await open();
    expect(store.chunks()).toEqual([
      { sessionId: earlier, offsetBytes: 640, bytes: 3200 },
      { sessionId: later, offsetBytes: 0, bytes: 1280 },
      { sessionId: later, offsetBytes: 6400, bytes: 1280 },
    ]);
    expect(await fileBytes(`${earlier}.640.pcm`)).toEqual(journal);
    expect(await fileBytes(`${later}.0.pcm`)).toEqual(audio(1280, 2));
    expect(await fileBytes(`${later}.6400.pcm`)).toEqual(audio(1280, 3));
    expect(await names()).toEqual([`${earlier}.640.pcm`, `${later}.0.pcm`, `${later}.6400.pcm`]);
  });

  it('writes a journal as the audio comes and removes it when asked', async () => {
    const store = await open();
    const journal = store.openJournal(earlier, 640);
    journal.append(audio(640, 1));
    journal.append(audio(640, 2));
    expect(journal.endPosition).toBe(640 + 1280);
    await journal.discard();
    expect(await names()).toEqual([]);
    // Nothing written after the discard.
    journal.append(audio(640, 3));
    expect(await names()).toEqual([]);
    expect(store.chunks()).toEqual([]);
  });

  it('removes a file cut off before its first whole sample', async () => {
    await writeFile(join(directory, `${earlier}.0.pcm.partial`), new Uint8Array(0));
    await writeFile(join(directory, `${later}.640.pcm.partial`), new Uint8Array([7]));

    const store = await open();
    expect(store.chunks()).toEqual([]);
    expect(await names()).toEqual([]);
  });

  it('leaves files whose names are not its own alone, and does not list them', async () => {
    const foreign = [
      'notes.txt',
      'notes.txt.partial',
      'not-a-session.0.pcm',
      `${earlier}.pcm`,
      `${earlier}.3.pcm`,
      `${earlier}.640.wav`,
      `${earlier}.-640.pcm`,
      `${earlier}.640.pcm.bak`,
    ];
    for (const name of foreign) await writeFile(join(directory, name), audio(640));
    await writeFile(join(directory, `${later}.0.pcm`), audio(640));

    const store = await open();
    expect(store.chunks()).toEqual([{ sessionId: later, offsetBytes: 0, bytes: 640 }]);
    expect(await names()).toEqual([...foreign, `${later}.0.pcm`].sort());
  });

  it('lists no empty file', async () => {
    await writeFile(join(directory, `${earlier}.0.pcm`), new Uint8Array(0));
    const store = await open();
    expect(store.chunks()).toEqual([]);
    expect(store.waitingBytes(earlier)).toBe(0);
  });
});
