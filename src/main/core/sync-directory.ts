import { open } from 'node:fs/promises';

/** Makes a file's creation, rename or removal in `path` durable (POSIX: fsync the directory). */
export async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
