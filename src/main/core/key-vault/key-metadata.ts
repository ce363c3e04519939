/**
 * What the vault remembers about the key outside the keychain: never the key, only what is
 * safe to show (fingerprint, project, what the key may do, when it was checked) and the salt
 * of the fingerprint. The Electron glue backs it with a small electron-store file.
 */
import type { KeyCapabilities } from '../../../shared/key-status';
import { isFingerprintSalt } from './fingerprint';

export interface KeyMetadataStore {
  read(): unknown;
  write(value: unknown): void;
  clear(): void;
}

export interface KeyRecord {
  fingerprint: string;
  projectId: string | null;
  projectName: string | null;
  capabilities: KeyCapabilities;
  checkedAt: string;
}

export interface VaultMetadata {
  version: 1;
  salt: string | null;
  /** The key kept in the keychain; a session-only key is never recorded here. */
  keychainKey: KeyRecord | null;
}

export const emptyVaultMetadata: VaultMetadata = { version: 1, salt: null, keychainKey: null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 256 ? value : null;
}

function parseCapabilities(value: unknown): KeyCapabilities | null {
  if (!isRecord(value)) return null;
  const { scopes, canMintTokens, canCreateKeys, canStream } = value;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return null;
  if (
    typeof canMintTokens !== 'boolean' ||
    typeof canCreateKeys !== 'boolean' ||
    typeof canStream !== 'boolean'
  )
    return null;
  return { scopes: [...scopes] as string[], canMintTokens, canCreateKeys, canStream };
}

function parseKeyRecord(value: unknown): KeyRecord | null {
  if (!isRecord(value)) return null;
  const capabilities = parseCapabilities(value.capabilities);
  const { fingerprint, checkedAt } = value;
  if (typeof fingerprint !== 'string' || !/^fp:[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/.test(fingerprint))
    return null;
  if (typeof checkedAt !== 'string' || Number.isNaN(Date.parse(checkedAt)) || !capabilities) return null;
  return {
    fingerprint,
    projectId: optionalText(value.projectId),
    projectName: optionalText(value.projectName),
    capabilities,
    checkedAt,
  };
}

/** Reads untrusted metadata; anything malformed is dropped rather than trusted. */
export function parseVaultMetadata(stored: unknown): VaultMetadata {
  if (!isRecord(stored)) return { ...emptyVaultMetadata };
  const salt = isFingerprintSalt(stored.salt) ? stored.salt : null;
  return { version: 1, salt, keychainKey: parseKeyRecord(stored.keychainKey) };
}
