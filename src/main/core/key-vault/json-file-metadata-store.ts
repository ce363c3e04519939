import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setAsideName } from '../set-aside-name';
import type { KeyMetadataStore } from './key-metadata';

/**
 * Key metadata in a small JSON file (for tests and harnesses; the Electron glue uses
 * electron-store). Written to a temporary file and renamed, so a crash leaves the old or
 * the new file, never half of one. A missing file reads as empty; a damaged one is moved
 * aside and read() throws, so the vault can say so.
 */
export function createJsonFileKeyMetadataStore(path: string): KeyMetadataStore {
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        // Kept for whoever wants to look; the vault tells the user it started without it.
        renameSync(path, join(dirname(path), setAsideName(basename(path), new Date())));
        throw error;
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
