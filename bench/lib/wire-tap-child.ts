/**
 * The wire tap, in a process of its own: a loopback HTTP and WebSocket server that stamps the
 * moment every message arrives, on this process's clock (performance.timeOrigin + now, i.e.
 * milliseconds since the epoch at microsecond resolution).
 *  - /v1/listen and every HTTP request are relayed to the Deepgram emulator, so Earshot's main
 *    (whose endpoint setting names the tap) talks to the emulator through it;
 *  - /seed-sink only records: it is where the seed page's MediaRecorder chunks go;
 *  - GET /seed serves that page (bench/lib/seed-page.ts), so it has a secure origin of its own.
 * Both approaches' bytes thus arrive at the same kind of socket (a `ws` server on loopback, in
 * this process), and neither shares an event loop with main or the emulator.
 */
import { request as httpRequest, createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { seedPageHtml } from './seed-page';
import type { TapCommand, TapConnection, TapReply } from './wire-tap';

const upstream = new URL(process.argv[2] ?? '');
const now = (): number => performance.timeOrigin + performance.now();

const connections: TapConnection[] = [];
const payloads = new Map<string, Buffer[]>();
let nextId = 1;

function record(path: string): { connection: TapConnection; chunks: Buffer[] } {
  const connection: TapConnection = {
    id: String(nextId++),
    path,
    openedAt: now(),
    binary: [],
    fromClientText: [],
    fromServerText: [],
  };
  const chunks: Buffer[] = [];
  connections.push(connection);
  payloads.set(connection.id, chunks);
  return { connection, chunks };
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function onClientMessage(
  connection: TapConnection,
  chunks: Buffer[],
  data: RawData,
  isBinary: boolean,
): void {
  const at = now();
  const bytes = asBuffer(data);
  if (isBinary) {
    connection.binary.push({ at, bytes: bytes.length });
    chunks.push(bytes);
  } else {
    connection.fromClientText.push({ at, text: bytes.toString('utf8').slice(0, 2_000) });
  }
}

const sockets = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => [...offered][0] ?? false,
});

function relayListen(request: IncomingMessage, socket: Duplex, head: Buffer): void {
  const offered = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const target = new URL(request.url ?? '/', upstream);
  target.protocol = upstream.protocol === 'https:' ? 'wss:' : 'ws:';
  const headers: Record<string, string> = {};
  if (request.headers.authorization) headers.authorization = request.headers.authorization;
  const server = new WebSocket(target, offered, { headers });
  server.once('unexpected-response', (_request, response) => {
    socket.end(
      `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\nConnection: close\r\n\r\n`,
    );
    server.terminate();
  });
  server.once('error', () => socket.destroy());
  server.once('open', () => {
    const chosen = server.protocol;
    const answer = new WebSocketServer({ noServer: true, handleProtocols: () => chosen || false });
    answer.handleUpgrade(request, socket, head, (client) => {
      const { connection, chunks } = record(target.pathname);
      client.on('message', (data, isBinary) => {
        onClientMessage(connection, chunks, data, isBinary);
        if (server.readyState === WebSocket.OPEN) server.send(data, { binary: isBinary });
      });
      server.on('message', (data, isBinary) => {
        if (!isBinary)
          connection.fromServerText.push({
            at: now(),
            text: asBuffer(data).toString('utf8').slice(0, 2_000),
          });
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      });
      client.on('close', (code, reason) => {
        if (server.readyState === WebSocket.OPEN) server.close(code === 1005 ? 1000 : code, reason);
        else server.terminate();
      });
      server.on('close', (code, reason) => {
        const closeCode = code === 1005 || code === 1006 ? 1000 : code;
        if (client.readyState === WebSocket.OPEN) client.close(closeCode, reason);
      });
      client.on('error', () => server.terminate());
      server.on('error', () => client.terminate());
    });
  });
}

const http = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/seed') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(seedPageHtml);
    return;
  }

  const target = new URL(request.url ?? '/', upstream);
  const relayed = httpRequest(
    target,
    { method: request.method, headers: { ...request.headers, host: target.host } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  relayed.on('error', () => {
    response.writeHead(502);
    response.end();
  });
  request.pipe(relayed);
});

http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
  const path = new URL(request.url ?? '/', 'http://tap').pathname;
  if (path === '/seed-sink') {
    sockets.handleUpgrade(request, socket, head, (client) => {
      const { connection, chunks } = record(path);
      client.on('message', (data, isBinary) => onClientMessage(connection, chunks, data, isBinary));
    });
  } else if (path.startsWith('/v1/listen')) {
    relayListen(request, socket, head);
  } else {
    socket.destroy();
  }
});

function reply(message: TapReply): void {
  process.send?.(message);
}

process.on('message', (command: TapCommand) => {
  switch (command.type) {
    case 'clock':
      reply({ type: 'clock', id: command.id, at: now() });
      return;
    case 'connections':
      reply({
        type: 'connections',
        id: command.id,
        connections: connections.map((connection) => ({
          ...connection,
          payloadBase64: command.withPayload
            ? Buffer.concat(payloads.get(connection.id) ?? []).toString('base64')
            : '',
        })),
      });
      return;
    case 'clear':
      connections.length = 0;
      payloads.clear();
      reply({ type: 'done', id: command.id });
      return;
    case 'close':
      sockets.close();
      http.close(() => process.exit(0));
      http.closeAllConnections();
      return;
  }
});
process.on('disconnect', () => process.exit(0));

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('the tap has no port');
  reply({ type: 'ready', url: `http://127.0.0.1:${address.port}` });
});
