/**
 * A server on 127.0.0.1 that would gladly answer the renderer: a script, an image, JSON with
 * `Access-Control-Allow-Origin: *`, and it notes every WebSocket upgrade attempt. It records
 * every request that reaches it, and counts every TCP connection (a TURN client speaks STUN,
 * not HTTP, so a WebRTC attempt shows only as a connection), so a test can prove the page's
 * policy stopped a request before it left the browser (and, from a page without that policy,
 * that it would have arrived). With `contentSecurityPolicy`, `/csp-only.html` is a page under
 * that header and nothing else: Earshot's policy without Earshot's page.
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
  /** TCP connections accepted so far, whatever was spoken on them. */
  connections(): number;
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

export async function startBaitServer(options: { contentSecurityPolicy?: string } = {}): Promise<BaitServer> {
  const requests: BaitRequest[] = [];
  let connections = 0;
  const server: Server = createServer((request, response) => {
    record(requests, request, false);
    const path = new URL(request.url ?? '/', 'http://bait.invalid').pathname;
    if (path === '/csp-only.html' && options.contentSecurityPolicy) {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': options.contentSecurityPolicy,
        'Cache-Control': 'no-store',
      });
      response.end('<!doctype html><title>policy only</title><p>Earshot’s policy, without its page.</p>');
      return;
    }
    const found = bodies[path];
    response.writeHead(found ? 200 : 404, {
      'Content-Type': found?.type ?? 'text/plain',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    response.end(found?.body ?? 'not found');
  });
  server.on('connection', () => {
    connections += 1;
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
    connections: () => connections,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
