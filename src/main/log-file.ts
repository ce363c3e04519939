/**
 * Main's log goes to userData/logs (readable by the user only). Lines have already passed
 * the redacting logger. The log is capped: when earshot.log would grow past maxBytes it
 * becomes earshot.1.log (the one before that earshot.2.log, and so on up to maxFiles files in
 * all; the oldest is deleted), so the directory never holds more than maxBytes × maxFiles.
 * Each start begins a new earshot.log the same way, so the previous run stays readable.
 *
 * Writes are synchronous: lines are few (refusals are summarised), a rotation is then a plain
 * close and rename that also works on Windows, and bytes are counted exactly.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFile {
  path: string;
  write(line: string): void;
  close(): void;
}

export interface LogFileOptions {
  /** Bytes per file. */
  maxBytes?: number;
  /** Files kept, the current one included. */
  maxFiles?: number;
}

const defaultLogFileOptions = { maxBytes: 5 * 1024 * 1024, maxFiles: 3 } as const;

/** Written by versions before rotation; its size was never capped. */
const legacyPreviousLog = 'earshot.old.log';

export function logFileName(index: number): string {
  return index === 0 ? 'earshot.log' : `earshot.${index}.log`;
}

export function openLogFile(userDataDir: string, options: LogFileOptions = {}): LogFile {
  const maxBytes = options.maxBytes ?? defaultLogFileOptions.maxBytes;
  const maxFiles = Math.max(1, options.maxFiles ?? defaultLogFileOptions.maxFiles);
  const directory = join(userDataDir, 'logs');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const pathOf = (index: number) => join(directory, logFileName(index));
  const path = pathOf(0);

  let descriptor: number | null = null;
  let written = 0;

  function shiftFiles(): void {
    rmSync(pathOf(maxFiles - 1), { force: true });
    for (let index = maxFiles - 2; index >= 0; index -= 1) {
      if (existsSync(pathOf(index))) renameSync(pathOf(index), pathOf(index + 1));
    }
  }

  function openFresh(): void {
    try {
      if (descriptor !== null) closeSync(descriptor);
      descriptor = null;
      shiftFiles();
      descriptor = openSync(path, 'w', 0o600);
      written = 0;
    } catch {
      // A full disk or a file held open by another program must not take the app down:
      // logging stops until the next rotation succeeds.
      descriptor = null;
    }
  }

  rmSync(join(directory, legacyPreviousLog), { force: true });
  openFresh();
  // A file from before the cap, or from a run with a larger one, would break the directory's bound.
  for (let index = 1; index < maxFiles; index += 1) {
    try {
      if (statSync(pathOf(index)).size > maxBytes) rmSync(pathOf(index), { force: true });
    } catch {
      // Not there.
    }
  }
  let closed = false;

  return {
    path,
    write(line) {
      if (closed) return;
      const text = `${line}\n`;
      const bytes = Buffer.byteLength(text);
      // The logger bounds every line far below this; a line that still does not fit is dropped.
      if (bytes > maxBytes) return;
      if (written + bytes > maxBytes) openFresh();
      if (descriptor === null) return;
      try {
        writeSync(descriptor, text);
        written += bytes;
      } catch {
        // Disk full: this line is lost, the app goes on.
      }
    },
    close() {
      closed = true;
      if (descriptor !== null) closeSync(descriptor);
      descriptor = null;
    },
  };
}
