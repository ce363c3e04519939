/**
 * What the vault knows about the key it holds, never the key in the keychain itself: the
 * keychain key's record (kept in the metadata store with the fingerprint salt), or a
 * session-only key and its record (kept in memory), and the notice about a damaged record.
 * From these and a look at the keychain it builds the KeyStatus the window sees.
 */
import { endpointOrigin } from '../../../shared/endpoint-origin';
import type { KeyCapabilities, KeyStatus } from '../../../shared/key-status';
import { defaultSettings } from '../../../shared/settings';
import { errorName, type Logger } from '../logger';
import { keyFingerprint, newFingerprintSalt } from './fingerprint';
import type { KeyCheckResult } from './key-checker';
import {
  emptyVaultMetadata,
  parseVaultMetadata,
  type KeyMetadataStore,
  type KeyRecord,
  type VaultMetadata,
} from './key-metadata';
import type { KeychainProbe } from './keychain-access';

export interface KeyRecordsDeps {
  metadata: KeyMetadataStore;
  /** The endpoint a record from before endpoint binding was checked with (settings' endpoint). */
  legacyEndpoint?: () => string;
  /** A sentence from opening the metadata file (it was damaged and set aside), if any. */
  metadataNotice?: string | null;
  log: Logger;
  now: () => Date;
}

const damagedMetadataNotice =
  'Earshot’s record of your key was damaged, so it set that record aside. Your key was not affected: test it or save it again on the Settings screen.';

function copyCapabilities(record: KeyRecord): KeyCapabilities {
  return { ...record.capabilities, scopes: [...record.capabilities.scopes] };
}

export class KeyRecords {
  private notice: string | null;
  private metadata: VaultMetadata;
  private sessionKeyHeld: string | null = null;
  private sessionRecord: KeyRecord | null = null;

  constructor(private readonly deps: KeyRecordsDeps) {
    this.notice = deps.metadataNotice ?? null;
    this.metadata = this.readMetadata();
  }

  /** The key kept in memory for this session only, if any (it takes precedence). */
  get sessionKey(): string | null {
    return this.sessionKeyHeld;
  }

  /** Earshot saved a key in the keychain (it may be unreadable now). */
  hasKeychainKey(): boolean {
    return this.metadata.keychainKey !== null;
  }

  /** The record of the key in use: the session key's, else the keychain key's. */
  current(): KeyRecord | null {
    return this.sessionKeyHeld ? this.sessionRecord : this.metadata.keychainKey;
  }

  currentCapabilities(): KeyCapabilities | null {
    const record = this.current();
    return record ? copyCapabilities(record) : null;
  }

  recordFor(key: string, check: KeyCheckResult, endpoint: string): KeyRecord {
    return {
      fingerprint: keyFingerprint(key, this.salt()),
      projectId: check.projectId,
      projectName: check.projectName,
      capabilities: check.capabilities,
      checkedAt: this.deps.now().toISOString(),
      endpoint,
    };
  }

  /**
   * The record that says where this key may go; null for a key Earshot did not save. A record
   * matches only with the salt it was made with, so none is created here.
   */
  recordOf(key: string): KeyRecord | null {
    if (this.sessionKeyHeld === key) return this.sessionRecord;
    const { keychainKey, salt } = this.metadata;
    return keychainKey && salt && keyFingerprint(key, salt) === keychainKey.fingerprint ? keychainKey : null;
  }

  /** The key is the session key or the keychain key Earshot saved. */
  isStored(key: string): boolean {
    return this.recordOf(key) !== null;
  }

  /** The key went into the keychain: it replaces any session key. */
  keptInKeychain(record: KeyRecord): void {
    this.write({ ...this.metadata, keychainKey: record });
    this.dropSessionKey();
  }

  keptForSession(key: string, record: KeyRecord): void {
    this.sessionKeyHeld = key;
    this.sessionRecord = record;
  }

  /** A new check of `key`: its record is replaced, wherever the key is kept. */
  rechecked(key: string, record: KeyRecord): void {
    if (this.sessionKeyHeld === key) this.sessionRecord = record;
    else this.write({ ...this.metadata, keychainKey: record });
  }

  forgetKeychainKey(): void {
    this.write({ ...this.metadata, keychainKey: null });
  }

  dropSessionKey(): void {
    this.sessionKeyHeld = null;
    this.sessionRecord = null;
  }

  /** Forgets everything, salt included. */
  clear(): void {
    this.deps.metadata.clear();
    this.metadata = { ...emptyVaultMetadata };
    this.notice = null;
  }

  clearNotice(): void {
    this.notice = null;
  }

  statusFrom(probe: KeychainProbe): KeyStatus {
    const keychain = { available: probe.available, problem: probe.problem };
    if (this.sessionKeyHeld && this.sessionRecord) {
      return { stored: true, storage: 'session-only', ...this.details(this.sessionRecord), keychain };
    }
    if (probe.key) {
      const fingerprint = keyFingerprint(probe.key, this.salt());
      const stored = this.metadata.keychainKey;
      const record = stored?.fingerprint === fingerprint ? stored : null;
      // A key put into the keychain by other means is shown, but what it may do is unknown until tested.
      return {
        stored: true,
        storage: 'keychain',
        ...(record ? this.details(record) : { ...this.details(null), fingerprint }),
        keychain,
      };
    }
    if (this.metadata.keychainKey && !probe.available) {
      // The keychain holds our key but cannot be read now (locked): say so, show what we know.
      return { stored: true, storage: 'keychain', ...this.details(this.metadata.keychainKey), keychain };
    }
    return { stored: false, storage: 'none', ...this.details(null), keychain };
  }

  private details(record: KeyRecord | null): Omit<KeyStatus, 'stored' | 'storage' | 'keychain'> {
    return {
      fingerprint: record?.fingerprint ?? null,
      projectId: record?.projectId ?? null,
      projectName: record?.projectName ?? null,
      capabilities: record ? copyCapabilities(record) : null,
      checkedAt: record?.checkedAt ?? null,
      endpoint: record?.endpoint ?? null,
      notice: this.notice,
    };
  }

  private salt(): string {
    if (this.metadata.salt) return this.metadata.salt;
    const fresh = newFingerprintSalt();
    this.write({ ...this.metadata, salt: fresh });
    return fresh;
  }

  private write(next: VaultMetadata): void {
    this.deps.metadata.write(next);
    this.metadata = next;
  }

  private readMetadata(): VaultMetadata {
    const { log, metadata } = this.deps;
    const legacyEndpoint = this.deps.legacyEndpoint?.() ?? defaultSettings.endpoint;
    try {
      const parsed = parseVaultMetadata(metadata.read(), legacyEndpoint);
      if (parsed.damaged) {
        log.warn('key metadata partly unreadable; dropped what could not be trusted');
        this.notice ??= damagedMetadataNotice;
      }
      if (parsed.migrated) {
        log.info('bound the stored key to the endpoint in settings', {
          origin: parsed.metadata.keychainKey ? endpointOrigin(parsed.metadata.keychainKey.endpoint) : null,
        });
        metadata.write(parsed.metadata);
      }
      return parsed.metadata;
    } catch (error) {
      log.warn('key metadata unreadable; starting without it', { errorName: errorName(error) });
      this.notice ??= damagedMetadataNotice;
      return parseVaultMetadata(undefined, legacyEndpoint).metadata;
    }
  }
}
