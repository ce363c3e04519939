/**
 * The key vault with the real keychain (gnome-keyring on the run's private bus, see
 * test/setup/secret-service.ts), the real key check through the SDK, and the emulator.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import {
  createJsonFileKeyMetadataStore,
  createKeyChecker,
  createKeyVault,
  loadKeytarSecretStore,
  type KeyVault,
  type SecretStore,
} from '../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry, type SecretRegistry } from '../../src/main/core/logger';
import { EarshotError } from '../../src/shared/user-facing-error';
import { hasPrivateKeychain } from '../setup/keychain-tests';
import { countFiles, filesContainingSecret, profileRootOf } from '../setup/secret-search';

let emulator: DeepgramEmulator;
let keytar: SecretStore;
let directory: string;
let entry: { service: string; account: string };

beforeAll(async () => {
  emulator = await startDeepgramEmulator();
  if (hasPrivateKeychain()) keytar = await loadKeytarSecretStore();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-vault-'));
  // Each test has its own keychain entry, so nothing leaks between tests or test files.
  entry = { service: `Earshot test ${randomUUID()}`, account: 'deepgram-api-key' };
  emulator.setCredit(true);
});
afterEach(async () => {
  if (hasPrivateKeychain()) await keytar.deletePassword(entry.service, entry.account);
  await rm(directory, { recursive: true, force: true });
});

function metadataPath(): string {
  return join(directory, 'key-metadata.json');
}

function openVault(options: { secrets?: SecretRegistry; now?: () => Date } = {}) {
  const secrets = options.secrets ?? createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const vault: KeyVault = createKeyVault({
    loadSecretStore: loadKeytarSecretStore,
    metadata: createJsonFileKeyMetadataStore(metadataPath()),
    checkKey: createKeyChecker({ endpoint: () => emulator.url, log }),
    secrets,
    log,
    keychainEntry: entry,
    ...(options.now ? { now: options.now } : {}),
  });
  return { vault, log, secrets };
}

async function refusal(promise: Promise<unknown>): Promise<EarshotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EarshotError);
  return error as EarshotError;
}

function memberKey(comment = 'test'): string {
  return emulator.createKey({ scopes: ['member'], comment }).key;
}

describe.skipIf(!hasPrivateKeychain())(
  'key vault with the real keychain (needs the private Secret Service, Linux)',
  () => {
    test('with nothing saved, status says so and the keychain is available', async () => {
      const { vault } = openVault();
      expect(await vault.status()).toEqual({
        stored: false,
        storage: 'none',
        fingerprint: null,
        projectId: null,
        projectName: null,
        capabilities: null,
        checkedAt: null,
        keychain: { available: true, problem: null },
      });
      const error = await refusal(vault.readKey());
      expect(error.userFacing.code).toBe('no-key');
    });

    test('save puts the key in the keychain and status describes it without revealing it', async () => {
      const key = memberKey();
      const { vault } = openVault({ now: () => new Date('2026-11-27T10:00:00Z') });
      const status = await vault.save(key, 'keychain');
      expect(status).toMatchObject({
        stored: true,
        storage: 'keychain',
        projectId: emulator.projectId,
        projectName: 'Earshot Demo',
        checkedAt: '2026-11-27T10:00:00.000Z',
        capabilities: { canMintTokens: true, canCreateKeys: true, canStream: true },
        keychain: { available: true, problem: null },
      });
      expect(status.fingerprint).toMatch(/^fp:[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
      expect(await keytar.getPassword(entry.service, entry.account)).toBe(key);
      expect(await vault.readKey()).toBe(key);
      expect(vault.projectId()).toBe(emulator.projectId);
      expect(vault.capabilities()?.canMintTokens).toBe(true);
      // Only non-secret details went to the metadata file.
      const metadata = await readFile(metadataPath(), 'utf8');
      expect(metadata).toContain(emulator.projectId);
      expect(await filesContainingSecret([directory], key)).toEqual([]);
      expect(JSON.stringify(status)).not.toContain(key.slice(0, 6));
    });

    test('the fingerprint is stable across restarts, differs between keys and installs, and holds nothing of the key', async () => {
      const key = memberKey();
      const first = await openVault().vault.save(key, 'keychain');
      const afterRestart = await openVault().vault.status();
      expect(afterRestart.fingerprint).toBe(first.fingerprint);
      expect(afterRestart.projectId).toBe(emulator.projectId);
      const fingerprintHex = (first.fingerprint ?? '').replace(/[^0-9a-f]/g, '');
      for (let start = 0; start + 4 <= key.length; start += 1) {
        expect(fingerprintHex).not.toContain(key.slice(start, start + 4));
      }
      const other = await openVault().vault.save(memberKey('other'), 'keychain');
      expect(other.fingerprint).not.toBe(first.fingerprint);
      // Another install (another salt) gives the same key another fingerprint.
      await rm(metadataPath());
      await keytar.setPassword(entry.service, entry.account, key);
      const elsewhere = await openVault().vault.status();
      expect(elsewhere.fingerprint).not.toBe(first.fingerprint);
      // A key placed in the keychain by other means is shown, but what it may do is unknown until tested.
      expect(elsewhere).toMatchObject({
        stored: true,
        storage: 'keychain',
        capabilities: null,
        projectId: null,
      });
    });

    test('remove clears the keychain entry, the metadata and the session key', async () => {
      const { vault } = openVault();
      await vault.save(memberKey(), 'keychain');
      const status = await vault.remove();
      expect(status).toMatchObject({ stored: false, storage: 'none', fingerprint: null, capabilities: null });
      expect(await keytar.getPassword(entry.service, entry.account)).toBeNull();
      await expect(readFile(metadataPath(), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(vault.projectId()).toBeNull();
      expect((await refusal(vault.readKey())).userFacing.code).toBe('no-key');

      await vault.save(memberKey(), 'session-only');
      expect((await vault.remove()).stored).toBe(false);
      expect((await refusal(vault.readKey())).userFacing.code).toBe('no-key');
    });

    test('a key deleted from the keychain by other means is reported gone and its details forgotten', async () => {
      const { vault } = openVault();
      await vault.save(memberKey(), 'keychain');
      await keytar.deletePassword(entry.service, entry.account);
      expect(await vault.status()).toMatchObject({ stored: false, storage: 'none', projectId: null });
      expect(vault.projectId()).toBeNull();
      expect((await refusal(vault.readKey())).userFacing.code).toBe('no-key');
      expect(await readFile(metadataPath(), 'utf8')).not.toContain(emulator.projectId);
    });

    test('a bad key is refused on save, is not stored, and the stored key is kept', async () => {
      const good = memberKey();
      const { vault, log } = openVault();
      const saved = await vault.save(good, 'keychain');
      const bad = 'a'.repeat(40);
      const error = await refusal(vault.save(bad, 'keychain'));
      expect(error.userFacing.code).toBe('bad-key');
      expect(error.message).toMatch(/invalid or has expired/);
      expect(await keytar.getPassword(entry.service, entry.account)).toBe(good);
      expect(await vault.status()).toEqual(saved);
      expect(log.lines.join('\n')).not.toContain(bad);

      const stranger = await refusal(openVault().vault.save(bad, 'session-only'));
      expect(stranger.userFacing.code).toBe('bad-key');
    });

    test('saving a new key replaces the old one only after it passed the check', async () => {
      const first = memberKey('first');
      const second = memberKey('second');
      const { vault } = openVault();
      const before = await vault.save(first, 'keychain');
      const after = await vault.save(second, 'keychain');
      expect(after.fingerprint).not.toBe(before.fingerprint);
      expect(await keytar.getPassword(entry.service, entry.account)).toBe(second);
      expect(await vault.readKey()).toBe(second);
    });

    test('402, 403 and an unreachable endpoint give their sentences and store nothing', async () => {
      const { vault } = openVault();
      emulator.setCredit(false);
      const noCredit = await refusal(vault.save(memberKey(), 'keychain'));
      expect(noCredit.userFacing.code).toBe('no-credit');
      expect(noCredit.message).toMatch(/run out of credit/);
      emulator.setCredit(true);

      const streamOnly = emulator.createKey({ scopes: ['usage:write'], comment: 'stream only' }).key;
      const noPermission = await refusal(vault.save(streamOnly, 'keychain'));
      expect(noPermission.userFacing.code).toBe('no-permission');
      expect(noPermission.message).toMatch(/Member role/);

      const secrets = createSecretRegistry();
      const log = createMemoryLogger(secrets);
      const offline = createKeyVault({
        loadSecretStore: loadKeytarSecretStore,
        metadata: createJsonFileKeyMetadataStore(metadataPath()),
        checkKey: createKeyChecker({ endpoint: () => 'http://127.0.0.1:9', log }),
        secrets,
        log,
        keychainEntry: entry,
      });
      const unreachable = await refusal(offline.save(memberKey(), 'keychain'));
      expect(unreachable.userFacing.code).toBe('endpoint-unreachable');
      expect(unreachable.message).toContain('127.0.0.1:9');

      expect(await keytar.getPassword(entry.service, entry.account)).toBeNull();
      expect((await vault.status()).stored).toBe(false);
    });

    test('a session-only key lives in memory only: nothing written, gone after a restart', async () => {
      const key = memberKey('session');
      const { vault } = openVault();
      await vault.save(memberKey('replaced'), 'keychain');
      const status = await vault.save(key, 'session-only');
      expect(status).toMatchObject({
        stored: true,
        storage: 'session-only',
        projectId: emulator.projectId,
        keychain: { available: true, problem: null },
      });
      expect(await vault.readKey()).toBe(key);
      // The session-only key replaced the keychain one.
      expect(await keytar.getPassword(entry.service, entry.account)).toBeNull();
      const keyringProfile = profileRootOf(inject('secretServiceBusAddress'));
      // The search has something to search: the metadata file and the keyring's own files.
      expect(await countFiles([directory])).toBeGreaterThan(0);
      expect(await countFiles([keyringProfile])).toBeGreaterThan(0);
      expect(await filesContainingSecret([directory, keyringProfile], key)).toEqual([]);
      expect((await openVault().vault.status()).stored).toBe(false);
    });

    test('test() re-checks the stored key and refreshes when it was checked; a revoked key fails', async () => {
      let now = new Date('2026-11-27T10:00:00Z');
      const key = emulator.createKey({ scopes: ['member'], comment: 'to revoke' });
      const { vault } = openVault({ now: () => now });
      await vault.save(key.key, 'keychain');
      now = new Date('2026-11-27T11:00:00Z');
      expect((await vault.test()).checkedAt).toBe('2026-11-27T11:00:00.000Z');
      expect((await openVault().vault.status()).checkedAt).toBe('2026-11-27T11:00:00.000Z');
      emulator.revokeKey(key.apiKeyId);
      expect((await refusal(vault.test())).userFacing.code).toBe('bad-key');
      expect((await refusal(openVault().vault.test())).userFacing.code).toBe('bad-key');
    });

    test('logs redact the key once the vault has seen it, in clear, base64 and hex', async () => {
      const key = memberKey();
      const secrets = createSecretRegistry();
      const { vault, log } = openVault({ secrets });
      await vault.save(key, 'keychain');
      log.error(`careless ${key} ${Buffer.from(key).toString('base64')} ${Buffer.from(key).toString('hex')}`);
      const text = log.lines.join('\n');
      expect(text).toContain('careless [redacted] [redacted] [redacted]');
      expect(text).not.toContain(key);

      // After a restart the key is registered as soon as the vault reads it from the keychain.
      const restartedSecrets = createSecretRegistry();
      await openVault({ secrets: restartedSecrets }).vault.status();
      expect(restartedSecrets.redact(`x ${key} x`)).toBe('x [redacted] x');
    });
  },
);
