/**
 * Audio a session could not get transcribed in time (Deepgram unreachable at Stop, or the
 * in-memory buffer full during a long outage), kept on disk until it is transcribed or the
 * person deletes it. One raw linear16 file per stretch of audio, named by its session, its
 * position on that session's audio timeline and, for two-channel audio ("both"), its channel
 * count: `<session id>.<byte offset>.pcm` (mono) or `<session id>.<byte offset>.2ch.pcm`, so a
 * late transcription sends the query the audio was recorded for. A file is
 * written under a temporary name, synced, then renamed, so a listed file is always whole; a
 * temporary file found at start (a crash mid-write) still holds audio and is kept too.
 */
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isSessionId } from '../../../shared/history';
import { errorName, type Logger } from '../logger';
import type { AudioChannelCount } from '../session/audio-format';
import { syncDirectory } from '../sync-directory';
import { openAudioJournal, type AudioJournal } from './audio-journal';

export interface WaitingAudioChunk {
  sessionId: string;
  /** Position of the first byte on the session's audio timeline. */
  offsetBytes: number;
  bytes: number;
  /** Interleaved channels of its linear16 (the session's format when it was kept); absent is mono. */
  channels?: AudioChannelCount;
}

export interface WaitingAudioStore {
  /**
   * Keeps the frames (contiguous, starting at offsetBytes) on disk. Resolves with how many
   * bytes were kept: fewer when the store's bound is reached, the newest audio going first.
   */
  keep(
    sessionId: string,
    offsetBytes: number,
    frames: readonly Uint8Array[],
    channels?: AudioChannelCount,
  ): Promise<number>;
  /** Oldest session first, then by position. */
  chunks(): WaitingAudioChunk[];
  read(chunk: WaitingAudioChunk): Promise<Uint8Array>;
  /** The audio before `fromOffsetBytes` was transcribed: keep only the rest (or nothing). */
  trim(chunk: WaitingAudioChunk, fromOffsetBytes: number): Promise<WaitingAudioChunk | null>;
  remove(chunk: WaitingAudioChunk): Promise<void>;
  waitingBytes(sessionId: string): number;
  /** Starts writing an outage's audio as it comes (adopted at the next start after a crash). */
  openJournal(sessionId: string, offsetBytes: number, channels?: AudioChannelCount): AudioJournal;
}

type ChunkName = Pick<WaitingAudioChunk, 'sessionId' | 'offsetBytes'> & { channels: AudioChannelCount };

const extension = '.pcm';
const partialSuffix = '.partial';
/** An outage's audio written as it comes (audio-journal.ts); adopted at start after a crash. */
const journalSuffix = '.outage';
const namePattern = /^(.+)\.([0-9]{1,15})(\.2ch)?\.pcm$/;

/** Bytes of one sample of every channel: no file, offset or trim splits one. */
const sampleFrameBytes = (channels: AudioChannelCount) => 2 * channels;
const wholeSampleFrames = (bytes: number, channels: AudioChannelCount) =>
  bytes - (bytes % sampleFrameBytes(channels));

function fileName(chunk: WaitingAudioChunk | ChunkName): string {
  return `${chunk.sessionId}.${chunk.offsetBytes}${chunk.channels === 2 ? '.2ch' : ''}${extension}`;
}

function parseName(name: string): ChunkName | null {
  const match = namePattern.exec(name);
  if (!match || !isSessionId(match[1])) return null;
  const offsetBytes = Number(match[2]);
  const channels: AudioChannelCount = match[3] ? 2 : 1;
  return Number.isSafeInteger(offsetBytes) && offsetBytes % sampleFrameBytes(channels) === 0
    ? { sessionId: match[1] as string, offsetBytes, channels }
    : null;
}

/** Mono chunks carry no `channels` (as before two-channel audio existed). */
function chunkOf(name: ChunkName, bytes: number): WaitingAudioChunk {
  const { sessionId, offsetBytes, channels } = name;
  return channels === 2 ? { sessionId, offsetBytes, bytes, channels } : { sessionId, offsetBytes, bytes };
}

const sameChunk = (a: WaitingAudioChunk, b: WaitingAudioChunk) =>
  a.sessionId === b.sessionId && a.offsetBytes === b.offsetBytes && (a.channels ?? 1) === (b.channels ?? 1);

