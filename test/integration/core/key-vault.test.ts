/**
 * The key vault with the real keychain (gnome-keyring on the run's private bus, see
 * test/setup/secret-service.ts), the real key check through the SDK, and the emulator.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  createJsonFileKeyMetadataStore,
  createKeyChecker,
  createKeyVault,
  loadKeytarSecretStore,
  type KeyVault,
  type SecretStore,
} from '../../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry, type SecretRegistry } from '../../../src/main/core/logger';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import { countFiles, filesContainingSecret, profileRootOf } from '../../support/secret-search';
import { refusal } from '../../support/refusal';

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
    checkKey: createKeyChecker({ log }),
    secrets,
    log,
    keychainEntry: entry,
    ...(options.now ? { now: options.now } : {}),
  });
  return { vault, log, secrets };
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
        endpoint: null,
        notice: null,
        keychain: { available: true, problem: null },
      });
      const error = await refusal(vault.readKeyFor(emulator.url));
      expect(error.userFacing.code).toBe('no-key');
    });

    test('save puts the key in the keychain and status describes it without revealing it', async () => {
      const key = memberKey();
      const { vault } = openVault({ now: () => new Date('2026-11-27T10:00:00Z') });
      const status = await vault.save(key, 'keychain', emulator.url);
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
      expect(await vault.readKeyFor(emulator.url)).toBe(key);
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
      const first = await openVault().vault.save(key, 'keychain', emulator.url);
      const afterRestart = await openVault().vault.status();
      expect(afterRestart.fingerprint).toBe(first.fingerprint);
      expect(afterRestart.projectId).toBe(emulator.projectId);
      const fingerprintHex = (first.fingerprint ?? '').replace(/[^0-9a-f]/g, '');
      for (let start = 0; start + 4 <= key.length; start += 1) {
        expect(fingerprintHex).not.toContain(key.slice(start, start + 4));
      }
      const other = await openVault().vault.save(memberKey('other'), 'keychain', emulator.url);
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
      await vault.save(memberKey(), 'keychain', emulator.url);
      const status = await vault.remove();
      expect(status).toMatchObject({ stored: false, storage: 'none', fingerprint: null, capabilities: null });
      expect(await keytar.getPassword(entry.service, entry.account)).toBeNull();
      await expect(readFile(metadataPath(), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(vault.projectId()).toBeNull();
      expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('no-key');

      await vault.save(memberKey(), 'session-only', emulator.url);
      expect((await vault.remove()).stored).toBe(false);
      expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('no-key');
    });

    test('a key deleted from the keychain by other means is reported gone and its details forgotten', async () => {
      const { vault } = openVault();
      await vault.save(memberKey(), 'keychain', emulator.url);
      await keytar.deletePassword(entry.service, entry.account);
      expect(await vault.status()).toMatchObject({ stored: false, storage: 'none', projectId: null });
      expect(vault.projectId()).toBeNull();
      expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('no-key');
      expect(await readFile(metadataPath(), 'utf8')).not.toContain(emulator.projectId);
    });

    test('a bad key is refused on save, is not stored, and the stored key is kept', async () => {
      const good = memberKey();
      const { vault, log } = openVault();
      const saved = await vault.save(good, 'keychain', emulator.url);
      const bad = 'a'.repeat(40);
      const error = await refusal(vault.save(bad, 'keychain', emulator.url));
      expect(error.userFacing.code).toBe('bad-key');
      expect(error.message).toMatch(/invalid or has expired/);
      expect(await keytar.getPassword(entry.service, entry.account)).toBe(good);
      expect(await vault.status()).toEqual(saved);
      expect(log.lines.join('\n')).not.toContain(bad);

      const stranger = await refusal(openVault().vault.save(bad, 'session-only', emulator.url));
      expect(stranger.userFacing.code).toBe('bad-key');
    });

    test('saving a new key replaces the old one only after it passed the check', async () => {
      const first = memberKey('first');
      const second = memberKey('second');
      const { vault } = openVault();
      const before = await vault.save(first, 'keychain', emulator.url);
      const after = await vault.save(second, 'keychain', emulator.url);
      expect(after.fingerprint).not.toBe(before.fingerprint);
      expect(await keytar.getPassword(entry.service, entry.account)).toBe(second);
      expect(await vault.readKeyFor(emulator.url)).toBe(second);
    });

    test('402, 403 and an unreachable endpoint give their sentences and store nothing', async () => {
      const { vault } = openVault();
      emulator.setCredit(false);
      const noCredit = await refusal(vault.save(memberKey(), 'keychain', emulator.url));
      expect(noCredit.userFacing.code).toBe('no-credit');
      expect(noCredit.message).toMatch(/run out of credit/);
      emulator.setCredit(true);

      const streamOnly = emulator.createKey({ scopes: ['usage:write'], comment: 'stream only' }).key;
      const noPermission = await refusal(vault.save(streamOnly, 'keychain', emulator.url));
      expect(noPermission.userFacing.code).toBe('no-permission');
      expect(noPermission.message).toMatch(/Member role/);

      const secrets = createSecretRegistry();
      const log = createMemoryLogger(secrets);
      const offline = createKeyVault({
        loadSecretStore: loadKeytarSecretStore,
        metadata: createJsonFileKeyMetadataStore(metadataPath()),
        checkKey: createKeyChecker({ log }),
        secrets,
        log,
        keychainEntry: entry,
      });
      const unreachable = await refusal(offline.save(memberKey(), 'keychain', 'http://127.0.0.1:9'));
      expect(unreachable.userFacing.code).toBe('endpoint-unreachable');
      expect(unreachable.message).toContain('127.0.0.1:9');

      expect(await keytar.getPassword(entry.service, entry.account)).toBeNull();
      expect((await vault.status()).stored).toBe(false);
    });

    test('a session-only key lives in memory only: nothing written, gone after a restart', async () => {
      const key = memberKey('session');
      const { vault } = openVault();
      await vault.save(memberKey('replaced'), 'keychain', emulator.url);
      const status = await vault.save(key, 'session-only', emulator.url);
      expect(status).toMatchObject({
        stored: true,
        storage: 'session-only',
        projectId: emulator.projectId,
        keychain: { available: true, problem: null },
      });
      expect(await vault.readKeyFor(emulator.url)).toBe(key);
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
      await vault.save(key.key, 'keychain', emulator.url);
      now = new Date('2026-11-27T11:00:00Z');
      expect((await vault.test(emulator.url)).checkedAt).toBe('2026-11-27T11:00:00.000Z');
      expect((await openVault().vault.status()).checkedAt).toBe('2026-11-27T11:00:00.000Z');
      emulator.revokeKey(key.apiKeyId);
      expect((await refusal(vault.test(emulator.url))).userFacing.code).toBe('bad-key');
      expect((await refusal(openVault().vault.test(emulator.url))).userFacing.code).toBe('bad-key');
    });

    test('the key is bound to the origin it was checked with: another origin is refused before anything is sent', async () => {
      const other = await startDeepgramEmulator();
      try {
        const key = memberKey();
        const { vault } = openVault();
        const saved = await vault.save(key, 'keychain', emulator.url);
        expect(saved.endpoint).toBe(emulator.url);
        const host = new URL(emulator.url).host;
        const otherHost = new URL(other.url).host;
        for (const attempt of [vault.readKeyFor(other.url), vault.test(other.url)]) {
          const error = await refusal(attempt);
          expect(error.userFacing).toEqual({
            code: 'key-other-endpoint',
            message: `The key was saved for ${host}. Save it again to use it with ${otherHost}.`,
          });
        }
        // Another scheme on the same host and port is another origin too.
        const https = emulator.url.replace('http://', 'https://');
        expect((await refusal(vault.readKeyFor(https))).userFacing.message).toBe(
          `The key was saved for ${emulator.url}. Save it again to use it with ${https}.`,
        );
        expect(other.recorder.restRequests).toEqual([]);
        expect(other.recorder.connections).toEqual([]);
        // A path on the same origin (a self-hosted Deepgram under a prefix) is the same server.
        expect(await vault.readKeyFor(`${emulator.url}/deepgram`)).toBe(key);
        // The binding survives a restart, and status still names the first project.
        const restarted = openVault().vault;
        expect((await refusal(restarted.readKeyFor(other.url))).userFacing.code).toBe('key-other-endpoint');
        expect(await restarted.status()).toMatchObject({
          endpoint: emulator.url,
          projectId: emulator.projectId,
        });
        // Saved again with the other endpoint, it belongs there and no longer to the first.
        const moved = await vault.save(other.demoKey, 'keychain', other.url);
        expect(moved).toMatchObject({ endpoint: other.url, projectId: other.projectId });
        expect(await vault.readKeyFor(other.url)).toBe(other.demoKey);
        expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('key-other-endpoint');
      } finally {
        await other.close();
      }
    });

    test('a key in the keychain that Earshot did not save is not sent anywhere until it is saved', async () => {
      const key = memberKey();
      await keytar.setPassword(entry.service, entry.account, key);
      const { vault } = openVault();
      expect((await vault.status()).stored).toBe(true);
      const error = await refusal(vault.readKeyFor(emulator.url));
      expect(error.userFacing.code).toBe('key-other-endpoint');
      expect(error.message).toMatch(/does not know which endpoint/);
      const requestsBefore = emulator.recorder.restRequests.length;
      expect((await refusal(vault.test(emulator.url))).userFacing.code).toBe('key-other-endpoint');
      expect(emulator.recorder.restRequests.length).toBe(requestsBefore);
    });

    test('a refused key is dropped from the redaction registry; the stored key stays in it', async () => {
      const stored = memberKey('stored');
      const secrets = createSecretRegistry();
      const { vault } = openVault({ secrets });
      await vault.save(stored, 'keychain', emulator.url);
      const refused = 'b'.repeat(40);
      await refusal(vault.save(refused, 'keychain', emulator.url));
      expect(secrets.redact(refused)).toBe(refused);
      // The stored key, saved again where it fails, is still a secret.
      await refusal(vault.save(stored, 'keychain', 'http://127.0.0.1:9'));
      expect(secrets.redact(`x ${stored}`)).toBe('x [redacted]');
    });

    test('damaged key details reach the user as a notice, until the key is saved again', async () => {
      const key = memberKey();
      await openVault().vault.save(key, 'keychain', emulator.url);
      await writeFile(metadataPath(), '{"salt": "');
      const { vault } = openVault();
      const status = await vault.status();
      expect(status.notice).toMatch(/record of your key was damaged/);
      expect(status).toMatchObject({ stored: true, storage: 'keychain', projectId: null });
      // Its binding is gone with it, so the key goes nowhere until saved again.
      expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('key-other-endpoint');
      const saved = await vault.save(key, 'keychain', emulator.url);
      expect(saved.notice).toBeNull();
      expect(await vault.readKeyFor(emulator.url)).toBe(key);
    });

    test('key details that read but cannot be trusted (a field changed by hand) also reach the user as a notice', async () => {
      const key = memberKey();
      await openVault().vault.save(key, 'keychain', emulator.url);
      const stored = JSON.parse(await readFile(metadataPath(), 'utf8')) as {
        keychainKey: Record<string, unknown>;
      };
      await writeFile(
        metadataPath(),
        JSON.stringify({ ...stored, keychainKey: { ...stored.keychainKey, fingerprint: 'fp:planted' } }),
      );
      const { vault } = openVault();
      const status = await vault.status();
      expect(status.notice).toMatch(/record of your key was damaged/);
      expect((await refusal(vault.readKeyFor(emulator.url))).userFacing.code).toBe('key-other-endpoint');
      expect((await vault.save(key, 'keychain', emulator.url)).notice).toBeNull();
    });

    test('logs redact the key once the vault has seen it, in clear, base64 and hex', async () => {
      const key = memberKey();
      const secrets = createSecretRegistry();
      const { vault, log } = openVault({ secrets });
      await vault.save(key, 'keychain', emulator.url);
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
