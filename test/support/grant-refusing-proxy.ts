/**
 * A TCP proxy on 127.0.0.1 in front of an emulator that answers the next token grants
 * (POST /v1/auth/grant) itself, with the statuses a test queued, as a Deepgram endpoint or a
 * proxy on the way could; every other request, and every WebSocket, passes through untouched.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface GrantRefusingProxy {
  url: string;
  /** The next grants are answered with these statuses, in order. */
  refuseGrants(statuses: number[]): void;
  /** Statuses this proxy answered grants with, in order. */
  refused(): number[];
  /** Forgets queued and answered refusals. */
  reset(): void;
  close(): Promise<void>;
}

const grantRequestLine = /^POST \/v1\/auth\/grant[ ?]/;

function refusalResponse(status: number): string {
  const body = JSON.stringify({
    err_code: 'REFUSED_BY_TEST',
    err_msg: `Refused by the test with ${status}.`,
    request_id: '00000000-0000-4000-8000-000000000000',
  });
  return [
    `HTTP/1.1 ${status} Refused`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export async function startGrantRefusingProxy(upstreamUrl: string): Promise<GrantRefusingProxy> {
  const upstream = new URL(upstreamUrl);
  const pending: number[] = [];
  const answered: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const target = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    // Each request of a keep-alive connection starts a chunk of its own (no pipelining).
    client.on('data', (chunk: Buffer) => {
      const status = pending[0];
      if (status !== undefined && grantRequestLine.test(chunk.toString('latin1', 0, 40))) {
        pending.shift();
        answered.push(status);
        target.destroy();
        client.end(refusalResponse(status));
        return;
      }
      target.write(chunk);
    });
    target.pipe(client);
    client.on('close', () => target.destroy());
    target.on('close', () => client.end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refuseGrants: (statuses) => pending.push(...statuses),
    refused: () => [...answered],
    reset: () => {
      pending.length = 0;
      answered.length = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
