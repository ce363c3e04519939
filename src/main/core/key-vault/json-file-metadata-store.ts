import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyMetadataStore } from './key-metadata';

/**
 * Key metadata in a small JSON file (for tests and harnesses; the Electron glue uses
 * electron-store). Written to a temporary file and renamed, so a crash leaves the old or
 * the new file, never half of one. An unreadable file reads as empty.
 */
export function createJsonFileKeyMetadataStore(path: string): KeyMetadataStore {
  return {
    read() {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    write(value) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}
