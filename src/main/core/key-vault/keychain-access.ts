/**
 * The vault's entry in the OS keychain: reading, writing and deleting our key, every failure
 * logged and turned into the sentence the user reads, and the one thing libsecret will not
 * say outright: that a collection is locked.
 */
import { randomBytes } from 'node:crypto';
import { EarshotError, type UserFacingError } from '../../../shared/user-facing-error';
import { errorName, type Logger, type SecretRegistry } from '../logger';
import { keychainError, type SecretStore } from './secret-store';

/** An entry written and deleted at once to tell a locked keychain from one without our key. */
const probeAccount = 'keychain-write-probe';

/** What the keychain holds for us now, and whether it can be used. */
export interface KeychainProbe {
  available: boolean;
  problem: UserFacingError | null;
  key: string | null;
}

export interface KeychainAccessDeps {
  loadSecretStore: () => Promise<SecretStore>;
  entry: { service: string; account: string };
  /** A key read from the keychain is registered here at once, so logs redact it. */
  secrets: SecretRegistry;
  log: Logger;
}

export class KeychainAccess {
  constructor(private readonly deps: KeychainAccessDeps) {}

  /** Logs what the keychain threw (for us) and returns the error the user reads. */
  failure(operation: string, error: unknown): EarshotError {
    const mapped = keychainError(error);
    const original = error instanceof EarshotError ? error.cause : error;
    this.deps.log.warn('keychain operation failed', {
      operation,
      code: mapped.userFacing.code,
      errorName: errorName(original),
    });
    return mapped;
  }

  /**
   * Our key, if the keychain holds it. `ourKeyExpected` says Earshot saved one there: only
   * then is an empty answer checked for a locked collection (on a desktop each check of a
   * locked keyring is an unlock prompt), and `forgetOurKey` called when it is truly gone.
   */
  async probe(ourKeyExpected: () => boolean, forgetOurKey: () => void): Promise<KeychainProbe> {
    try {
      const store = await this.store();
      const key = await this.get(store);
      if (key) return { available: true, problem: null, key };
      if (!ourKeyExpected()) return { available: true, problem: null, key: null };
      const problem = await this.lockedProblem(store);
      if (problem) return { available: false, problem: problem.userFacing, key: null };
      this.deps.log.info('the stored key is no longer in the keychain; forgetting its details');
      forgetOurKey();
      return { available: true, problem: null, key: null };
    } catch (error) {
      const mapped = keychainError(error);
      return { available: false, problem: mapped.userFacing, key: null };
    }
  }

  /**
   * Our key, or the reason there is none. A keychain problem is the answer only when our key
   * is in that keychain; otherwise there is simply no key, and "save a key" is the sentence
   * that helps.
   */
  async read(ourKeyExpected: () => boolean): Promise<string> {
    const noKey = new EarshotError('no-key');
    let store: SecretStore;
    let key: string | null;
    try {
      store = await this.store();
      key = await store.getPassword(this.deps.entry.service, this.deps.entry.account);
    } catch (error) {
      const mapped = this.failure('read', error);
      throw ourKeyExpected() ? mapped : noKey;
    }
    if (key) {
      this.deps.secrets.add(key);
      return key;
    }
    const problem = ourKeyExpected() ? await this.lockedProblem(store) : null;
    throw problem ?? noKey;
  }

  async write(key: string): Promise<void> {
    const store = await this.store();
    try {
      await store.setPassword(this.deps.entry.service, this.deps.entry.account, key);
    } catch (error) {
      throw this.failure('write', error);
    }
  }

  /** Deletes our entry; false when there was none. Failures are thrown as they came. */
  async delete(): Promise<boolean> {
    return (await this.deleteFrom()).deleted;
  }

  /**
   * Deletes our entry. A locked collection answers "nothing to delete" rather than failing,
   * so when our key should be there, that answer is checked and thrown as the problem.
   */
  async deleteOrExplain(ourKeyExpected: () => boolean): Promise<void> {
    const { store, deleted } = await this.deleteFrom();
    const problem = !deleted && ourKeyExpected() ? await this.lockedProblem(store) : null;
    if (problem) throw problem;
  }

  private async deleteFrom(): Promise<{ store: SecretStore; deleted: boolean }> {
    const store = await this.deps.loadSecretStore();
    const deleted = await store.deletePassword(this.deps.entry.service, this.deps.entry.account);
    return { store, deleted };
  }

  private async store(): Promise<SecretStore> {
    try {
      return await this.deps.loadSecretStore();
    } catch (error) {
      throw this.failure('load', error);
    }
  }

  private async get(store: SecretStore): Promise<string | null> {
    let key: string | null;
    try {
      key = await store.getPassword(this.deps.entry.service, this.deps.entry.account);
    } catch (error) {
      throw this.failure('read', error);
    }
    if (key) this.deps.secrets.add(key);
    return key;
  }

  /**
   * libsecret answers "no such item" for a locked collection rather than failing, so an
   * empty answer where our key should be is followed by a throwaway write, which does fail
   * when the collection is locked.
   */
  private async lockedProblem(store: SecretStore): Promise<EarshotError | null> {
    try {
      await store.setPassword(this.deps.entry.service, probeAccount, randomBytes(8).toString('hex'));
      await store.deletePassword(this.deps.entry.service, probeAccount);
      return null;
    } catch (error) {
      return this.failure('write-probe', error);
    }
  }
}
