/**
 * The electron-store files behind settings and key metadata (neither ever holds the key).
 * A file that is not valid JSON is moved aside and replaced by defaults rather than
 * stopping the app; for settings, the core's openSettingsFile also returns a notice.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { Logger } from './core/logger';
import { openSettingsFile } from './core/settings';

/** The shapes the core asks for (SettingsBackend, KeyMetadataStore in src/main/core). */
export interface SettingsBackendStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
export interface KeyMetadataFile {
  read(): unknown;
  write(value: unknown): void;
  clear(): void;
}

function openStore(
  userDataDir: string,
  name: string,
  log: Logger,
): { store: ElectronStore; notice: string | null } {
  try {
    return { store: new ElectronStore({ name, cwd: userDataDir, clearInvalidConfig: false }), notice: null };
  } catch (error) {
    const file = join(userDataDir, `${name}.json`);
    if (!existsSync(file)) throw error;
    const aside = join(userDataDir, `${name}.damaged-${Date.now()}.json`);
    renameSync(file, aside);
    log.warn('store file was unreadable and was moved aside', {
      name,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    return {
      store: new ElectronStore({ name, cwd: userDataDir, clearInvalidConfig: false }),
      notice: `Your ${name} file was damaged; Earshot reset it to defaults and kept the old file as ${aside}.`,
    };
  }
}

export function openSettingsStore(
  userDataDir: string,
  log: Logger,
): { backend: SettingsBackendStore; notice: string | null } {
  const { store, notice } = openSettingsFile(
    ElectronStore,
    { name: 'settings', cwd: userDataDir, clearInvalidConfig: false },
    { log },
  );
  return {
    backend: {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    },
    notice,
  };
}

export function openKeyMetadataStore(userDataDir: string, log: Logger): KeyMetadataFile {
  const { store } = openStore(userDataDir, 'key-metadata', log);
  return {
    read: () => store.get('metadata'),
    write: (value) => store.set('metadata', value),
    clear: () => store.delete('metadata'),
  };
}
