/** The files of the transcript directory beside the database: a session's own, and their total size. */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file that belongs to the sessions beside the database (their migrated originals, copies). */
export async function removeSessionFiles(directory: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const prefixes = ids.map((id) => `${id}.`);
  for (const name of await readdir(directory)) {
    if (prefixes.some((prefix) => name.startsWith(prefix))) {
      await rm(join(directory, name), { force: true, recursive: true });
    }
  }
}

/** Bytes of the files directly in the directory (the database, its WAL, migrated originals). */
export async function directoryBytes(directory: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(directory)) {
    try {
      const info = await stat(join(directory, name));
      if (info.isFile()) bytes += info.size;
    } catch {
      // Gone since the directory was read.
    }
  }
  return bytes;
}
