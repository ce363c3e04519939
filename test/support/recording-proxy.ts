/**
 * A TCP proxy on 127.0.0.1 (or another local address) in front of another local server, keeping every byte a client
 * sent through it. Put in front of an emulator, it is a host that "answers like Deepgram"
 * while a test reads exactly what Earshot sent it: request lines, headers, WebSocket
 * subprotocols and URLs, raw.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Everything clients sent, as latin1 text (HTTP heads are ASCII). */
  received(): string;
  close(): Promise<void>;
}

/**
 * `listenHost` '::' takes connections on every loopback form (127.0.0.1, 127.0.0.2, [::1],
 * localhost), so one bait answers to each spelling of a host a test tries.
 */
export async function startRecordingProxy(
  upstreamUrl: string,
  listenHost = '127.0.0.1',
): Promise<RecordingProxy> {
  const upstream = new URL(upstreamUrl);
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted += 1;
    const target = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    client.pipe(target);
    target.pipe(client);
    client.on('close', () => target.destroy());
    target.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, listenHost, done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** Every place a credential could ride in what a client sent, found in raw bytes. */
export function credentialsIn(raw: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  if (/^authorization\s*:/im.test(raw)) found.push('Authorization header');
  if (/^sec-websocket-protocol\s*:.*\b(token|bearer)\b/im.test(raw)) found.push('credential subprotocol');
  if (/[?&](token|access_token|key|api_key)=/i.test(raw)) found.push('credential in a URL');
  if (/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/.test(raw)) found.push('a JSON web token');
  for (const secret of secrets) {
    const bytes = Buffer.from(secret, 'utf8');
    for (const form of [
      secret,
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
    ]) {
      if (raw.includes(form)) found.push(`a secret (${form === secret ? 'raw' : 'encoded'})`);
    }
  }
  return found;
}
