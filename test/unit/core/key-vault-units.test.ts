import { describe, expect, test } from 'vitest';
import { keychainError, keyFingerprint } from '../../../src/main/core/key-vault';
import { newFingerprintSalt } from '../../../src/main/core/key-vault/fingerprint';
import { parseVaultMetadata } from '../../../src/main/core/key-vault/key-metadata';
import { EarshotError } from '../../../src/shared/user-facing-error';

describe('keychain errors become plain sentences', () => {
  // The messages libsecret and keytar really give (seen with a missing library, no D-Bus and no Secret Service, and in the locked-keyring test).
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
  const legacyEndpoint = 'https://api.deepgram.com';

  test('malformed fields are dropped, never trusted', () => {
    const empty = { version: 1, salt: null, keychainKey: null };
    expect(parseVaultMetadata(undefined, legacyEndpoint)).toEqual({
      metadata: empty,
      damaged: false,
      migrated: false,
    });
    expect(parseVaultMetadata('garbage', legacyEndpoint)).toEqual({
      metadata: empty,
      damaged: true,
      migrated: false,
    });
    expect(
      parseVaultMetadata(
        {
          salt: 'not-hex',
          keychainKey: { fingerprint: 'fp:zzzz', checkedAt: 'yesterday', capabilities: {} },
        },
        legacyEndpoint,
      ),
    ).toEqual({ metadata: empty, damaged: true, migrated: false });
  });

  test('a record from before endpoint binding is bound to the endpoint in settings; a bad endpoint drops it', () => {
    const record = {
      fingerprint: 'fp:0123-4567-89ab',
      projectId: 'p',
      projectName: 'P',
      capabilities: { scopes: ['project:read'], canMintTokens: true, canCreateKeys: false, canStream: true },
      checkedAt: '2026-11-01T00:00:00.000Z',
    };
    const legacy = parseVaultMetadata({ keychainKey: record }, 'http://127.0.0.1:8787');
    expect(legacy.migrated).toBe(true);
    expect(legacy.metadata.keychainKey?.endpoint).toBe('http://127.0.0.1:8787');
    const bound = parseVaultMetadata(
      { keychainKey: { ...record, endpoint: 'https://dg.example.com' } },
      legacyEndpoint,
    );
    expect(bound).toMatchObject({ migrated: false, damaged: false });
    expect(bound.metadata.keychainKey?.endpoint).toBe('https://dg.example.com');
    // An endpoint main would never have checked a key with is not trusted.
    const planted = parseVaultMetadata(
      { keychainKey: { ...record, endpoint: 'http://attacker.example' } },
      legacyEndpoint,
    );
    expect(planted).toMatchObject({ damaged: true, metadata: { keychainKey: null } });
  });
});
