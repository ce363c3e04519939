/**
 * The Deepgram key, held in the OS keychain or, when the user chooses (typically because no
 * keychain is available), in this process's memory for the session only. The key itself
 * never leaves main: status carries a fingerprint, and the key is registered with the
 * SecretRegistry the moment the vault sees it, so logs redact it.
 */
import { randomBytes } from 'node:crypto';
import type { KeyCapabilities, KeyPersistence, KeyStatus } from '../../../shared/key-status';
import { endpointHost, endpointOrigin, sameEndpointOrigin } from '../../../shared/endpoint-origin';
import { defaultSettings } from '../../../shared/settings';
import { EarshotError, type UserFacingError } from '../../../shared/user-facing-error';
import type { Logger, SecretRegistry } from '../logger';
import { keyFingerprint, newFingerprintSalt } from './fingerprint';
import type { KeyCheckResult } from './key-checker';
import {
  emptyVaultMetadata,
  parseVaultMetadata,
  type KeyMetadataStore,
  type KeyRecord,
  type VaultMetadata,
} from './key-metadata';
import {
  keychainAccount as defaultKeychainAccount,
  keychainError,
  keychainService as defaultKeychainService,
  type SecretStore,
} from './secret-store';

export interface KeyVault {
  status(): Promise<KeyStatus>;
  /**
   * Checks the key with this endpoint (and no other) first; a refused key is not stored and
   * the stored one is kept. A saved key is bound to the endpoint's origin.
   */
  save(key: string, persistence: KeyPersistence, endpoint: string): Promise<KeyStatus>;
  /** Re-checks the stored key with this endpoint, which must be on the key's origin. */
  test(endpoint: string): Promise<KeyStatus>;
  remove(): Promise<KeyStatus>;
  /**
   * For the core only: the key, when it may be sent to this endpoint. Throws
   * EarshotError('no-key') when no key is stored and 'key-other-endpoint' when the key
   * was saved for another origin, before anything is sent anywhere.
   */
  readKeyFor(endpoint: string): Promise<string>;
  projectId(): string | null;
  capabilities(): KeyCapabilities | null;
  /** The endpoint the current key was checked with, or null. */
  boundEndpoint(): string | null;
}

export interface KeyVaultDeps {
  loadSecretStore: () => Promise<SecretStore>;
  metadata: KeyMetadataStore;
  /** Checks a key with the given endpoint only. */
  checkKey: (key: string, endpoint: string) => Promise<KeyCheckResult>;
  /** The endpoint a record from before endpoint binding was checked with (settings' endpoint). */
  legacyEndpoint?: () => string;
  /** A sentence from opening the metadata file (it was damaged and set aside), if any. */
  metadataNotice?: string | null;
  secrets: SecretRegistry;
  log: Logger;
  now?: () => Date;
  /** Tests use their own entry so parallel test files never share one. */
  keychainEntry?: { service: string; account: string };
}

/** An entry written and deleted at once to tell a locked keychain from one without our key. */
const probeAccount = 'keychain-write-probe';

interface KeychainProbe {
  available: boolean;
  problem: UserFacingError | null;
  key: string | null;
}

