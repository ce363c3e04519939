/**
 * Text the endpoint chose is capped and cleaned before it reaches the window or the log:
 * a hostile endpoint cannot fill the screen, forge log lines or reorder what the user reads.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { badOptionMessage, failureForStatus } from '../../src/main/core/session/connection-failure';
import { deepgramMessageFrom, fetchRefusalDetail } from '../../src/main/core/session/refusal-detail';
import { serverText, serverTextMaxLength } from '../../src/main/core/session/server-text';

const unsafe = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B-\u200F]/u;

describe('server text', () => {
  it('keeps ordinary sentences as they are', () => {
    expect(serverText('Bad model.')).toBe('Bad model.');
    expect(serverText('  Modèle «nova» inconnu.  ')).toBe('Modèle «nova» inconnu.');
  });

  it('removes control and direction-override characters and folds line breaks', () => {
    const text = serverText('line one\r\n{"level":"error"}\u001b[31mred\u202Eevil\u2066x\u0000');
    expect(text).not.toMatch(unsafe);
    expect(text).toBe('line one {"level":"error"} [31mred evil x');
  });

  it(`caps text at ${serverTextMaxLength} characters with an ellipsis, without splitting a character`, () => {
    const capped = serverText('word '.repeat(10_000));
    expect(capped.length).toBeLessThanOrEqual(serverTextMaxLength + 1);
    expect(capped.endsWith('…')).toBe(true);
    const emoji = serverText('😀'.repeat(400));
    expect(emoji.endsWith('…')).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('a hostile endpoint refusing an option', () => {
  let server: http.Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

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
