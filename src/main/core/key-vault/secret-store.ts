/**
 * The OS keychain as the vault sees it: keytar's three calls. keytar is loaded lazily, so a
 * machine without libsecret can still start Earshot and use a key for the session only.
 */
import { EarshotError } from '../../../shared/user-facing-error';

export interface SecretStore {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Stable names: admins look for them in their keychain tools (documented in README). */
export const keychainService = 'Earshot';
export const keychainAccount = 'deepgram-api-key';

/**
 * Turns whatever the keychain threw into the sentence the user reads. A locked collection or
 * a dismissed unlock prompt is 'keychain-locked'; anything else (no libsecret, no D-Bus, no
 * Secret Service on the bus) is 'keychain-unavailable'. The original error stays as `cause`
 * for the log; its text never reaches the user.
 */
export function keychainError(error: unknown): EarshotError {
  if (error instanceof EarshotError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const locked = /locked|prompt|dismiss|cancel/i.test(text);
  return new EarshotError(locked ? 'keychain-locked' : 'keychain-unavailable', undefined, { cause: error });
}

function isSecretStore(value: unknown): value is SecretStore {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.getPassword === 'function' &&
    typeof candidate.setPassword === 'function' &&
    typeof candidate.deletePassword === 'function'
  );
}

export async function loadKeytarSecretStore(): Promise<SecretStore> {
  let loaded: unknown;
  try {
    loaded = await import('keytar');
  } catch (error) {
    // Typically "libsecret-1.so.0: cannot open shared object file".
    throw new EarshotError('keychain-unavailable', undefined, { cause: error });
  }
  const module = loaded as { default?: unknown };
  const keytar = isSecretStore(module.default) ? module.default : loaded;
  if (!isSecretStore(keytar)) {
    throw new EarshotError('keychain-unavailable', undefined, {
      cause: new Error('keytar did not export getPassword/setPassword/deletePassword'),
    });
  }
  return {
    getPassword: (service, account) => keytar.getPassword(service, account),
    setPassword: (service, account, password) => keytar.setPassword(service, account, password),
    deletePassword: (service, account) => keytar.deletePassword(service, account),
  };
}