export function createKeyVault(deps: KeyVaultDeps): KeyVault {
  const now = deps.now ?? (() => new Date());
  const { service: keychainService, account: keychainAccount } = deps.keychainEntry ?? {
    service: defaultKeychainService,
    account: defaultKeychainAccount,
  };
  let notice: string | null = deps.metadataNotice ?? null;
  let metadata: VaultMetadata = readMetadata();
  let sessionKey: string | null = null;
  let sessionRecord: KeyRecord | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function readMetadata(): VaultMetadata {
    const legacyEndpoint = deps.legacyEndpoint?.() ?? defaultSettings.endpoint;
    try {
      const parsed = parseVaultMetadata(deps.metadata.read(), legacyEndpoint);
      if (parsed.damaged) {
        deps.log.warn('key metadata partly unreadable; dropped what could not be trusted');
        notice ??= damagedMetadataNotice;
      }
      if (parsed.migrated) {
        deps.log.info('bound the stored key to the endpoint in settings', {
          origin: parsed.metadata.keychainKey ? endpointOrigin(parsed.metadata.keychainKey.endpoint) : null,
        });
        deps.metadata.write(parsed.metadata);
      }
      return parsed.metadata;
    } catch (error) {
      deps.log.warn('key metadata unreadable; starting without it', { error: errorName(error) });
      notice ??= damagedMetadataNotice;
      return parseVaultMetadata(undefined, legacyEndpoint).metadata;
    }
  }

  function writeMetadata(next: VaultMetadata): void {
    deps.metadata.write(next);
    metadata = next;
  }

  function salt(): string {
    if (metadata.salt) return metadata.salt;
    const fresh = newFingerprintSalt();
    writeMetadata({ ...metadata, salt: fresh });
    return fresh;
  }

  /** Mutations run one at a time, so a save and a remove cannot interleave. */
  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation, operation);
    queue = result.catch(() => undefined);
    return result;
  }

  function remember(key: string): void {
    deps.secrets.add(key);
  }

  /** A key that was refused is no secret of ours: only the stored key stays registered. */
  function forgetUnlessStored(key: string): void {
    if (key === sessionKey) return;
    if (
      metadata.keychainKey &&
      metadata.salt &&
      keyFingerprint(key, metadata.salt) === metadata.keychainKey.fingerprint
    )
      return;
    deps.secrets.remove(key);
  }

  async function secretStore(): Promise<SecretStore> {
    try {
      return await deps.loadSecretStore();
    } catch (error) {
      throw logKeychainFailure('load', error);
    }
  }

  function logKeychainFailure(operation: string, error: unknown): EarshotError {
    const mapped = keychainError(error);
    const original = error instanceof EarshotError ? error.cause : error;
    deps.log.warn('keychain operation failed', {
      operation,
      code: mapped.userFacing.code,
      detail: original instanceof Error ? original.message : String(original),
    });
    return mapped;
  }

  /**
   * libsecret answers "no such item" for a locked collection rather than failing, so an
   * empty answer where our key should be is followed by a throwaway write, which does fail
   * when the collection is locked.
   */
  async function lockedProblem(store: SecretStore): Promise<EarshotError | null> {
    try {
      await store.setPassword(keychainService, probeAccount, randomBytes(8).toString('hex'));
      await store.deletePassword(keychainService, probeAccount);
      return null;
    } catch (error) {
      return logKeychainFailure('write-probe', error);
    }
  }

  async function probeKeychain(): Promise<KeychainProbe> {
    try {
      const store = await secretStore();
      let key: string | null;
      try {
        key = await store.getPassword(keychainService, keychainAccount);
      } catch (error) {
        throw logKeychainFailure('read', error);
      }
      if (key) {
        remember(key);
        return { available: true, problem: null, key };
      }
      // Only when our key should be there: on a desktop each probe of a locked keyring is an unlock prompt.
      if (!metadata.keychainKey) return { available: true, problem: null, key: null };
      const problem = await lockedProblem(store);
      if (problem) return { available: false, problem: problem.userFacing, key: null };
      deps.log.info('the stored key is no longer in the keychain; forgetting its details');
      writeMetadata({ ...metadata, keychainKey: null });
      return { available: true, problem: null, key: null };
    } catch (error) {
      const mapped = keychainError(error);
      return { available: false, problem: mapped.userFacing, key: null };
    }
  }

  function statusFrom(probe: KeychainProbe): KeyStatus {
    const keychain = { available: probe.available, problem: probe.problem };
    if (sessionKey && sessionRecord) {
      return { stored: true, storage: 'session-only', ...details(sessionRecord), keychain };
    }
    if (probe.key) {
      const fingerprint = keyFingerprint(probe.key, salt());
      const record = metadata.keychainKey?.fingerprint === fingerprint ? metadata.keychainKey : null;
      // A key put into the keychain by other means is shown, but what it may do is unknown until tested.
      return {
        stored: true,
        storage: 'keychain',
        ...(record ? details(record) : { ...details(null), fingerprint }),
        keychain,
      };
    }
    if (metadata.keychainKey && !probe.available) {
      // The keychain holds our key but cannot be read now (locked): say so, show what we know.
      return { stored: true, storage: 'keychain', ...details(metadata.keychainKey), keychain };
    }
    return { stored: false, storage: 'none', ...details(null), keychain };
  }

  function details(record: KeyRecord | null): Omit<KeyStatus, 'stored' | 'storage' | 'keychain'> {
    return {
      fingerprint: record?.fingerprint ?? null,
      projectId: record?.projectId ?? null,
      projectName: record?.projectName ?? null,
      capabilities: record ? { ...record.capabilities, scopes: [...record.capabilities.scopes] } : null,
      checkedAt: record?.checkedAt ?? null,
      endpoint: record?.endpoint ?? null,
      notice,
    };
  }

  function recordFor(key: string, check: KeyCheckResult, endpoint: string): KeyRecord {
    return {
      fingerprint: keyFingerprint(key, salt()),
      projectId: check.projectId,
      projectName: check.projectName,
      capabilities: check.capabilities,
      checkedAt: now().toISOString(),
      endpoint,
    };
  }

  /** The record that says where this key may go; null for a key Earshot did not save. */
  function recordOf(key: string): KeyRecord | null {
    if (sessionKey === key) return sessionRecord;
    const record = metadata.keychainKey;
    return record && keyFingerprint(key, salt()) === record.fingerprint ? record : null;
  }

  /** Refuses, before anything is sent, a key whose binding does not cover this endpoint. */
  function assertBoundTo(key: string, endpoint: string): KeyRecord {
    const record = recordOf(key);
    if (!record) {
      throw new EarshotError(
        'key-other-endpoint',
        'Earshot does not know which endpoint this key was checked with. Save the key again on the Settings screen.',
      );
    }
    if (!sameEndpointOrigin(record.endpoint, endpoint)) {
      deps.log.warn('refused to send the key to another origin', {
        keyOrigin: endpointOrigin(record.endpoint),
        requestedOrigin: endpointOrigin(endpoint),
      });
      throw new EarshotError('key-other-endpoint', otherEndpointSentence(record.endpoint, endpoint));
    }
    return record;
  }

  /**
   * A keychain problem is the answer only when our key is in that keychain; otherwise there
   * is simply no key, and "save a key" is the sentence that helps.
   */
  async function readKey(): Promise<string> {
    if (sessionKey) return sessionKey;
    const noKey = new EarshotError('no-key');
    let store: SecretStore;
    let key: string | null;
    try {
      store = await secretStore();
      key = await store.getPassword(keychainService, keychainAccount);
    } catch (error) {
      const mapped = logKeychainFailure('read', error);
      throw metadata.keychainKey ? mapped : noKey;
    }
    if (key) {
      remember(key);
      return key;
    }
    const problem = metadata.keychainKey ? await lockedProblem(store) : null;
    throw problem ?? noKey;
  }

  async function saveToKeychain(key: string, record: KeyRecord): Promise<void> {
    const store = await secretStore();
    try {
      await store.setPassword(keychainService, keychainAccount, key);
    } catch (error) {
      throw logKeychainFailure('write', error);
    }
    writeMetadata({ ...metadata, keychainKey: record });
    sessionKey = null;
    sessionRecord = null;
  }

  /** A session-only key replaces the stored one: the keychain entry goes, if it can be reached. */
  async function keepForSession(key: string, record: KeyRecord): Promise<void> {
    sessionKey = key;
    sessionRecord = record;
    try {
      const store = await deps.loadSecretStore();
      const deleted = await store.deletePassword(keychainService, keychainAccount);
      // Not deleted (locked): the keychain key comes back next start, so its details stay.
      if (deleted && metadata.keychainKey) writeMetadata({ ...metadata, keychainKey: null });
    } catch (error) {
      logKeychainFailure('delete-replaced', error);
    }
  }

  return {
    async status() {
      return statusFrom(await probeKeychain());
    },

    save(key, persistence, endpoint) {
      return serialized(async () => {
        // Registered while it is checked (the check's own errors may quote it), dropped if refused.
        remember(key);
        let check: KeyCheckResult;
        try {
          check = await deps.checkKey(key, endpoint);
        } catch (error) {
          forgetUnlessStored(key);
          throw error;
        }
        const record = recordFor(key, check, endpoint);
        if (persistence === 'keychain') await saveToKeychain(key, record);
        else await keepForSession(key, record);
        notice = null;
        deps.log.info('key saved', {
          storage: persistence,
          fingerprint: record.fingerprint,
          origin: endpointOrigin(endpoint),
        });
        return statusFrom(await probeKeychain());
      });
    },

    test(endpoint) {
      return serialized(async () => {
        const key = await readKey();
        assertBoundTo(key, endpoint);
        const check = await deps.checkKey(key, endpoint);
        const record = recordFor(key, check, endpoint);
        if (sessionKey === key) sessionRecord = record;
        else writeMetadata({ ...metadata, keychainKey: record });
        notice = null;
        deps.log.info('key tested', { fingerprint: record.fingerprint });
        return statusFrom(await probeKeychain());
      });
    },

    remove() {
      return serialized(async () => {
        sessionKey = null;
        sessionRecord = null;
        // Our key may still be in a keychain we cannot reach: then keep its details and say why.
        try {
          const store = await deps.loadSecretStore();
          const deleted = await store.deletePassword(keychainService, keychainAccount);
          // A locked collection answers "nothing to delete" rather than failing.
          const problem = !deleted && metadata.keychainKey ? await lockedProblem(store) : null;
          if (problem) throw problem;
        } catch (error) {
          const mapped = error instanceof EarshotError ? error : logKeychainFailure('delete', error);
          if (metadata.keychainKey) throw mapped;
        }
        deps.metadata.clear();
        metadata = { ...emptyVaultMetadata };
        notice = null;
        deps.log.info('key removed');
        return statusFrom(await probeKeychain());
      });
    },

    async readKeyFor(endpoint) {
      const key = await readKey();
      assertBoundTo(key, endpoint);
      return key;
    },

    projectId() {
      return (sessionKey ? sessionRecord : metadata.keychainKey)?.projectId ?? null;
    },

    boundEndpoint() {
      return (sessionKey ? sessionRecord : metadata.keychainKey)?.endpoint ?? null;
    },

    capabilities() {
      const record = sessionKey ? sessionRecord : metadata.keychainKey;
      return record ? { ...record.capabilities, scopes: [...record.capabilities.scopes] } : null;
    },
  };
}

const damagedMetadataNotice =
  'Earshot’s record of your key was damaged, so it set that record aside. Your key was not affected: test it or save it again on the Settings screen.';

export function otherEndpointSentence(keyEndpoint: string, requestedEndpoint: string): string {
  const keyHost = endpointHost(keyEndpoint);
  const requestedHost = endpointHost(requestedEndpoint);
  const [saved, wanted] =
    keyHost === requestedHost
      ? [endpointOrigin(keyEndpoint), endpointOrigin(requestedEndpoint)]
      : [keyHost, requestedHost];
  return `The key was saved for ${saved}. Save it again to use it with ${wanted}.`;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
