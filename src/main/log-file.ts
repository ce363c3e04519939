/**
 * Main's log goes to userData/logs/earshot.log (readable by the user only). Lines have
 * already passed the redacting logger. The previous run's log is kept as earshot.old.log.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export function openLogFile(userDataDir: string): { path: string; write(line: string): void; close(): void } {
  const directory = join(userDataDir, 'logs');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, 'earshot.log');
  if (existsSync(path)) renameSync(path, join(directory, 'earshot.old.log'));
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  stream.on('error', () => {
    // A full disk must not take the app down; logging simply stops.
  });
  return {
    path,
    write: (line) => {
      stream.write(`${line}\n`);
    },
    close: () => stream.end(),
  };
}