export async function openWaitingAudioStore(deps: {
  directory: string;
  /**
   * The bound as bytes of mono audio, read at every write so a changed setting applies at
   * once. It bounds time: a two-channel file counts half its bytes, so "60 minutes" keeps 60
   * minutes of either.
   */
  limitBytes: () => number;
  log: Logger;
}): Promise<WaitingAudioStore> {
  const { directory, log } = deps;
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const pathOf = (chunk: WaitingAudioChunk | ChunkName) => join(directory, fileName(chunk));
  let index: WaitingAudioChunk[] = [];

  /** Whole-sample length, written under a temporary name, synced, renamed, directory synced. */
  async function writeDurably(chunk: WaitingAudioChunk, frames: readonly Uint8Array[]): Promise<void> {
    const path = pathOf(chunk);
    const temporary = `${path}${partialSuffix}`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      let left = chunk.bytes;
      for (const frame of frames) {
        if (left <= 0) break;
        const part = frame.byteLength <= left ? frame : frame.subarray(0, left);
        await handle.write(part);
        left -= part.byteLength;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    await syncDirectory(directory);
  }

  /**
   * A crash mid-write leaves a temporary file, and a crash mid-outage leaves the outage's
   * journal: their whole samples are audio all the same. When a kept file of the same start
   * exists too, the longer of the two stays (both begin with the same audio).
   */
  async function adoptPartial(name: string, suffix: string): Promise<void> {
    const finalName = name.slice(0, -suffix.length);
    // Not a name this store writes: not its file to adopt or delete.
    const parsed = parseName(finalName);
    if (!parsed) return;
    const path = join(directory, name);
    const { size } = await stat(path);
    const wholeSamples = wholeSampleFrames(size, parsed.channels);
    if (wholeSamples === 0) {
      await unlink(path);
      return;
    }
    if (wholeSamples !== size) {
      const handle = await open(path, 'r+');
      try {
        await handle.truncate(wholeSamples);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const existing = await stat(join(directory, finalName)).catch(() => null);
    if (existing && existing.size >= wholeSamples) {
      await unlink(path);
      return;
    }
    await rename(path, join(directory, finalName));
    log.warn('kept audio from an interrupted write', { bytes: wholeSamples });
  }

  async function load(): Promise<void> {
    for (const name of await readdir(directory)) {
      const suffix = [partialSuffix, journalSuffix].find((ending) => name.endsWith(ending));
      if (suffix) {
        await adoptPartial(name, suffix).catch((error: unknown) =>
          log.error('could not recover waiting audio', { errorName: errorName(error) }),
        );
      }
    }
    const found: WaitingAudioChunk[] = [];
    for (const name of await readdir(directory)) {
      const parsed = parseName(name);
      if (!parsed) continue;
      const { size } = await stat(join(directory, name));
      const bytes = wholeSampleFrames(size, parsed.channels);
      if (bytes > 0) found.push(chunkOf(parsed, bytes));
    }
    index = found.sort((a, b) =>
      a.sessionId === b.sessionId ? a.offsetBytes - b.offsetBytes : a.sessionId < b.sessionId ? -1 : 1,
    );
  }

  const totalBytes = () => index.reduce((sum, chunk) => sum + chunk.bytes, 0);
  /** What is kept, as the bytes the same time of mono audio takes (what limitBytes bounds). */
  const totalMonoBytes = () => index.reduce((sum, chunk) => sum + chunk.bytes / (chunk.channels ?? 1), 0);

  function add(chunk: WaitingAudioChunk): void {
    index = [...index.filter((other) => !sameChunk(other, chunk)), chunk].sort((a, b) =>
      a.sessionId === b.sessionId ? a.offsetBytes - b.offsetBytes : a.sessionId < b.sessionId ? -1 : 1,
    );
  }

  await load();
  if (index.length > 0)
    log.info('audio waiting to be transcribed', { chunks: index.length, bytes: totalBytes() });

  const store: WaitingAudioStore = {
    async keep(sessionId, offsetBytes, frames, channels = 1) {
      const offered = frames.reduce((sum, frame) => sum + frame.byteLength, 0);
      const room = Math.max(0, (deps.limitBytes() - totalMonoBytes()) * channels);
      const bytes = wholeSampleFrames(Math.min(offered, room), channels);
      if (bytes <= 0) return 0;
      const chunk = chunkOf({ sessionId, offsetBytes, channels }, bytes);
      await writeDurably(chunk, frames);
      add(chunk);
      return bytes;
    },

    chunks: () => [...index],

    async read(chunk) {
      const data = await readFile(pathOf(chunk));
      return new Uint8Array(data.buffer, data.byteOffset, chunk.bytes);
    },

    async trim(chunk, fromOffsetBytes) {
      const skip = Math.min(chunk.bytes, Math.max(0, fromOffsetBytes - chunk.offsetBytes));
      const aligned = wholeSampleFrames(skip, chunk.channels ?? 1);
      if (aligned === 0) return chunk;
      if (aligned >= chunk.bytes) {
        await store.remove(chunk);
        return null;
      }
      const rest = chunkOf(
        {
          sessionId: chunk.sessionId,
          offsetBytes: chunk.offsetBytes + aligned,
          channels: chunk.channels ?? 1,
        },
        chunk.bytes - aligned,
      );
      // The rest is on disk before the whole goes: a crash in between keeps both, never neither.
      await writeDurably(rest, [(await store.read(chunk)).subarray(aligned)]);
      add(rest);
      await store.remove(chunk);
      return rest;
    },

    async remove(chunk) {
      try {
        await unlink(pathOf(chunk));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      index = index.filter((other) => !sameChunk(other, chunk));
      await syncDirectory(directory);
    },

    openJournal: (sessionId, offsetBytes, channels = 1) =>
      openAudioJournal(`${pathOf({ sessionId, offsetBytes, channels })}${journalSuffix}`, offsetBytes, log),

    waitingBytes: (sessionId) =>
      index.filter((chunk) => chunk.sessionId === sessionId).reduce((sum, chunk) => sum + chunk.bytes, 0),
  };
  return store;
}
