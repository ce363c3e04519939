/**
 * What a refusing endpoint says, read over real HTTP from a local server: Deepgram's own
 * message reaches the user, capped and cleaned (the pure rules: test/unit/core/server-text.test.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { badOptionMessage, failureForStatus } from '../../../src/main/core/session/connection-failure';
import { deepgramMessageFrom, fetchRefusalDetail } from '../../../src/main/core/session/refusal-detail';
import { serverTextMaxLength } from '../../../src/main/core/session/server-text';

const unsafe = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B-\u200F]/u;

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('refusal detail', () => {
  it("reads Deepgram's own message from a refused upgrade", async () => {
    let seenAuthorization: string | undefined;
    server = http.createServer((request, response) => {
      seenAuthorization = request.headers.authorization;
      response.writeHead(400, { 'content-type': 'application/json', 'dg-error': 'header text' });
      response.end(
        JSON.stringify({ err_code: 'INVALID_QUERY_PARAMETER', err_msg: 'Bad model.', request_id: 'x' }),
      );
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const detail = await fetchRefusalDetail(
      new URL(`http://127.0.0.1:${port}/v1/listen?model=x`),
      'Token abc',
    );
    expect(detail).toEqual({ status: 400, message: 'Bad model.' });
    expect(seenAuthorization).toBe('Token abc');
  });

  it('resolves null when nothing answers', async () => {
    expect(await fetchRefusalDetail(new URL('http://127.0.0.1:9/v1/listen'), 'Token abc', 1000)).toBeNull();
  });
});

describe('a hostile endpoint refusing an option', () => {
  it('reaches the user as one short, clean sentence, from the body or from dg-error', async () => {
    const flood = `Bad model.\n${'\u001b[2J\u202E'.repeat(2000)}${'A'.repeat(50_000)}`;
    server = http.createServer((request, response) => {
      const fromHeader = request.url?.includes('header') ?? false;
      response.writeHead(400, {
        'content-type': fromHeader ? 'text/html' : 'application/json',
        'dg-error': `Header ${'B'.repeat(4000)}`,
      });
      response.end(fromHeader ? '<html>' : JSON.stringify({ err_msg: flood }));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (const path of ['/v1/listen?model=x', '/v1/listen?header=1']) {
      const detail = await fetchRefusalDetail(new URL(`http://127.0.0.1:${port}${path}`), 'Token abc');
      expect(detail?.status).toBe(400);
      const message = failureForStatus(400, detail?.message ?? null).userFacing.message;
      expect(message).not.toMatch(unsafe);
      expect(message.length).toBeLessThan(serverTextMaxLength + badOptionMessage(null).length + 20);
      expect(message).toMatch(/^Deepgram refused one of the transcription settings: (Bad model\.|Header B+)/);
    }
    expect(deepgramMessageFrom(JSON.stringify({ err_msg: '\u0000\u0001' }), undefined)).toBeNull();
  });
});
