import { DeepgramClient } from '@deepgram/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { openSdkSocket, rawUpgrade } from '../../support/emulator-client';

const listenPath = '/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000';

async function call(
  emulator: DeepgramEmulator,
  method: string,
  path: string,
  authorization: string | null,
  body?: unknown,
): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

describe('emulator Manage API and auth grant', () => {
  let emulator: DeepgramEmulator;
  let client: DeepgramClient;

  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
    client = new DeepgramClient({ apiKey: emulator.demoKey, baseUrl: emulator.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.recorder.clear());

  it('lists the project through the SDK, with request id headers, and records the request', async () => {
    const { data, rawResponse } = await client.manage.v1.projects.list().withRawResponse();
    expect(data.projects).toEqual([{ project_id: emulator.projectId, name: 'Earshot Demo' }]);
    expect(rawResponse.headers.get('dg-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(rawResponse.headers.get('x-request-id')).toBe(rawResponse.headers.get('dg-request-id'));
    expect(emulator.recorder.restRequests).toEqual([
      {
        method: 'GET',
        path: '/v1/projects',
        status: 200,
        credentialKind: 'api-key',
        apiKeyId: emulator.listKeys()[0]?.apiKeyId,
      },
    ]);
  });

  it('creates, lists, gets and deletes keys through the SDK; a member sees only keys it created', async () => {
    const created = await client.manage.v1.projects.keys.create(emulator.projectId, {
      comment: 'ephemeral',
      scopes: ['usage:write'],
      time_to_live_in_seconds: 60,
    });
    expect(created.key).toMatch(/^[0-9a-f]{40}$/);
    expect(created.scopes).toEqual(['usage:write']);
    expect(Date.parse(created.expiration_date as string) - Date.now()).toBeGreaterThan(55_000);

    const other = emulator.createKey({ scopes: ['member'], comment: 'someone else' });
    const listed = await client.manage.v1.projects.keys.list(emulator.projectId);
    const ids = listed.api_keys?.map((item) => item.api_key?.api_key_id);
    expect(ids).toContain(created.api_key_id);
    expect(ids).not.toContain(other.apiKeyId);

    const fetched = await client.manage.v1.projects.keys.get(
      emulator.projectId,
      created.api_key_id as string,
    );
    expect(fetched.item?.member?.api_key?.comment).toBe('ephemeral');
    await expect(
      client.manage.v1.projects.keys.get(emulator.projectId, other.apiKeyId),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      client.manage.v1.projects.keys.delete(emulator.projectId, other.apiKeyId),
    ).rejects.toMatchObject({
      statusCode: 404,
    });

    const ephemeral = await rawUpgrade(emulator.url, listenPath, { authorization: `Token ${created.key}` });
    expect(ephemeral.status).toBe(101);
    const deleted = await client.manage.v1.projects.keys.delete(
      emulator.projectId,
      created.api_key_id as string,
    );
    expect(deleted.message).toBe('Successfully deleted the API key!');
    expect(emulator.listKeys().find((key) => key.apiKeyId === created.api_key_id)).toMatchObject({
      deleted: true,
      createdBy: emulator.listKeys()[0]?.apiKeyId,
    });
    const afterDelete = await rawUpgrade(emulator.url, listenPath, { authorization: `Token ${created.key}` });
    expect(afterDelete.status).toBe(401);

    const admin = emulator.createKey({ scopes: ['admin'] });
    const adminView = await call(
      emulator,
      'GET',
      `/v1/projects/${emulator.projectId}/keys`,
      `Token ${admin.key}`,
    );
    const adminIds = (
      adminView.json as { api_keys: Array<{ api_key: { api_key_id: string } }> }
    ).api_keys.map((item) => item.api_key.api_key_id);
    expect(adminIds).toEqual(expect.arrayContaining([other.apiKeyId, admin.apiKeyId]));
  });

  it('enforces keys:read and keys:write scopes and refuses scopes beyond the creator', async () => {
    const usageOnly = emulator.createKey({ scopes: ['usage:write'] });
    const list = await call(
      emulator,
      'GET',
      `/v1/projects/${emulator.projectId}/keys`,
      `Token ${usageOnly.key}`,
    );
    expect(list.status).toBe(403);
    expect(list.json).toMatchObject({ err_code: 'INSUFFICIENT_PERMISSIONS' });
    const readOnly = emulator.createKey({ scopes: ['keys:read'] });
    const create = await call(
      emulator,
      'POST',
      `/v1/projects/${emulator.projectId}/keys`,
      `Token ${readOnly.key}`,
      {
        comment: 'x',
        scopes: ['usage:write'],
      },
    );
    expect(create.status).toBe(403);
    const escalate = await call(
      emulator,
      'POST',
      `/v1/projects/${emulator.projectId}/keys`,
      `Token ${emulator.demoKey}`,
      { comment: 'x', scopes: ['owner'] },
    );
    expect(escalate.status).toBe(403);
  });

  it('validates key expiry fields and rejects expired keys everywhere', async () => {
    const path = `/v1/projects/${emulator.projectId}/keys`;
    const auth = `Token ${emulator.demoKey}`;
    const both = await call(emulator, 'POST', path, auth, {
      comment: 'x',
      scopes: ['usage:write'],
      time_to_live_in_seconds: 10,
      expiration_date: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(both.status).toBe(400);
    expect(both.json).toMatchObject({ err_code: 'BAD_REQUEST' });
    expect(
      (
        await call(emulator, 'POST', path, auth, {
          comment: 'x',
          scopes: ['usage:write'],
          time_to_live_in_seconds: 0,
        })
      ).status,
    ).toBe(400);
    expect((await call(emulator, 'POST', path, auth, { comment: 'x', scopes: ['no:such'] })).status).toBe(
      400,
    );

    const shortLived = await call(emulator, 'POST', path, auth, {
      comment: 'short',
      scopes: ['member'],
      expiration_date: new Date(Date.now() + 1000).toISOString(),
    });
    expect(shortLived.status).toBe(200);
    const secret = (shortLived.json as { key: string }).key;
    expect((await rawUpgrade(emulator.url, listenPath, { authorization: `Token ${secret}` })).status).toBe(
      101,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await rawUpgrade(emulator.url, listenPath, { authorization: `Token ${secret}` })).status).toBe(
      401,
    );
    const rest = await call(emulator, 'GET', '/v1/projects', `Token ${secret}`);
    expect(rest.status).toBe(401);
    expect(rest.json).toMatchObject({ err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' });
    const expiredList = await call(emulator, 'GET', `${path}?status=expired`, auth);
    expect(JSON.stringify(expiredList.json)).toContain('short');
    const activeList = await call(emulator, 'GET', `${path}?status=active`, auth);
    expect(JSON.stringify(activeList.json)).not.toContain('short');
  });

  it('answers bad project ids as Deepgram does', async () => {
    const auth = `Token ${emulator.demoKey}`;
    const notUuid = await call(emulator, 'GET', '/v1/projects/not-a-uuid/keys', auth);
    expect(notUuid.status).toBe(404);
    expect(notUuid.text).toMatch(/^UUID parsing failed: /);
    const unknown = await call(emulator, 'GET', `/v1/projects/${crypto.randomUUID()}/keys`, auth);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ err_code: 'PROJECT_NOT_FOUND', err_msg: 'Project not found.' });
    expect((unknown.json as { request_id: string }).request_id).toBe(unknown.headers.get('dg-request-id'));
  });

  it('grants tokens only to member-level keys, valid on /v1/listen until they expire, never on Manage', async () => {
    const usageOnly = emulator.createKey({ scopes: ['usage:write'] });
    const refused = await call(emulator, 'POST', '/v1/auth/grant', `Token ${usageOnly.key}`, {});
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ err_code: 'FORBIDDEN', err_msg: 'Insufficient permissions.' });
    for (const ttl of [0, 3601, 1.5]) {
      expect(
        (await call(emulator, 'POST', '/v1/auth/grant', `Token ${emulator.demoKey}`, { ttl_seconds: ttl }))
          .status,
      ).toBe(400);
    }

    const granted = await client.auth.v1.tokens.grant();
    expect(granted.expires_in).toBe(30);
    expect(granted.access_token.split('.')).toHaveLength(3);
    const manage = await call(emulator, 'GET', '/v1/projects', `Bearer ${granted.access_token}`);
    expect(manage.status).toBe(401);
    expect(emulator.recorder.restRequests.at(-1)).toMatchObject({
      credentialKind: 'access-token',
      status: 401,
    });

    const short = await client.auth.v1.tokens.grant({ ttl_seconds: 1 });
    const open = await openSdkSocket(emulator.url, { accessToken: short.access_token }, {});
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Only the handshake needs a valid token: the open socket stays up.
    expect(open.socket.readyState).toBe(1);
    open.socket.close();
    const late = await rawUpgrade(emulator.url, listenPath, {
      authorization: `Bearer ${short.access_token}`,
    });
    expect(late.status).toBe(401);

    const fresh = await client.auth.v1.tokens.grant({ ttl_seconds: 600 });
    expect(
      (await rawUpgrade(emulator.url, listenPath, { authorization: `Bearer ${fresh.access_token}` })).status,
    ).toBe(101);
    emulator.expireAllTokens();
    expect(
      (await rawUpgrade(emulator.url, listenPath, { authorization: `Bearer ${fresh.access_token}` })).status,
    ).toBe(401);
    const after = await client.auth.v1.tokens.grant();
    expect(
      (await rawUpgrade(emulator.url, listenPath, { authorization: `Bearer ${after.access_token}` })).status,
    ).toBe(101);
  });
});
