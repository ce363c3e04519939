/**
 * The key check through the real @deepgram/sdk against the Deepgram emulator.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { createKeyChecker } from '../../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { refusal } from '../../support/refusal';

let emulator: DeepgramEmulator;

beforeAll(async () => {
  emulator = await startDeepgramEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.setCredit(true);
  emulator.faults.reset();
  emulator.recorder.clear();
});

function checkerFor(endpoint: string, options: { timeoutSeconds?: number } = {}) {
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const checker = createKeyChecker({ log, ...options });
  return { check: (key: string) => checker(key, endpoint), log };
}

describe('key check against the emulator', () => {
  test('a Member key passes and the check learns its project and what it may do', async () => {
    const { check, log } = checkerFor(emulator.url);
    const result = await check(emulator.demoKey);
    expect(result.projectId).toBe(emulator.projectId);
    expect(result.projectName).toBe('Earshot Demo');
    expect(result.capabilities).toEqual({
      scopes: ['project:read', 'usage:write', 'keys:read', 'keys:write'],
      canMintTokens: true,
      canCreateKeys: true,
      canStream: true,
    });
    // The probe key made to learn keys:write is deleted at once.
    const probes = emulator.listKeys().filter((key) => key.comment.startsWith('Earshot key check'));
    expect(probes).toHaveLength(1);
    expect(probes[0]?.deleted).toBe(true);
    expect(probes[0]?.scopes).toEqual(['usage:write']);
    // The stream probe authenticated with a minted token, not the key, and sent no audio.
    const streams = emulator.recorder.connections;
    expect(streams).toHaveLength(1);
    expect(streams[0]?.credential.kind).toBe('access-token');
    expect(streams[0]?.audio.bytes).toBe(0);
    expect(log.lines.join('\n')).not.toContain(emulator.demoKey);
  });

  test('an unknown key is a bad key, and the sentence holds no part of it', async () => {
    const bogus = 'f'.repeat(40);
    const { check, log } = checkerFor(emulator.url);
    const error = await refusal(check(bogus));
    expect(error.userFacing.code).toBe('bad-key');
    expect(error.message).not.toContain('ffff');
    expect(log.lines.join('\n')).not.toContain('ffff');
  });

  test('a revoked key is a bad key', async () => {
    const { key } = emulator.createKey({ scopes: ['member'], comment: 'revoked' });
    emulator.revokeKey(key);
    const error = await refusal(checkerFor(emulator.url).check(key));
    expect(error.userFacing.code).toBe('bad-key');
  });

  test('a key that can stream but not read its project is refused, asking for the Member role', async () => {
    const { key } = emulator.createKey({ scopes: ['usage:write'], comment: 'stream only' });
    const error = await refusal(checkerFor(emulator.url).check(key));
    expect(error.userFacing.code).toBe('no-permission');
    expect(error.message).toMatch(/Member role/);
    expect(error.message).not.toContain(key.slice(0, 8));
  });

  test('a read-only key that cannot stream is refused with no-permission', async () => {
    const { key } = emulator.createKey({ scopes: ['project:read'], comment: 'read only' });
    const error = await refusal(checkerFor(emulator.url).check(key));
    expect(error.userFacing.code).toBe('no-permission');
    expect(error.message).toMatch(/cannot create temporary credentials/);
  });

  test('a key that can read and stream but not mint or create keys is accepted with what it may do', async () => {
    const { key } = emulator.createKey({ scopes: ['project:read', 'usage:write'], comment: 'direct' });
    const result = await checkerFor(emulator.url).check(key);
    expect(result.capabilities).toEqual({
      scopes: ['project:read', 'usage:write'],
      canMintTokens: false,
      canCreateKeys: false,
      canStream: true,
    });
  });

  test('a project without credit is refused with no-credit', async () => {
    emulator.setCredit(false);
    const error = await refusal(checkerFor(emulator.url).check(emulator.demoKey));
    expect(error.userFacing.code).toBe('no-credit');
    expect(error.message).toMatch(/credit/);
  });

  test('an endpoint refusing the stream with 403 makes the key no-permission', async () => {
    const { key } = emulator.createKey({ scopes: ['project:read', 'usage:write'], comment: 'refused' });
    emulator.faults.refuseHandshakes(1, 403);
    const error = await refusal(checkerFor(emulator.url).check(key));
    expect(error.userFacing.code).toBe('no-permission');
  });
});

describe('unreachable endpoints', () => {
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts TCP connections and never answers: a black-holed endpoint.
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  test('a closed port answers at once with a sentence naming the host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = Date.now();
    const error = await refusal(checkerFor(`http://127.0.0.1:${port}`).check(emulator.demoKey));
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain(emulator.demoKey.slice(0, 8));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an endpoint that never answers times out within the check timeout', async () => {
    const started = Date.now();
    const error = await refusal(
      checkerFor(`http://127.0.0.1:${silentPort}`, { timeoutSeconds: 1 }).check(emulator.demoKey),
    );
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toContain(`127.0.0.1:${silentPort}`);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('a host that does not resolve is unreachable', async () => {
    const error = await refusal(checkerFor('https://deepgram.invalid').check(emulator.demoKey));
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toContain('deepgram.invalid');
  });
});
