import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { ephemeralKeyTtlSeconds } from '../../../src/main/core/session';
import { startGrantRefusingProxy, type GrantRefusingProxy } from '../../support/grant-refusing-proxy';
import { createHarness, pushFrames, toFrames, silence, waitUntil } from '../../support/session-test-kit';

describe('streaming credentials: which credential reaches /v1/listen', () => {
  let emulator: DeepgramEmulator;
  let demoKeyId: string;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
    demoKeyId = emulator.listKeys().find((key) => key.comment === 'Earshot demo key')?.apiKeyId ?? '';
    expect(demoKeyId).not.toBe('');
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  const grants = () => emulator.recorder.restRequests.filter((request) => request.path === '/v1/auth/grant');

  it('auto (the default) streams with a short-lived access token minted from the stored key', async () => {
    const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
    const state = await harness.controller.start();
    expect(state).toMatchObject({ credential: 'access-token', notice: null });
    await harness.controller.stop();
    const [connection] = emulator.recorder.connections;
    expect(connection?.credential).toMatchObject({
      kind: 'access-token',
      apiKeyId: demoKeyId,
      via: 'header',
    });
    expect(grants()).toEqual([expect.objectContaining({ method: 'POST', status: 200, apiKeyId: demoKeyId })]);
    // The minted token is known to the log redactor.
    const token = connection?.headers.authorization?.replace(/^Bearer /, '') ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(harness.secrets.redact(`token=${token}`)).toBe('token=[redacted]');
  });

  it('direct streams with the stored key itself', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      settings: { streamingCredential: 'direct' },
    });
    expect((await harness.controller.start()).credential).toBe('stored-key');
    await harness.controller.stop();
    expect(emulator.recorder.connections[0]?.credential).toMatchObject({
      kind: 'api-key',
      apiKeyId: demoKeyId,
    });
    expect(grants()).toEqual([]);
  });

  it('ephemeral-key creates a usage:write-only key with a TTL and deletes it at stop', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      projectId: emulator.projectId,
      settings: { streamingCredential: 'ephemeral-key' },
    });
    const before = Date.now();
    expect((await harness.controller.start()).credential).toBe('ephemeral-key');
    const [connection] = emulator.recorder.connections;
    expect(connection?.credential.kind).toBe('api-key');
    const ephemeralId = connection?.credential.apiKeyId;
    expect(ephemeralId).not.toBe(demoKeyId);
    const created = emulator.listKeys().find((key) => key.apiKeyId === ephemeralId);
    expect(created).toMatchObject({ scopes: ['usage:write'], deleted: false });
    const expiresIn = (created?.expiresAt?.getTime() ?? 0) - before;
    expect(expiresIn).toBeGreaterThan((ephemeralKeyTtlSeconds - 5) * 1000);
    expect(expiresIn).toBeLessThanOrEqual((ephemeralKeyTtlSeconds + 5) * 1000);
    const ephemeralKey = connection?.headers.authorization?.replace(/^Token /, '') ?? '';
    expect(ephemeralKey).not.toBe(emulator.demoKey);
    expect(harness.secrets.redact(ephemeralKey)).toBe('[redacted]');
    await harness.controller.stop();
    expect(emulator.listKeys().find((key) => key.apiKeyId === ephemeralId)?.deleted).toBe(true);
  });

  it('ephemeral-key: the key is deleted when a fatal error ends the session too', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      settings: { streamingCredential: 'ephemeral-key' },
    });
    await harness.controller.start();
    const ephemeralId = emulator.recorder.connections[0]?.credential.apiKeyId;
    emulator.faults.closeConnections(1008, 'DATA-0000');
    await waitUntil(() => harness.controller.state().phase === 'error', 5000, 'the error state');
    await waitUntil(
      () => emulator.listKeys().find((key) => key.apiKeyId === ephemeralId)?.deleted === true,
      5000,
      'the key deletion',
    );
  });

  it('ephemeral-key replaces a key nearing its TTL when a long session reconnects', async () => {
    let clockOffsetMs = 0;
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      settings: { streamingCredential: 'ephemeral-key' },
      tuning: { now: () => Date.now() + clockOffsetMs },
    });
    await harness.controller.start();
    const firstId = emulator.recorder.connections[0]?.credential.apiKeyId;
    emulator.faults.dropConnections();
    await waitUntil(() => emulator.recorder.connections.length === 2, 5000, 'a quick reconnection');
    expect(emulator.recorder.connections[1]?.credential.apiKeyId).toBe(firstId);
    // Fourteen minutes later the 15-minute key is about to expire: the next connection gets a new one.
    clockOffsetMs = (ephemeralKeyTtlSeconds - 60) * 1000;
    await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live');
    emulator.faults.dropConnections();
    await waitUntil(() => emulator.recorder.connections.length === 3, 5000, 'the late reconnection');
    const thirdId = emulator.recorder.connections[2]?.credential.apiKeyId;
    expect(thirdId).not.toBe(firstId);
    await waitUntil(
      () => emulator.listKeys().find((key) => key.apiKeyId === firstId)?.deleted === true,
      5000,
      'the old key deletion',
    );
    await harness.controller.stop();
    expect(emulator.listKeys().find((key) => key.apiKeyId === thirdId)?.deleted).toBe(true);
  });

  it('ephemeral-key: a key revoked underneath the session is replaced at the next reconnection', async () => {
    const harness = createHarness({
      endpoint: emulator.url,
      key: emulator.demoKey,
      settings: { streamingCredential: 'ephemeral-key' },
    });
    await harness.controller.start();
    const firstId = emulator.recorder.connections[0]?.credential.apiKeyId ?? '';
    emulator.revokeKey(firstId);
    emulator.faults.dropConnections();
    await waitUntil(
      () =>
        emulator.recorder.connections.some(
          (connection, index) => index > 0 && connection.handshakeStatus === 101,
        ),
      5000,
      'a reconnection with a new key',
    );
    const statuses = emulator.recorder.connections.map((connection) => connection.handshakeStatus);
    expect(statuses).toEqual([101, 401, 101]);
    expect(emulator.recorder.connections[2]?.credential.apiKeyId).not.toBe(firstId);
    await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live');
    await harness.controller.stop();
  });

  it('ephemeral-key refuses a key that cannot create keys, with a sentence', async () => {
    const streamOnly = emulator.createKey({ scopes: ['usage:write'], comment: 'stream only' });
    const harness = createHarness({
      endpoint: emulator.url,
      key: streamOnly.key,
      projectId: emulator.projectId,
      settings: { streamingCredential: 'ephemeral-key' },
    });
    await expect(harness.controller.start()).rejects.toMatchObject({
      userFacing: { code: 'no-permission', message: expect.stringMatching(/keys:write/) },
    });
  });

  it('auto mints a fresh token for every reconnection, even after old tokens expired', async () => {
    const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
    await harness.controller.start();
    for (let cut = 1; cut <= 2; cut += 1) {
      for (const frame of toFrames(silence(200))) harness.controller.pushAudio(frame);
      emulator.expireAllTokens();
      emulator.faults.dropConnections();
      await waitUntil(
        () => emulator.recorder.connections.filter((c) => c.handshakeStatus === 101).length > cut,
        5000,
        `reconnection ${cut}`,
      );
      await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live again');
    }
    await harness.controller.stop();
    const connections = emulator.recorder.connections;
    expect(connections).toHaveLength(3);
    expect(connections.every((connection) => connection.credential.kind === 'access-token')).toBe(true);
    expect(connections.every((connection) => connection.handshakeStatus === 101)).toBe(true);
    expect(grants()).toHaveLength(3);
    // A different token each time, each minted for that connection.
    const tokens = connections.map((connection) => connection.headers.authorization ?? '');
    expect(tokens.every((token) => /^Bearer \S{20,}$/.test(token))).toBe(true);
    expect(new Set(tokens).size).toBe(3);
  });

  it('an open connection outlives its token: the emulator checks it at the handshake only, as Deepgram does', async () => {
    const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
    await harness.controller.start();
    // Every token minted so far is now dead; the connection made with one carries on.
    emulator.expireAllTokens();
    emulator.queueUtterances(['Words after the token expired.']);
    const words = synthesizeToneCode([['hello', 'world']]);
    await pushFrames(harness.controller, toFrames(words), 4);
    await waitUntil(() => harness.finals().length === 1, 5000, 'the final');
    expect(harness.controller.state().phase).toBe('live');
    await harness.controller.stop();
    expect(emulator.recorder.connections).toHaveLength(1);
    expect(emulator.recorder.connections[0]?.closeCode).toBe(1000);
    expect(harness.finals()[0]?.text).toBe('Words after the token expired.');
  });

  it('auto falls back to the stored key, with a notice, when the key cannot mint tokens', async () => {
    const streamOnly = emulator.createKey({ scopes: ['usage:write'], comment: 'cannot mint' });
    const harness = createHarness({ endpoint: emulator.url, key: streamOnly.key, capabilities: null });
    const state = await harness.controller.start();
    expect(state.credential).toBe('stored-key');
    expect(state.notice).toMatch(/cannot create short-lived tokens/);
    await harness.controller.stop();
    expect(grants()).toEqual([expect.objectContaining({ status: 403 })]);
    expect(emulator.recorder.connections[0]?.credential).toMatchObject({
      kind: 'api-key',
      apiKeyId: streamOnly.apiKeyId,
    });

    // When the vault already knows the key cannot mint, Earshot does not even ask.
    emulator.recorder.clear();
    const known = createHarness({
      endpoint: emulator.url,
      key: streamOnly.key,
      capabilities: { scopes: ['usage:write'], canMintTokens: false, canCreateKeys: false, canStream: true },
    });
    expect((await known.controller.start()).notice).toMatch(/cannot create short-lived tokens/);
    await known.controller.stop();
    expect(grants()).toEqual([]);
  });
});

