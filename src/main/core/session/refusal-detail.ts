import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { serverText } from './server-text';

const maxBodyBytes = 16 * 1024;

/**
 * Deepgram's error sentence from a JSON error body (legacy or modern shape) or the dg-error
 * header, made safe to show (see server-text.ts).
 */
export function deepgramMessageFrom(body: string, dgErrorHeader: string | undefined): string | null {
  const text = rawDeepgramMessage(body, dgErrorHeader);
  const safe = text === null ? '' : serverText(text);
  return safe === '' ? null : safe;
}

function rawDeepgramMessage(body: string, dgErrorHeader: string | undefined): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      for (const field of ['err_msg', 'message', 'reason']) {
        const value = record[field];
        if (typeof value === 'string' && value.trim()) return value.trim();
      }
    }
  } catch {
    // Not JSON: fall through to the header, which Deepgram documents as carrying the same text.
  }
  if (dgErrorHeader?.trim()) return dgErrorHeader.trim();
  const text = body.trim();
  return text && text.length <= 500 && !text.startsWith('<') ? text : null;
}

/**
 * The SDK reports a refused upgrade only as "Unexpected server response: 400", so ask
 * Deepgram once more with the same request and read its own explanation from the body.
 * Resolves null when the answer cannot be read; never rejects.
 */
export function fetchRefusalDetail(
  url: URL,
  authorization: string,
  timeoutMs = 5000,
): Promise<{ status: number; message: string | null } | null> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const target = new URL(url);
    target.protocol = secure ? 'https:' : 'http:';
    const request = (secure ? https : http).request(target, {
      method: 'GET',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        authorization,
      },
      timeout: timeoutMs,
    });
    let settled = false;
    const finish = (value: { status: number; message: string | null } | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
      });
      response.on('end', () => {
        const header = response.headers['dg-error'];
        finish({
          status: response.statusCode ?? 0,
          message: deepgramMessageFrom(
            Buffer.concat(chunks).toString('utf8'),
            Array.isArray(header) ? header[0] : header,
          ),
        });
      });
      response.on('error', () => finish(null));
    });
    // The option was accepted this time after all: there is nothing to explain.
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      finish(null);
    });
    request.on('timeout', () => {
      request.destroy();
      finish(null);
    });
    request.on('error', () => finish(null));
    request.end();
  });
}
