import { DeepgramClient } from '@deepgram/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { linear16Query, openSdkSocket, rawSocket, rawUpgrade } from '../../support/emulator-client';

const baseQuery = 'model=nova-3&encoding=linear16&sample_rate=16000&channels=1';

describe('emulator /v1/listen handshake', () => {
  let emulator: DeepgramEmulator;

  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.recorder.clear();
    emulator.faults.reset();
  });

  it('accepts the SDK with an API key in the Authorization header and sends dg-request-id in the 101', async () => {
    const { socket } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
    const [connection] = emulator.recorder.connections;
    expect(connection?.handshakeStatus).toBe(101);
    expect(connection?.credential).toEqual({
      kind: 'api-key',
      apiKeyId: emulator.listKeys()[0]?.apiKeyId,
      via: 'header',
    });
    expect(connection?.headers.authorization).toBe(`Token ${emulator.demoKey}`);
    expect(connection?.query).toMatchObject({ model: 'nova-3', encoding: 'linear16', sample_rate: '16000' });
    socket.close();

    const raw = await rawUpgrade(emulator.url, `/v1/listen?${baseQuery}`, {
      authorization: `token ${emulator.demoKey}`,
    });
    expect(raw.status).toBe(101);
    expect(raw.headers['dg-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts an access token from /v1/auth/grant as Bearer through the SDK', async () => {
    const client = new DeepgramClient({ apiKey: emulator.demoKey, baseUrl: emulator.url });
    const grant = await client.auth.v1.tokens.grant({ ttl_seconds: 60 });
    expect(grant.expires_in).toBe(60);
    const { socket } = await openSdkSocket(emulator.url, { accessToken: grant.access_token }, {});
    const connection = emulator.recorder.connections.at(-1);
    expect(connection?.credential.kind).toBe('access-token');
    expect(connection?.credential.apiKeyId).toBe(emulator.listKeys()[0]?.apiKeyId);
    expect(connection?.headers.authorization).toBe(`Bearer ${grant.access_token}`);
    socket.close();
  });

  it('accepts token and bearer subprotocols and echoes the chosen one', async () => {
    const withKey = await rawSocket(emulator.url, baseQuery, {
      protocols: ['token', emulator.demoKey, 'x-deepgram-session-id', 'abc'],
    });
    expect(withKey.ws.protocol).toBe('token');
    expect(emulator.recorder.connections.at(-1)?.credential).toMatchObject({
      kind: 'api-key',
      via: 'subprotocol',
    });
    withKey.ws.close();

    const client = new DeepgramClient({ apiKey: emulator.demoKey, baseUrl: emulator.url });
    const { access_token: token } = await client.auth.v1.tokens.grant();
    const withToken = await rawSocket(emulator.url, baseQuery, { protocols: ['bearer', token] });
    expect(withToken.ws.protocol).toBe('bearer');
    expect(emulator.recorder.connections.at(-1)?.credential).toMatchObject({
      kind: 'access-token',
      via: 'subprotocol',
    });
    withToken.ws.close();
  });

  async function expectRefusal(
    path: string,
    headers: Record<string, string>,
    status: number,
    errCode: string,
    errMsg?: string,
  ): Promise<void> {
    const raw = await rawUpgrade(emulator.url, path, headers);
    expect(raw.status).toBe(status);
    const body = JSON.parse(raw.body) as { err_code: string; err_msg: string; request_id: string };
    expect(body.err_code).toBe(errCode);
    if (errMsg !== undefined) expect(body.err_msg).toBe(errMsg);
    expect(raw.headers['dg-error']).toBe(body.err_msg);
    expect(raw.headers['dg-request-id']).toBe(body.request_id);
    const connection = emulator.recorder.connections.at(-1);
    expect(connection?.handshakeStatus).toBe(status);
    expect(connection?.requestId).toBe(body.request_id);
  }

  it('refuses missing, unknown, revoked and expired credentials with 401 INVALID_AUTH', async () => {
    const path = `/v1/listen?${baseQuery}`;
    await expectRefusal(path, {}, 401, 'INVALID_AUTH', 'Invalid credentials.');
    await expectRefusal(path, { authorization: `Token ${'0'.repeat(40)}` }, 401, 'INVALID_AUTH');
    const expired = emulator.createKey({ scopes: ['member'], expiresAt: new Date(Date.now() - 1000) });
    await expectRefusal(path, { authorization: `Token ${expired.key}` }, 401, 'INVALID_AUTH');
    const revoked = emulator.createKey({ scopes: ['usage:write'] });
    emulator.revokeKey(revoked.apiKeyId);
    await expectRefusal(path, { authorization: `Token ${revoked.key}` }, 401, 'INVALID_AUTH');
    await expectRefusal(path, { authorization: 'Bearer not.a.token' }, 401, 'INVALID_AUTH');
  });

  it('refuses a key without usage:write with 401 INSUFFICIENT_PERMISSIONS', async () => {
    const readOnly = emulator.createKey({ scopes: ['keys:read', 'project:read'] });
    await expectRefusal(
      `/v1/listen?${baseQuery}`,
      { authorization: `Token ${readOnly.key}` },
      401,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it.each([
    ['encoding without sample_rate', 'model=nova-3&encoding=linear16', 'sample_rate'],
    ['utterance_end_ms without interim_results', `${baseQuery}&utterance_end_ms=1000`, 'interim_results'],
    ['keywords with nova-3', `${baseQuery}&keywords=earshot:2`, 'Keywords are not supported for Nova-3'],
    [
      'keyterm over 500 tokens',
      `${baseQuery}&${'keyterm=one+two+three&'.repeat(170)}`,
      'Keyterm limit exceeded',
    ],
    ['an unknown model', 'model=nova-42&encoding=linear16&sample_rate=16000', 'model=nova-42'],
    ['endpointing with a unit', `${baseQuery}&endpointing=300ms`, 'endpointing'],
    ['a non-numeric sample_rate', 'model=nova-3&encoding=linear16&sample_rate=fast', 'sample_rate'],
    ['a non-boolean interim_results', `${baseQuery}&interim_results=yes`, 'interim_results'],
  ])('refuses %s with 400 INVALID_QUERY_PARAMETER', async (_case, query, fragment) => {
    const raw = await rawUpgrade(emulator.url, `/v1/listen?${query}`, {
      authorization: `Token ${emulator.demoKey}`,
    });
    expect(raw.status).toBe(400);
    const body = JSON.parse(raw.body) as { err_code: string; err_msg: string };
    expect(body.err_code).toBe('INVALID_QUERY_PARAMETER');
    expect(body.err_msg).toContain(fragment);
    expect(raw.headers['dg-error']).toBe(body.err_msg);
  });

  it('accepts exactly 500 keyterm tokens', async () => {
    const raw = await rawUpgrade(
      emulator.url,
      `/v1/listen?${baseQuery}&${'keyterm=a+b+c+d+e&'.repeat(100)}`,
      {
        authorization: `Token ${emulator.demoKey}`,
      },
    );
    expect(raw.status).toBe(101);
  });

  it('refuses with 402 when the project has no credit', async () => {
    emulator.setCredit(false);
    try {
      await expectRefusal(
        `/v1/listen?${baseQuery}`,
        { authorization: `Token ${emulator.demoKey}` },
        402,
        'ASR_PAYMENT_REQUIRED',
      );
    } finally {
      emulator.setCredit(true);
    }
  });

  it('refuses the stream over the concurrency limit with 429, and the SDK sees the refusal', async () => {
    emulator.setMaxConcurrentStreams(1);
    try {
      const first = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      await expectRefusal(
        `/v1/listen?${baseQuery}`,
        { authorization: `Token ${emulator.demoKey}` },
        429,
        'TOO_MANY_REQUESTS',
        'Too many requests. Please try again later',
      );
      const client = new DeepgramClient({ apiKey: emulator.demoKey, baseUrl: emulator.url });
      const second = await client.listen.v1.connect({ ...linear16Query, reconnectAttempts: 0 });
      second.on('error', () => undefined);
      second.connect();
      await expect(second.waitForOpen()).rejects.toMatchObject({ message: expect.stringContaining('429') });
      first.socket.close();
      await emulator.recorder.waitFor((recorder) => recorder.connections[0]?.closedAt !== null, 2000);
      const third = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      third.socket.close();
    } finally {
      emulator.setMaxConcurrentStreams(50);
    }
  });
});
