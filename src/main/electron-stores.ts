/**
 * The electron-store files behind settings and key metadata (neither ever holds the key).
 * A file that is not valid JSON is moved aside and replaced by defaults rather than
 * stopping the app; for settings, the core's openSettingsFile also returns a notice.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { Logger } from './core/logger';
import { setAsideName } from './core/set-aside-name';
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
  damagedNotice: (aside: string) => string,
): { store: ElectronStore; notice: string | null } {
  try {
    return { store: new ElectronStore({ name, cwd: userDataDir, clearInvalidConfig: false }), notice: null };
  } catch (error) {
    const file = join(userDataDir, `${name}.json`);
    if (!existsSync(file)) throw error;
    const aside = join(userDataDir, setAsideName(`${name}.json`, new Date()));
    renameSync(file, aside);
    log.warn('store file was unreadable and was moved aside', {
      name,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    return {
      store: new ElectronStore({ name, cwd: userDataDir, clearInvalidConfig: false }),
      notice: damagedNotice(aside),
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

export function openKeyMetadataStore(
  userDataDir: string,
  log: Logger,
): { file: KeyMetadataFile; notice: string | null } {
  const { store, notice } = openStore(
    userDataDir,
    'key-metadata',
    log,
    (aside) =>
      `Earshot’s record of your key was damaged, so it set that record aside (kept as ${aside}). Your key was not affected: test it or save it again on the Settings screen.`,
  );
  return {
    file: {
      read: () => store.get('metadata'),
      write: (value) => store.set('metadata', value),
      clear: () => store.delete('metadata'),
    },
    notice,
  };
}
