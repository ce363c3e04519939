/**
 * The Deepgram key, held in the OS keychain or, when the user chooses (typically because no
 * keychain is available), in this process's memory for the session only. The key itself
 * never leaves main: status carries a fingerprint, and the key is registered with the
 * SecretRegistry the moment the vault sees it, so logs redact it.
 *
 * The vault's operations live here; the keychain entry is KeychainAccess, what is known about
 * the key is KeyRecords, and the endpoint binding is key-binding.
 */
import type { KeyCapabilities, KeyPersistence, KeyStatus } from '../../../shared/key-status';
import { endpointOrigin } from '../../../shared/endpoint-origin';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger, SecretRegistry } from '../logger';
import { assertBoundTo } from './key-binding';
import type { KeyCheckResult } from './key-checker';
import type { KeyMetadataStore, KeyRecord } from './key-metadata';
import { KeyRecords } from './key-records';
import { KeychainAccess } from './keychain-access';
import {
  keychainAccount as defaultKeychainAccount,
  keychainService as defaultKeychainService,
  type SecretStore,
} from './secret-store';

export { otherEndpointSentence } from './key-binding';

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

export function createKeyVault(deps: KeyVaultDeps): KeyVault {
  const { log, secrets } = deps;
  const records = new KeyRecords({
    metadata: deps.metadata,
    legacyEndpoint: deps.legacyEndpoint,
    metadataNotice: deps.metadataNotice,
    log,
    now: deps.now ?? (() => new Date()),
  });
  const keychain = new KeychainAccess({
    loadSecretStore: deps.loadSecretStore,
    entry: deps.keychainEntry ?? { service: defaultKeychainService, account: defaultKeychainAccount },
    secrets,
    log,
  });
  const ourKeyExpected = () => records.hasKeychainKey();
  let queue: Promise<unknown> = Promise.resolve();

  /** Mutations run one at a time, so a save and a remove cannot interleave. */
  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation, operation);
    queue = result.catch(() => undefined);
    return result;
  }

  async function currentStatus(): Promise<KeyStatus> {
    return records.statusFrom(await keychain.probe(ourKeyExpected, () => records.forgetKeychainKey()));
  }

  async function readKey(): Promise<string> {
    const sessionKey = records.sessionKey;
    if (sessionKey) return sessionKey;
    return keychain.read(ourKeyExpected);
  }

  async function saveToKeychain(key: string, record: KeyRecord): Promise<void> {
    await keychain.write(key);
    records.keptInKeychain(record);
  }

  /** A session-only key replaces the stored one: the keychain entry goes, if it can be reached. */
  async function keepForSession(key: string, record: KeyRecord): Promise<void> {
    records.keptForSession(key, record);
    try {
      const deleted = await keychain.delete();
      // Not deleted (locked): the keychain key comes back next start, so its details stay.
      if (deleted && records.hasKeychainKey()) records.forgetKeychainKey();
    } catch (error) {
      keychain.failure('delete-replaced', error);
    }
  }

  return {
    status: currentStatus,

    save(key, persistence, endpoint) {
      return serialized(async () => {
        // Registered while it is checked (the check's own errors may quote it), dropped if refused.
        secrets.add(key);
        let check: KeyCheckResult;
        try {
          check = await deps.checkKey(key, endpoint);
        } catch (error) {
          // A key that was refused is no secret of ours: only the stored key stays registered.
          if (!records.isStored(key)) secrets.remove(key);
          throw error;
        }
        const record = records.recordFor(key, check, endpoint);
        if (persistence === 'keychain') await saveToKeychain(key, record);
        else await keepForSession(key, record);
        records.clearNotice();
        log.info('key saved', {
          storage: persistence,
          fingerprint: record.fingerprint,
          origin: endpointOrigin(endpoint),
        });
        return currentStatus();
      });
    },

    test(endpoint) {
      return serialized(async () => {
        const key = await readKey();
        assertBoundTo(records.recordOf(key), endpoint, log);
        const check = await deps.checkKey(key, endpoint);
        const record = records.recordFor(key, check, endpoint);
        records.rechecked(key, record);
        records.clearNotice();
        log.info('key tested', { fingerprint: record.fingerprint });
        return currentStatus();
      });
    },

    remove() {
      return serialized(async () => {
        records.dropSessionKey();
        // Our key may still be in a keychain we cannot reach: then keep its details and say why.
        try {
          await keychain.deleteOrExplain(ourKeyExpected);
        } catch (error) {
          const mapped = error instanceof EarshotError ? error : keychain.failure('delete', error);
          if (records.hasKeychainKey()) throw mapped;
        }
        records.clear();
        log.info('key removed');
        return currentStatus();
      });
    },

    async readKeyFor(endpoint) {
      const key = await readKey();
      assertBoundTo(records.recordOf(key), endpoint, log);
      return key;
    },

    projectId() {
      return records.current()?.projectId ?? null;
    },

    boundEndpoint() {
      return records.current()?.endpoint ?? null;
    },

    capabilities() {
      return records.currentCapabilities();
    },
  };
}
