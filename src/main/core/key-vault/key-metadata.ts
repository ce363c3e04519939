/**
 * What the vault remembers about the key outside the keychain: never the key, only what is
 * safe to show (fingerprint, project, what the key may do, when it was checked) and the salt
 * of the fingerprint. The Electron glue backs it with a small electron-store file.
 */
import type { KeyCapabilities } from '../../../shared/key-status';
import { endpointUrl } from '../../../shared/settings';
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
  /** The endpoint the key was checked against: the only origin main sends it to. */
  endpoint: string;
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

function parseEndpoint(value: unknown): string | null {
  try {
    return endpointUrl(value, 'endpoint');
  } catch {
    return null;
  }
}

/**
 * Records written before keys were bound to an endpoint have none; they are bound to the
 * endpoint in settings at the first start that reads them (the one they were checked with).
 */
function parseKeyRecord(value: unknown, legacyEndpoint: string): KeyRecord | null {
  if (!isRecord(value)) return null;
  const endpoint =
    value.endpoint === undefined ? parseEndpoint(legacyEndpoint) : parseEndpoint(value.endpoint);
  if (!endpoint) return null;
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
    endpoint,
  };
}

export interface ParsedVaultMetadata {
  metadata: VaultMetadata;
  /** Something was stored but could not be trusted, and was dropped. */
  damaged: boolean;
  /** A legacy record was bound to an endpoint and should be written back. */
  migrated: boolean;
}

/** Reads untrusted metadata; anything malformed is dropped rather than trusted, and said so. */
export function parseVaultMetadata(stored: unknown, legacyEndpoint: string): ParsedVaultMetadata {
  if (stored === undefined || stored === null)
    return { metadata: { ...emptyVaultMetadata }, damaged: false, migrated: false };
  if (!isRecord(stored)) return { metadata: { ...emptyVaultMetadata }, damaged: true, migrated: false };
  const salt = isFingerprintSalt(stored.salt) ? stored.salt : null;
  const keychainKey = parseKeyRecord(stored.keychainKey, legacyEndpoint);
  const damaged =
    (stored.salt !== undefined && stored.salt !== null && salt === null) ||
    (stored.keychainKey !== undefined && stored.keychainKey !== null && keychainKey === null);
  const migrated =
    keychainKey !== null && isRecord(stored.keychainKey) && stored.keychainKey.endpoint === undefined;
  return { metadata: { version: 1, salt, keychainKey }, damaged, migrated };
}
