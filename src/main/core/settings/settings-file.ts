/**
 * Opens the settings file with whatever store class the caller has (electron-store in the
 * app, conf in tests), without importing either. A file that is not valid JSON would make
 * the store's constructor throw and the app fail to start (and a JSON list or number would
 * be read silently as empty); instead it is moved aside as
 * `<name>.corrupt-<timestamp>.json`, a fresh file is started and the caller gets a notice.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { setAsideName } from '../set-aside-name';
import type { Logger } from '../logger';

export interface SettingsFileStore {
  readonly path: string;
}

export interface OpenedSettingsFile<S> {
  store: S;
  notice: string | null;
  /** Where the damaged file was moved, when it was. */
  corruptCopyPath: string | null;
}

function isParseFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'SyntaxError';
}

function holdsJsonThatIsNotAnObject(path: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  return typeof value !== 'object' || value === null || Array.isArray(value);
}

function settingsDamagedNotice(keptAs: string): string {
  return `Your settings file was damaged, so Earshot started with default settings and kept the damaged file as ${keptAs}. Your API key was not affected.`;
}

export function openSettingsFile<S extends SettingsFileStore, O extends object>(
  Store: new (options: O) => S,
  options: O,
  deps: {
    log: Logger;
    now?: () => Date;
    /** The sentence for the user when the file was set aside (default: the settings file's). */
    damagedNotice?: (keptAs: string) => string;
  },
): OpenedSettingsFile<S> {
  try {
    const store = new Store(options);
    // Valid JSON that is not an object (a list, a number) is read as an empty store: damaged too.
    if (!holdsJsonThatIsNotAnObject(store.path)) return { store, notice: null, corruptCopyPath: null };
  } catch (error) {
    if (!isParseFailure(error)) throw error;
  }
  // A second instance that reads the file as raw text tells us its path and its content.
  let damagedText: string | null = null;
  const reader = new Store({
    ...options,
    watch: false,
    deserialize: (text: string) => {
      damagedText ??= text;
      return {};
    },
  });
  const path = reader.path;
  const extension = extname(path);
  const corruptCopyPath = join(
    dirname(path),
    setAsideName(extension ? basename(path) : `${basename(path)}.json`, (deps.now ?? (() => new Date()))()),
  );
  if (damagedText !== null) {
    // The reader may already have rewritten the file with defaults, so its captured text is what is kept.
    writeFileSync(corruptCopyPath, damagedText, { mode: 0o600 });
    rmSync(path, { force: true });
  } else {
    renameSync(path, corruptCopyPath);
  }
  deps.log.warn('a store file was not valid JSON; moved aside', { movedTo: basename(corruptCopyPath) });
  const store = new Store(options);
  return {
    store,
    notice: (deps.damagedNotice ?? settingsDamagedNotice)(basename(corruptCopyPath)),
    corruptCopyPath,
  };
}
