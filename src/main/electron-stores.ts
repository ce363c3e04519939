/**
 * The electron-store files behind settings and key metadata (neither ever holds the key).
 * A damaged file is set aside (openSettingsFile) and replaced by defaults rather than
 * stopping the app, and the caller gets a notice for the user.
 */
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

function openFile(
  userDataDir: string,
  name: string,
  log: Logger,
  damagedNotice?: (keptAs: string) => string,
) {
  return openSettingsFile(
    ElectronStore,
    { name, cwd: userDataDir, clearInvalidConfig: false },
    damagedNotice ? { log, damagedNotice } : { log },
  );
}

export function openSettingsStore(
  userDataDir: string,
  log: Logger,
): { backend: SettingsBackendStore; notice: string | null } {
  const { store, notice } = openFile(userDataDir, 'settings', log);
  const backend: SettingsBackendStore = {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
  return { backend, notice };
}

export function openKeyMetadataStore(
  userDataDir: string,
  log: Logger,
): { file: KeyMetadataFile; notice: string | null } {
  const { store, notice } = openFile(
    userDataDir,
    'key-metadata',
    log,
    (keptAs) =>
      `Earshot’s record of your key was damaged, so it set that record aside (kept as ${keptAs}). Your key was not affected: test it or save it again on the Settings screen.`,
  );
  const file: KeyMetadataFile = {
    read: () => store.get('metadata'),
    write: (value) => store.set('metadata', value),
    clear: () => store.delete('metadata'),
  };
  return { file, notice };
}
