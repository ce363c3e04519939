import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createJsonFileKeyMetadataStore, keychainError, keyFingerprint } from '../../src/main/core/key-vault';
import { newFingerprintSalt } from '../../src/main/core/key-vault/fingerprint';
import { parseVaultMetadata } from '../../src/main/core/key-vault/key-metadata';
import { EarshotError } from '../../src/shared/user-facing-error';

describe('keychain errors become plain sentences', () => {
  // The messages libsecret and keytar really give (see electron-anchors.md B3 and the locked-keyring test).
  test.each([
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', 'keychain-unavailable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain-unavailable'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain-unavailable'],
    ['Could not connect: No such file or directory', 'keychain-unavailable'],
    ['Cannot create an item in a locked collection', 'keychain-locked'],
    ['The prompt was dismissed', 'keychain-locked'],
  ])('%s → %s', (message, code) => {
    const mapped = keychainError(new Error(message));
    expect(mapped).toBeInstanceOf(EarshotError);
    expect(mapped.userFacing.code).toBe(code);
    expect(mapped.message).not.toContain(message);
  });
});

describe('fingerprints', () => {
  test('are keyed by the install salt and shaped fp:xxxx-xxxx-xxxx', () => {
    const salt = newFingerprintSalt();
    const key = '0123456789abcdef0123456789abcdef01234567';
    const fingerprint = keyFingerprint(key, salt);
    expect(fingerprint).toMatch(/^fp:[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(keyFingerprint(key, salt)).toBe(fingerprint);
    expect(keyFingerprint(key, newFingerprintSalt())).not.toBe(fingerprint);
    expect(keyFingerprint(`${key.slice(0, -1)}8`, salt)).not.toBe(fingerprint);
  });
});

describe('key metadata is untrusted input', () => {
  test('malformed fields are dropped, never trusted', () => {
    expect(parseVaultMetadata('garbage')).toEqual({ version: 1, salt: null, keychainKey: null });
    expect(
      parseVaultMetadata({
        salt: 'not-hex',
        keychainKey: { fingerprint: 'fp:zzzz', checkedAt: 'yesterday', capabilities: {} },
      }),
    ).toEqual({ version: 1, salt: null, keychainKey: null });
  });

  test('a damaged metadata file reads as empty', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'earshot-metadata-'));
    try {
      const path = join(directory, 'key-metadata.json');
      const store = createJsonFileKeyMetadataStore(path);
      expect(store.read()).toBeUndefined();
      store.write({ salt: 'ab' });
      expect(store.read()).toEqual({ salt: 'ab' });
      await writeFile(path, '{"salt": ');
      expect(store.read()).toBeUndefined();
      store.clear();
      expect(store.read()).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
