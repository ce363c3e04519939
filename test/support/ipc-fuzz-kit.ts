/**
 * What the IPC burst tests share (test/integration/ipc/ipc-fuzz*.test.ts): the burst's size, a
 * log cap small enough that even the refusal summaries must rotate it, a fresh user-data
 * directory per test for the real log file, and what that log directory holds afterwards.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export const messageCount = 200_000;
/** Small enough that even the summaries fill it several times over, so it must rotate. */
export const logCap = { maxBytes: 4 * 1024, maxFiles: 3 };

/** Registers the hooks; `path` is the current test's directory. */
export function useUserDataDir(prefix: string): { path: string } {
  const dir = { path: '' };
  beforeEach(() => {
    dir.path = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(dir.path, { recursive: true, force: true });
  });
  return dir;
}

/** The log files under a user-data directory, their total size and their text (latin1). */
export function logDirectory(userDataDir: string): { bytes: number; text: string; files: string[] } {
  const directory = join(userDataDir, 'logs');
  const files = readdirSync(directory).sort();
  let bytes = 0;
  let text = '';
  for (const name of files) {
    bytes += statSync(join(directory, name)).size;
    text += readFileSync(join(directory, name), 'latin1');
  }
  return { bytes, text, files };
}
