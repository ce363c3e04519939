import { request } from 'node:http';
import { DeepgramClient } from '@deepgram/sdk';
import WebSocket from 'ws';

export { concatSamples, silence, synthesizeSpeech } from './speech-audio';

export function frames(samples: Int16Array, frameSamples = 320): Buffer[] {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const out: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += frameSamples * 2) {
    out.push(Buffer.from(bytes.subarray(offset, Math.min(bytes.length, offset + frameSamples * 2))));
  }
  return out;
}

/** Speech spans (seconds) by sox-free ground truth: runs of |sample| above threshold merged over gaps. */
export function speechSpans(samples: Int16Array, sampleRate = 16000, gapMs = 300): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const gap = (sampleRate * gapMs) / 1000;
  let start = -1;
  let last = -1;
  samples.forEach((sample, index) => {
    if (Math.abs(sample) < 500) return;
    if (start < 0 || index - last > gap) {
      if (start >= 0) spans.push([start / sampleRate, last / sampleRate]);
      start = index;
    }
    last = index;
  });
  if (start >= 0) spans.push([start / sampleRate, last / sampleRate]);
  return spans;
}

export const linear16Query = {
  model: 'nova-3',
  encoding: 'linear16',
  sample_rate: 16000,
  channels: 1,
} as const;

export type DeepgramMessage = { type: string } & Record<string, unknown>;

/** Opens /v1/listen through the real SDK and collects every message and the close event. */
export async function openSdkSocket(
  url: string,
  auth: { apiKey: string } | { accessToken: string },
  query: Record<string, string | number | string[]>,
) {
  const client = new DeepgramClient({ ...auth, baseUrl: url });
  const socket = await client.listen.v1.connect({
    ...linear16Query,
    ...query,
    reconnectAttempts: 0,
  } as Parameters<typeof client.listen.v1.connect>[0]);
  const messages: DeepgramMessage[] = [];
  let resolveClose: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClose = resolve));
  socket.on('message', (message) => messages.push(message as unknown as DeepgramMessage));
  socket.on('close', (event) => resolveClose({ code: event.code, reason: event.reason }));
  socket.on('error', () => undefined);
  socket.connect();
  await socket.waitForOpen();
  return { socket, messages, closed };
}

export interface RawHandshake {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ws?: WebSocket;
}

/** A raw upgrade request, to see a refusal's status, headers and body (the SDK hides them). */
export function rawUpgrade(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawHandshake> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('earshot-emulator').toString('base64'),
        ...headers,
      },
    });
    req.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A plain `ws` client for what the SDK cannot express (subprotocols, empty frames). */
export function rawSocket(
  url: string,
  query: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<{
  ws: WebSocket;
  messages: DeepgramMessage[];
  closed: Promise<{ code: number; reason: string }>;
}> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/listen?${query}`, options.protocols ?? [], {
    headers: options.headers ?? {},
  });
  const messages: DeepgramMessage[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as DeepgramMessage));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('error', reject);
  });
}

export function results(messages: DeepgramMessage[]) {
  return messages.filter((message) => message.type === 'Results') as unknown as Array<{
    is_final: boolean;
    speech_final: boolean;
    from_finalize: boolean;
    start: number;
    duration: number;
    channel: {
      alternatives: Array<{
        transcript: string;
        words: Array<{
          word: string;
          start: number;
          end: number;
          confidence: number;
          punctuated_word?: string;
        }>;
      }>;
    };
  }>;
}

export function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('waitUntil: timed out'));
      }
    }, 10);
  });
}
