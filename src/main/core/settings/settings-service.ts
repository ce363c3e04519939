/**
 * Settings behind an interface the core owns. The Electron glue passes an electron-store;
 * tests pass conf. Each setting is a top-level field of the file, readable and editable by
 * an admin. Stored values are untrusted: a bad one falls back to its default with a notice,
 * and the key (which is never in this file) is untouched.
 */
import {
  applySettingsPatch,
  defaultSettings,
  directNeedsKeySentence,
  settingsFromStorage,
  switchesToDirectStreaming,
  type Settings,
} from '../../../shared/settings';
import { EarshotError } from '../../../shared/user-facing-error';
import { ValidationError } from '../../../shared/validation';
import { errorName, type Logger } from '../logger';
import {
  isSettingName,
  listInWords,
  readableValidationMessage,
  settingLabels,
} from '../../../shared/settings-labels';

export interface SettingsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface SettingsResult {
  settings: Settings;
  /** A plain sentence about settings Earshot had to reset, until the user next saves settings. */
  notice: string | null;
}

export interface SettingsService {
  get(): SettingsResult;
  /**
   * Throws EarshotError('invalid-request', reason) and changes nothing when the patch is
   * refused. Switching to streaming with the stored key itself is refused here: it goes
   * together with entering the key (saveKeyWith).
   */
  update(patch: unknown): SettingsResult;
  /**
   * The settings a key was just saved with: its endpoint, and how sessions stream with it.
   * Only the key's save calls this, after the endpoint accepted the key.
   */
  saveKeyWith(choice: Pick<Settings, 'endpoint' | 'streamingCredential'>): SettingsResult;
  current(): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

const settingNames = Object.keys(defaultSettings) as (keyof Settings)[];

/** Fields the cross-field rules of settingsFromStorage may reset without rejecting them. */
const combinationFields: (keyof Settings)[] = ['utteranceEndMs', 'keyterms'];

function copy(settings: Settings): Settings {
  return { ...settings, keyterms: [...settings.keyterms] };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function load(backend: SettingsBackend): { settings: Settings; resetFields: (keyof Settings)[] } {
  const stored: Record<string, unknown> = {};
  for (const name of settingNames) {
    const value = backend.get(name);
    if (value !== undefined) stored[name] = value;
  }
  const { settings, rejectedFields } = settingsFromStorage(stored);
  const resetFields = rejectedFields.filter(isSettingName);
  for (const name of combinationFields) {
    if (name in stored && !resetFields.includes(name) && !same(stored[name], settings[name]))
      resetFields.push(name);
  }
  return { settings, resetFields };
}

function resetNotice(resetFields: readonly (keyof Settings)[]): string | null {
  if (resetFields.length === 0) return null;
  const names = listInWords(resetFields.map((name) => settingLabels[name]));
  return `Some saved settings could not be used (${names}), so Earshot reset them to their defaults. Your API key was not affected.`;
}

export function createSettingsService(deps: {
  backend: SettingsBackend;
  log: Logger;
  startupNotice?: string | null;
}): SettingsService {
  const { backend, log } = deps;
  const loaded = load(backend);
  let current = loaded.settings;
  const notices = [deps.startupNotice ?? null, resetNotice(loaded.resetFields)].filter(
    (notice): notice is string => notice !== null,
  );
  let notice: string | null = notices.length > 0 ? notices.join(' ') : null;
  const listeners = new Set<(settings: Settings) => void>();

  if (loaded.resetFields.length > 0) {
    log.warn('settings reset to defaults', { fields: loaded.resetFields.join(' ') });
    // Write the defaults back so the bad values do not come back (and the notice with them) next start.
    try {
      for (const name of loaded.resetFields) backend.set(name, current[name]);
    } catch (error) {
      log.warn('could not repair the settings file', {
        errorName: errorName(error),
      });
    }
  }

  function write(next: Settings): SettingsResult {
    const changed = settingNames.filter((name) => !same(current[name], next[name]));
    try {
      for (const name of changed) backend.set(name, next[name]);
    } catch (error) {
      log.error('could not write settings', { errorName: errorName(error) });
      throw new EarshotError(
        'internal',
        'Earshot could not save your settings. Check that the disk has free space, then try again.',
        { cause: error },
      );
    }
    current = next;
    notice = null;
    if (changed.length > 0) {
      log.info('settings changed', { fields: changed.join(' ') });
      for (const listener of listeners) {
        try {
          listener(copy(current));
        } catch (error) {
          log.error('settings listener failed', { errorName: errorName(error) });
        }
      }
    }
    return { settings: copy(current), notice };
  }

  return {
    get() {
      return { settings: copy(current), notice };
    },

    saveKeyWith(choice) {
      return write(applySettingsPatch(current, choice));
    },

    update(patch) {
      let next: Settings;
      try {
        next = applySettingsPatch(current, patch);
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new EarshotError('invalid-request', readableValidationMessage(error));
        }
        throw error;
      }
      if (switchesToDirectStreaming(current, next)) {
        throw new EarshotError('invalid-request', directNeedsKeySentence);
      }
      return write(next);
    },

    current() {
      return copy(current);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
