/**
 * Writes transcript files in the JSON-lines format Earshot used before its SQLite store (see
 * src/main/core/transcript-store/transcript-file.ts, which now only reads it, for migration).
 * For tests only: the legacy store in legacy-jsonl-store.ts writes with these, so migration tests
 * start from files exactly as earlier versions left them.
 */
import type { TranscriptSegment } from '../../src/shared/transcript';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from '../../src/main/core/sync-directory';

/**
 * An append-only file where each append is on disk (fsync) before its promise resolves.
 * Appends run one at a time. A failed append is cut back off the file, so the next line
 * starts on a clean line instead of continuing a half-written one.
 */
export class DurableAppendFile {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  /** Creates the file (it must not exist) with its first content, and makes its name durable too. */
  static async create(path: string, firstContent: string): Promise<DurableAppendFile> {
    const handle = await open(path, 'wx', 0o600);
    const file = new DurableAppendFile(handle, 0);
    try {
      await file.append(firstContent);
      await syncDirectory(dirname(path));
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return file;
  }

  /**
   * Opens an existing file for appending, first cutting off a torn last line after
   * `completeBytes`. Before anything is cut, the whole file as found is copied to
   * `copyBeforeCutting` and that copy is on disk; if the copy fails, nothing is cut.
   */
  static async reopen(
    path: string,
    completeBytes: number,
    copyBeforeCutting: string,
  ): Promise<DurableAppendFile> {
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      if (size > completeBytes) {
        // A fresh handle reads from the start.
        await writeNewFileDurably(copyBeforeCutting, await handle.readFile());
        await handle.truncate(completeBytes);
        await handle.sync();
      }
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return new DurableAppendFile(handle, completeBytes);
  }

  append(text: string): Promise<void> {
    const run = async () => {
      if (this.closed) throw new Error('append after close');
      const data = Buffer.from(text, 'utf8');
      const start = this.size;
      try {
        let written = 0;
        while (written < data.length) {
          const { bytesWritten } = await this.handle.write(
            data,
            written,
            data.length - written,
            start + written,
          );
          written += bytesWritten;
        }
        await this.handle.sync();
        this.size = start + data.length;
      } catch (error) {
        await this.handle.truncate(start).catch(() => undefined);
        throw error;
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/** Writes raw bytes (a torn line may end inside a UTF-8 character) to a file that must not exist yet. */
async function writeNewFileDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dirname(path));
}

const formatVersion = 1;

export type TranscriptLine =
  | { kind: 'session'; version: number; id: string; startedAt: string }
  | { kind: 'final'; segment: TranscriptSegment }
  | { kind: 'end'; endedAt: string }
  | { kind: 'interrupted'; detectedAt: string };

export function sessionLine(id: string, startedAt: Date): string {
  return serialize({ kind: 'session', version: formatVersion, id, startedAt: startedAt.toISOString() });
}

export function finalLine(segment: TranscriptSegment): string {
  return serialize({ kind: 'final', segment });
}

export function endLine(endedAt: Date): string {
  return serialize({ kind: 'end', endedAt: endedAt.toISOString() });
}

export function interruptedLine(detectedAt: Date): string {
  return serialize({ kind: 'interrupted', detectedAt: detectedAt.toISOString() });
}

function serialize(line: TranscriptLine): string {
  return `${JSON.stringify(line)}\n`;
}
