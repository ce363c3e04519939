/**
 * The audio of an outage, written to disk as it is captured, so a crash (SIGKILL, power loss)
 * while Deepgram cannot be reached loses at most the last second. It is named like a kept file
 * with `.outage` added: the store adopts it at the next start like an interrupted write.
 * While the app runs it is deleted as soon as Deepgram has covered its audio, or the session
 * has ended (what then still waits is kept by the session itself).
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { errorName, type Logger } from '../logger';

/** Bytes written since the last sync that trigger the next one (1 s of audio). */
const syncEveryBytes = 32_000;

export interface AudioJournal {
  /** Session position just after the last byte written. */
  readonly endPosition: number;
  append(data: Uint8Array): void;
  /** Stops writing and removes the file. */
  discard(): Promise<void>;
}

/** Opens at once; the file is created by the first queued write, so no frame waits for it. */
export function openAudioJournal(path: string, startPosition: number, log: Logger): AudioJournal {
  let handle: FileHandle | null = null;
  let end = startPosition;
  let unsynced = 0;
  let closed = false;
  let failed = false;
  let writes: Promise<void> = Promise.resolve();

  const queue = (work: () => Promise<void>) => {
    writes = writes.then(work).catch((error: unknown) => {
      if (!failed) log.warn('could not write the outage journal', { errorName: errorName(error) });
      failed = true;
    });
  };
  queue(async () => {
    handle = await open(path, 'w', 0o600);
  });

  return {
    get endPosition() {
      return end;
    },
    append(data) {
      if (closed || failed || data.byteLength === 0) return;
      const copy = data.slice();
      end += copy.byteLength;
      unsynced += copy.byteLength;
      const sync = unsynced >= syncEveryBytes;
      if (sync) unsynced = 0;
      queue(async () => {
        if (failed || !handle) return;
        await handle.write(copy);
        if (sync) await handle.sync();
      });
    },
    async discard() {
      if (closed) return;
      closed = true;
      await writes;
      await handle?.close().catch(() => undefined);
      await unlink(path).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          log.warn('could not remove the outage journal', { errorName: errorName(error) });
        }
      });
    },
  };
}
