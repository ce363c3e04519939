/**
 * A server on 127.0.0.1 that would gladly answer the renderer: a script, an image, JSON with
 * `Access-Control-Allow-Origin: *`, and it notes every WebSocket upgrade attempt. It records
 * every request that reaches it, so a test can prove the page's policy stopped a request
 * before it left the browser (and, from a page without that policy, that it would have
 * arrived).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BaitRequest {
  method: string;
  path: string;
  upgrade: boolean;
}

export interface BaitServer {
  origin: string;
  /** The same host as a WebSocket URL. */
  socketOrigin: string;
  requests: BaitRequest[];
  close(): Promise<void>;
}

/** A 1×1 transparent PNG. */
const pixel = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const bodies: Record<string, { type: string; body: string | Buffer }> = {
  '/control.html': {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><title>control</title><p>A page without a Content-Security-Policy.</p>',
  },
  '/remote.js': { type: 'text/javascript', body: 'globalThis.__remoteScriptRan = true;' },
  '/pixel.png': { type: 'image/png', body: pixel },
  '/data.json': { type: 'application/json', body: '{"reached":true}' },
};

function record(requests: BaitRequest[], request: IncomingMessage, upgrade: boolean): void {
  requests.push({
    method: request.method ?? 'GET',
    path: new URL(request.url ?? '/', 'http://bait.invalid').pathname,
    upgrade,
  });
}

export async function startBaitServer(): Promise<BaitServer> {
  const requests: BaitRequest[] = [];
  const server: Server = createServer((request, response) => {
    record(requests, request, false);
    const found = bodies[new URL(request.url ?? '/', 'http://bait.invalid').pathname];
    response.writeHead(found ? 200 : 404, {
      'Content-Type': found?.type ?? 'text/plain',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    response.end(found?.body ?? 'not found');
  });
  server.on('upgrade', (request, socket) => {
    record(requests, request, true);
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    socketOrigin: `ws://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
