/**
 * The vault when the keychain cannot be used: a session bus with no Secret Service, and a
 * gnome-keyring whose collection is locked. libsecret keeps one D-Bus connection per
 * process, so the vault runs in a child process pointed at these buses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import type { KeyStatus } from '../../../src/shared/key-status';
import { defaultMessages } from '../../../src/shared/user-facing-error';
import type { KeyVaultChildPlan, KeyVaultChildStep } from '../../support/key-vault-child';
import { startPrivateBus, startPrivateSecretService } from '../../support/private-dbus';
import { runKeyVaultChild } from '../../support/run-key-vault-child';
import { countFiles, filesContainingSecret } from '../../support/secret-search';

let emulator: DeepgramEmulator;
let directory: string;

beforeAll(async () => {
  emulator = await startDeepgramEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-vault-child-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function plan(steps: KeyVaultChildStep[]): KeyVaultChildPlan {
  return {
    endpoint: emulator.url,
    metadataPath: join(directory, 'key-metadata.json'),
    keychainEntry: { service: 'Earshot', account: 'deepgram-api-key' },
    steps,
  };
}

describe.skipIf(process.platform !== 'linux')('no Secret Service on the session bus (D-Bus, Linux)', () => {
  test('status says so in a plain sentence, and a session-only key works and writes nothing', async () => {
    const bus = await startPrivateBus('earshot-no-keychain-');
    try {
      const key = emulator.createKey({ scopes: ['member'], comment: 'no keychain' }).key;
      const { outcomes, logLines } = await runKeyVaultChild(
        bus.address,
        plan([
          { op: 'status' },
          { op: 'save', key, persistence: 'keychain' },
          { op: 'save', key, persistence: 'session-only' },
          { op: 'readKey' },
          { op: 'status' },
          { op: 'remove' },
          { op: 'readKey' },
        ]),
      );
      const [before, toKeychain, toSession, read, after, removed, readAfterRemove] = outcomes;
      const problem = { code: 'keychain-unavailable', message: defaultMessages['keychain-unavailable'] };
      expect(before).toEqual({
        op: 'status',
        ok: true,
        value: expect.objectContaining({ stored: false, keychain: { available: false, problem } }),
      });
      expect(problem.message).toMatch(/gnome-keyring.*libsecret-1-0.*session only/);
      expect(toKeychain).toEqual({ op: 'save', ok: false, ...problem });
      expect(toSession).toMatchObject({ ok: true, value: { stored: true, storage: 'session-only' } });
      expect((toSession as { value: KeyStatus }).value.projectId).toBe(emulator.projectId);
      expect(read).toEqual({
        op: 'readKey',
        ok: true,
        value: { length: key.length, matchesLastSaved: true },
      });
      expect(after).toMatchObject({
        ok: true,
        value: { stored: true, keychain: { available: false, problem } },
      });
      expect(removed).toMatchObject({ ok: true, value: { stored: false, storage: 'none' } });
      expect(readAfterRemove).toMatchObject({ ok: false, code: 'no-key' });
      // The keychain failure was logged by operation and code (error names, never messages), the key never was.
      expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
        expect.objectContaining({
          message: 'keychain operation failed',
          operation: 'read',
          code: 'keychain-unavailable',
          errorName: 'Error',
        }),
      );
      expect(logLines.join('\n')).not.toMatch(/org\.freedesktop\.secrets/);
      expect(logLines.join('\n')).not.toContain(key);
      // Nothing on disk holds the key: the vault's directory and the bus's throwaway HOME.
      expect(await countFiles([directory, bus.profile.root])).toBeGreaterThan(0);
      expect(await filesContainingSecret([directory, bus.profile.root], key)).toEqual([]);
    } finally {
      await bus.close();
    }
  });
});

describe.skipIf(process.platform !== 'linux')('a locked gnome-keyring (D-Bus, Linux)', () => {
  test('status and readKey say it is locked, the key is not lost, and session-only still works', async () => {
    const keyring = await startPrivateSecretService('earshot-locked-keyring-');
    try {
      const key = emulator.createKey({ scopes: ['member'], comment: 'locked' }).key;
      const saved = await runKeyVaultChild(
        keyring.address,
        plan([{ op: 'save', key, persistence: 'keychain' }]),
      );
      expect(saved.outcomes[0]).toMatchObject({ ok: true, value: { stored: true, storage: 'keychain' } });
      const fingerprint = (saved.outcomes[0] as { value: KeyStatus }).value.fingerprint;

      keyring.lock();
      const other = emulator.createKey({ scopes: ['member'], comment: 'while locked' }).key;
      const locked = await runKeyVaultChild(
        keyring.address,
        plan([
          { op: 'status' },
          { op: 'readKey' },
          { op: 'save', key: other, persistence: 'keychain' },
          { op: 'remove' },
          { op: 'save', key: other, persistence: 'session-only' },
          { op: 'readKey' },
        ]),
      );
      const [status, read, save, remove, session, readSession] = locked.outcomes;
      const problem = { code: 'keychain-locked', message: defaultMessages['keychain-locked'] };
      expect(problem.message).toMatch(/locked.*Unlock it/);
      // The stored key is still known (from its metadata); the keychain is reported locked.
      expect(status).toMatchObject({
        ok: true,
        value: { stored: true, storage: 'keychain', fingerprint, keychain: { available: false, problem } },
      });
      expect(read).toEqual({ op: 'readKey', ok: false, ...problem });
      expect(save).toEqual({ op: 'save', ok: false, ...problem });
      // Removing cannot reach the locked entry: refused, and the key's details are kept.
      expect(remove).toEqual({ op: 'remove', ok: false, ...problem });
      expect(session).toMatchObject({ ok: true, value: { stored: true, storage: 'session-only' } });
      expect(readSession).toMatchObject({ ok: true, value: { matchesLastSaved: true } });
    } finally {
      await keyring.close();
    }
  });
});
