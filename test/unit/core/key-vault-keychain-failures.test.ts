/**
 * The vault over a keychain that fails in the ways a real one can and the private Secret
 * Service of the integration suite cannot be made to: libsecret missing, a read or write
 * that throws, a delete that throws, a locked collection that answers "no such item". The
 * keychain and the metadata file are in memory; the key check is a stub.
 */
import { describe, expect, test } from 'vitest';
import { createKeyVault, type SecretStore } from '../../../src/main/core/key-vault';
import type { KeyCheckResult } from '../../../src/main/core/key-vault/key-checker';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { defaultMessages } from '../../../src/shared/user-facing-error';
import { refusal } from '../../support/refusal';

const endpoint = 'https://api.deepgram.com';
const key = 'a'.repeat(40);
const checked: KeyCheckResult = {
  projectId: 'project-1',
  projectName: 'Demo',
  capabilities: {
    scopes: ['project:read', 'usage:write'],
    canMintTokens: true,
    canCreateKeys: false,
    canStream: true,
  },
};

type Operation = 'get' | 'set' | 'delete';

/** A keychain in memory; `fail` makes an operation throw (or, for a locked one, answer empty). */
function memoryKeychain() {
  const entries = new Map<string, string>();
  const fail: Partial<Record<Operation, Error>> = {};
  const state = { lockedAnswersEmpty: false, calls: [] as string[] };
  const store: SecretStore = {
    getPassword: async (service, account) => {
      state.calls.push(`get ${account}`);
      if (fail.get) throw fail.get;
      if (state.lockedAnswersEmpty) return null;
      return entries.get(`${service}/${account}`) ?? null;
    },
    setPassword: async (service, account, password) => {
      state.calls.push(`set ${account}`);
      if (fail.set) throw fail.set;
      entries.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => {
      state.calls.push(`delete ${account}`);
      if (fail.delete) throw fail.delete;
      if (state.lockedAnswersEmpty) return false;
      return entries.delete(`${service}/${account}`);
    },
  };
  return { store, entries, fail, state };
}

function memoryMetadata(initial?: unknown) {
  const file = { value: initial as unknown, readFails: false };
  return {
    file,
    store: {
      read: () => {
        if (file.readFails) throw new SyntaxError('Unexpected end of JSON input');
        return file.value;
      },
      write: (value: unknown) => {
        file.value = structuredClone(value);
      },
      clear: () => {
        file.value = undefined;
      },
    },
  };
}

function vaultWith(
  options: {
    keychain?: ReturnType<typeof memoryKeychain>;
    metadata?: ReturnType<typeof memoryMetadata>;
    loadFails?: Error;
  } = {},
) {
  const keychain = options.keychain ?? memoryKeychain();
  const metadata = options.metadata ?? memoryMetadata();
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const vault = createKeyVault({
    loadSecretStore: async () => {
      if (options.loadFails) throw options.loadFails;
      return keychain.store;
    },
    metadata: metadata.store,
    checkKey: async () => structuredClone(checked),
    secrets,
    log,
    now: () => new Date('2026-12-02T05:00:00.000Z'),
  });
  const warnings = () =>
    log.lines
      .filter((line) => line.includes('keychain operation failed'))
      .map((line) => JSON.parse(line) as object);
  return { vault, keychain, metadata, log, warnings };
}

describe('the vault when the keychain fails', () => {
  test('without libsecret, status says the keychain is unavailable and a key can still be kept for the session', async () => {
    const { vault, warnings } = vaultWith({
      loadFails: new Error('libsecret-1.so.0: cannot open shared object file'),
    });
    const status = await vault.status();
    expect(status).toMatchObject({ stored: false, storage: 'none', keychain: { available: false } });
    expect(status.keychain.problem?.code).toBe('keychain-unavailable');

    const refused = await refusal(vault.save(key, 'keychain', endpoint));
    expect(refused.userFacing.code).toBe('keychain-unavailable');
    // Each look at the keychain logs what it threw (status, then save).
    expect(warnings()).toEqual([
      expect.objectContaining({ operation: 'load', code: 'keychain-unavailable', errorName: 'Error' }),
      expect.objectContaining({ operation: 'load', code: 'keychain-unavailable', errorName: 'Error' }),
    ]);

    // The replaced keychain entry cannot be deleted, which is logged and does not stop the save.
    const saved = await vault.save(key, 'session-only', endpoint);
    expect(saved).toMatchObject({ stored: true, storage: 'session-only', projectId: 'project-1', endpoint });
    expect(await vault.readKeyFor(endpoint)).toBe(key);
    expect(warnings().map((warning) => (warning as { operation: string }).operation)).toEqual([
      'load',
      'load',
      'delete-replaced',
      'load',
    ]);
  });

  test('a write that throws is the keychain sentence, and nothing about the key is recorded', async () => {
    const keychain = memoryKeychain();
    keychain.fail.set = new Error('Cannot create an item in a locked collection');
    const { vault, metadata, warnings, log } = vaultWith({ keychain });
    const refused = await refusal(vault.save(key, 'keychain', endpoint));
    expect(refused.userFacing).toEqual({
      code: 'keychain-locked',
      message: defaultMessages['keychain-locked'],
    });
    expect(warnings()).toEqual([
      expect.objectContaining({ operation: 'write', code: 'keychain-locked', errorName: 'Error' }),
    ]);
    // The keychain's own text is not logged: only the error's name.
    expect(log.lines.join('\n')).not.toContain('locked collection');
    expect((metadata.file.value as { keychainKey?: unknown } | undefined)?.keychainKey ?? null).toBeNull();
    expect(vault.projectId()).toBeNull();
  });

  test('a read that throws hides the keychain problem unless Earshot saved a key there', async () => {
    const keychain = memoryKeychain();
    const { vault, warnings } = vaultWith({ keychain });
    keychain.fail.get = new Error('org.freedesktop.DBus.Error.ServiceUnknown');

    // Nothing of ours is in the keychain: the helpful sentence is "save a key".
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('no-key');
    const before = await vault.status();
    expect(before.keychain).toEqual({
      available: false,
      problem: { code: 'keychain-unavailable', message: defaultMessages['keychain-unavailable'] },
    });

    delete keychain.fail.get;
    await vault.save(key, 'keychain', endpoint);
    keychain.fail.get = new Error('org.freedesktop.DBus.Error.ServiceUnknown');
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('keychain-unavailable');
    expect(warnings().map((warning) => (warning as { operation: string }).operation)).toEqual([
      'read',
      'read',
      'read',
    ]);
    // What is known about the saved key is still shown while the keychain cannot be read.
    expect(await vault.status()).toMatchObject({
      stored: true,
      storage: 'keychain',
      projectId: 'project-1',
      keychain: { available: false },
    });
  });

  test('a locked collection answering "no such item" is told from a key that is gone by a throwaway write', async () => {
    const keychain = memoryKeychain();
    const { vault } = vaultWith({ keychain });
    await vault.save(key, 'keychain', endpoint);

    keychain.state.lockedAnswersEmpty = true;
    keychain.fail.set = new Error('Cannot create an item in a locked collection');
    keychain.state.calls.length = 0;
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('keychain-locked');
    expect(keychain.state.calls).toEqual(['get deepgram-api-key', 'set keychain-write-probe']);
    const locked = await vault.status();
    expect(locked).toMatchObject({ stored: true, storage: 'keychain', projectId: 'project-1' });
    expect(locked.keychain.problem?.code).toBe('keychain-locked');

    // Removing the key while the collection is locked says why, and keeps what is known about it.
    expect((await refusal(vault.remove())).userFacing.code).toBe('keychain-locked');
    expect(vault.projectId()).toBe('project-1');

    // Unlocked and truly empty: the key is gone, so its details are forgotten.
    keychain.state.lockedAnswersEmpty = false;
    delete keychain.fail.set;
    keychain.entries.clear();
    expect(await vault.status()).toMatchObject({ stored: false, storage: 'none', projectId: null });
    expect(vault.boundEndpoint()).toBeNull();
  });

  test('a delete that throws stops a remove only when the keychain holds our key', async () => {
    const keychain = memoryKeychain();
    const { vault, warnings } = vaultWith({ keychain });
    await vault.save(key, 'keychain', endpoint);
    keychain.fail.delete = new Error('Prompt dismissed');
    expect((await refusal(vault.remove())).userFacing.code).toBe('keychain-locked');
    expect(await vault.readKeyFor(endpoint)).toBe(key);
    expect(warnings().at(-1)).toMatchObject({ operation: 'delete', code: 'keychain-locked' });

    // Without a key of ours in the keychain, the same failure does not stop removing a session key.
    const sessionOnly = vaultWith();
    await sessionOnly.vault.save(key, 'session-only', endpoint);
    sessionOnly.keychain.fail.delete = new Error('No such interface');
    expect(await sessionOnly.vault.remove()).toMatchObject({ stored: false, storage: 'none' });
    expect((await refusal(sessionOnly.vault.readKeyFor(endpoint))).userFacing.code).toBe('no-key');
    expect(sessionOnly.warnings().at(-1)).toMatchObject({
      operation: 'delete',
      code: 'keychain-unavailable',
    });
  });

  test('a key put in the keychain by other means is shown by fingerprint, but is not sent until tested', async () => {
    const keychain = memoryKeychain();
    keychain.entries.set('Earshot/deepgram-api-key', key);
    const { vault } = vaultWith({ keychain });
    const status = await vault.status();
    expect(status).toMatchObject({ stored: true, storage: 'keychain', projectId: null, capabilities: null });
    expect(status.fingerprint).toMatch(/^fp:/);
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('key-other-endpoint');
  });
});

describe('the vault when its record of the key is damaged', () => {
  test('an unreadable metadata file is set aside with a notice, and saving a key clears the notice', async () => {
    const metadata = memoryMetadata();
    metadata.file.readFails = true;
    const { vault, log } = vaultWith({ metadata });
    const status = await vault.status();
    expect(status.notice).toMatch(/record of your key was damaged/);
    expect(
      log.lines.some((line) => line.includes('key metadata unreadable') && line.includes('SyntaxError')),
    ).toBe(true);
    expect((await vault.save(key, 'keychain', endpoint)).notice).toBeNull();
  });

  test('a record with a field that cannot be trusted is dropped with a notice; the key in the keychain is still shown', async () => {
    const first = vaultWith();
    await first.vault.save(key, 'keychain', endpoint);
    const stored = structuredClone(first.metadata.file.value) as { keychainKey: Record<string, unknown> };
    stored.keychainKey.fingerprint = 'fp:not-a-fingerprint';
    const { vault, log } = vaultWith({ keychain: first.keychain, metadata: memoryMetadata(stored) });
    expect(log.lines.some((line) => line.includes('key metadata partly unreadable'))).toBe(true);
    const status = await vault.status();
    expect(status).toMatchObject({ stored: true, storage: 'keychain', projectId: null, capabilities: null });
    expect(status.notice).toMatch(/record of your key was damaged/);
    // Without a trusted record the key is not bound to any endpoint, so it is not sent.
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('key-other-endpoint');
  });

  test('a record from before endpoint binding is bound to the legacy endpoint and written back', async () => {
    const first = vaultWith();
    await first.vault.save(key, 'keychain', endpoint);
    const stored = structuredClone(first.metadata.file.value) as { keychainKey: Record<string, unknown> };
    delete stored.keychainKey.endpoint;

    const metadata = memoryMetadata(stored);
    const secrets = createSecretRegistry();
    const log = createMemoryLogger(secrets);
    const vault = createKeyVault({
      loadSecretStore: async () => first.keychain.store,
      metadata: metadata.store,
      checkKey: async () => structuredClone(checked),
      legacyEndpoint: () => 'https://deepgram.example.org/',
      secrets,
      log,
    });
    expect(vault.boundEndpoint()).toBe('https://deepgram.example.org');
    expect((metadata.file.value as { keychainKey: { endpoint: string } }).keychainKey.endpoint).toBe(
      'https://deepgram.example.org',
    );
    expect(log.lines.some((line) => line.includes('"origin":"https://deepgram.example.org"'))).toBe(true);
    expect(await vault.readKeyFor('https://deepgram.example.org/v1/listen')).toBe(key);
    expect((await refusal(vault.readKeyFor(endpoint))).userFacing.code).toBe('key-other-endpoint');
  });
});
