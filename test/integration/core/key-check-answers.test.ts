/**
 * The key check through the real @deepgram/sdk against an endpoint whose every answer the test
 * chooses: the answers the emulator never gives (429, a server error, a page that is not
 * Deepgram's, no project, a grant that refuses its TTL, a probe key that cannot be deleted).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createKeyChecker } from '../../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { refusal } from '../../support/refusal';

type Answer = { status: number; body?: unknown };
/** Answers by "METHOD /path"; each route's answers are used in turn, the last one repeated. */
type Script = Record<string, Answer[]>;

const key = 'c'.repeat(40);
let server: Server;
let endpoint: string;
let host: string;
let script: Script = {};
let requests: Array<{ route: string; body: string }> = [];
const sockets = new Set<Socket>();

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const route = `${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`;
  requests.push({ route, body });
  const answers = script[route];
  const next = (answers && answers.length > 1 ? answers.shift() : answers?.[0]) ?? {
    status: 404,
    body: '<html>not found</html>',
  };
  const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body ?? {});
  response.writeHead(next.status, {
    'content-type': typeof next.body === 'string' ? 'text/html' : 'application/json',
  });
  response.end(text);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(request, response, body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // No upgrade handler: the live stream probe gets no answer it can read, which is 'unknown'.
  server.on('upgrade', (_request, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  host = `127.0.0.1:${port}`;
  endpoint = `http://${host}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  script = {};
  requests = [];
});

function checker() {
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const check = createKeyChecker({ log, timeoutSeconds: 2 });
  const failedSteps = () =>
    log.lines
      .map((line) => JSON.parse(line) as { message: string; step?: string; status?: number | null })
      .filter((entry) => entry.message === 'key check step failed')
      .map((entry) => `${entry.step} ${entry.status}`);
  return { check: () => check(key, endpoint), log, failedSteps };
}

const project = { projects: [{ project_id: 'project-7', name: 'Scripted' }] };

describe('key check answers the emulator never gives', () => {
  test('429 while listing projects asks to wait a minute, naming the host', async () => {
    script = { 'GET /v1/projects': [{ status: 429, body: { err_code: 'TOO_MANY_REQUESTS' } }] };
    const { check, failedSteps } = checker();
    const error = await refusal(check());
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toBe(
      `The Deepgram endpoint at ${host} is receiving too many requests right now. Wait a minute, then save the key again.`,
    );
    expect(failedSteps()).toEqual(['projects 429']);
  });

  test('a server error while minting a token ends the check with its status', async () => {
    script = {
      'GET /v1/projects': [{ status: 200, body: project }],
      'POST /v1/auth/grant': [{ status: 503, body: { err_code: 'SERVICE_UNAVAILABLE' } }],
    };
    const { check, failedSteps } = checker();
    const error = await refusal(check());
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toBe(
      `The Deepgram endpoint at ${host} answered with a server error (status 503). Try again in a few minutes.`,
    );
    expect(failedSteps()).toEqual(['grant 503']);
  });

  test('a page that is not Deepgram’s says the endpoint did not answer like Deepgram', async () => {
    const { check, failedSteps } = checker();
    const error = await refusal(check());
    expect(error.userFacing.code).toBe('endpoint-unreachable');
    expect(error.message).toBe(
      `The endpoint at ${host} did not answer like Deepgram (status 404). Check the endpoint URL in Settings.`,
    );
    expect(failedSteps()).toEqual(['projects 404']);
    expect(requests.map((request) => request.route)).toEqual(['GET /v1/projects']);
  });

  test('a key that shows no project is refused, asking for the Member role', async () => {
    script = { 'GET /v1/projects': [{ status: 200, body: { projects: [] } }] };
    const error = await refusal(checker().check());
    expect(error.userFacing.code).toBe('no-permission');
    expect(error.message).toMatch(
      /^This API key does not show any Deepgram project\. Use a key with the Member role/,
    );
  });

  test('a grant refusing its TTL is asked again with the default; an unknown answer about keys is "cannot"; a probe key that will not delete is left to expire', async () => {
    script = {
      'GET /v1/projects': [{ status: 200, body: project }],
      'POST /v1/auth/grant': [
        { status: 400, body: { err_code: 'BAD_REQUEST', err_msg: 'ttl_seconds out of range' } },
        { status: 200, body: { access_token: 'minted-token', expires_in: 30 } },
      ],
      'GET /v1/projects/project-7/keys': [{ status: 404, body: '<html>no such page</html>' }],
      'POST /v1/projects/project-7/keys': [
        {
          status: 200,
          body: { api_key_id: 'probe-1', key: 'd'.repeat(40), comment: 'probe', scopes: ['usage:write'] },
        },
      ],
      'DELETE /v1/projects/project-7/keys/probe-1': [{ status: 500, body: { err_code: 'INTERNAL' } }],
    };
    const { check, failedSteps, log } = checker();
    const result = await check();
    expect(result).toEqual({
      projectId: 'project-7',
      projectName: 'Scripted',
      capabilities: {
        scopes: ['project:read', 'usage:write', 'keys:write'],
        canMintTokens: true,
        canCreateKeys: true,
        // The stream probe could not tell; a key that mints tokens is taken to stream.
        canStream: true,
      },
    });
    const grants = requests.filter((request) => request.route === 'POST /v1/auth/grant');
    expect(grants.map((request) => JSON.parse(request.body) as unknown)).toEqual([{ ttl_seconds: 10 }, {}]);
    // The refused TTL is not a failed step: the grant succeeded with the default.
    expect(failedSteps()).toEqual(['keys-list 404', 'keys-delete 500']);
    expect(log.lines.some((line) => line.includes('"outcome":"unknown"'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(key);
  });
});