describe('streaming credentials: a refused grant while reconnecting', () => {
  let emulator: DeepgramEmulator;
  let proxy: GrantRefusingProxy;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
    proxy = await startGrantRefusingProxy(emulator.url);
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });
  afterEach(() => {
    proxy.reset();
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  const accepted = () =>
    emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);

  it('is retried like a refused handshake for any status but 401 and 403, and the session goes on', async () => {
    const harness = createHarness({ endpoint: proxy.url, key: emulator.demoKey });
    await harness.controller.start();
    proxy.refuseGrants([400, 402, 404, 429, 500, 503]);
    emulator.faults.dropConnections();
    await waitUntil(() => accepted().length === 2, 10_000, 'the reconnection');
    await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live again');
    await harness.controller.stop();

    expect(proxy.refused()).toEqual([400, 402, 404, 429, 500, 503]);
    expect(harness.states.some((state) => state.phase === 'error')).toBe(false);
    // Each refusal was one more attempt, with the backoff counting them.
    const attempts = harness.states
      .filter((state) => state.phase === 'reconnecting')
      .map((state) => state.reconnectAttempt)
      .filter((attempt, index, all) => attempt !== all[index - 1]);
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(accepted()[1]?.credential.kind).toBe('access-token');
  });

  it('a 401 (the stored key itself was refused) ends the session after one fresh try, saying what to do', async () => {
    const harness = createHarness({ endpoint: proxy.url, key: emulator.demoKey });
    await harness.controller.start();
    proxy.refuseGrants([401, 401]);
    emulator.faults.dropConnections();
    await waitUntil(() => harness.controller.state().phase === 'error', 5000, 'the error');
    expect(proxy.refused()).toEqual([401, 401]);
    expect(harness.controller.state().error).toMatchObject({
      code: 'bad-key',
      message: expect.stringMatching(/Open Settings and save a valid key/),
    });
    expect(accepted()).toHaveLength(1);
  });

  it('a 403 (the key may not mint tokens) goes on with the stored key, and says so', async () => {
    const harness = createHarness({ endpoint: proxy.url, key: emulator.demoKey });
    await harness.controller.start();
    proxy.refuseGrants([403]);
    emulator.faults.dropConnections();
    await waitUntil(() => accepted().length === 2, 5000, 'the reconnection');
    await waitUntil(() => harness.controller.state().phase === 'live', 5000, 'live again');
    expect(harness.controller.state()).toMatchObject({
      credential: 'stored-key',
      notice: expect.stringMatching(/cannot create short-lived tokens/),
    });
    await harness.controller.stop();
    expect(accepted()[1]?.credential.kind).toBe('api-key');
  });
});
