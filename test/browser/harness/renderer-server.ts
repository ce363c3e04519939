/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 through the production app://
 * protocol handler itself (createAppProtocolHandler from src/main/app-protocol.ts, given the
 * production Content-Security-Policy): each HTTP request becomes the `app://earshot/<path>`
 * request Electron would hand the handler, and the handler's status, headers and body are
 * sent back unchanged. The page therefore gets production's exact headers and files; only its
 * origin differs (ELECTRON-EMULATION.md §9).
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createAppProtocolHandler } from '../../../src/main/app-protocol';
import { contentSecurityPolicy } from '../../../src/main/content-security-policy';
import type { Logger } from '../../../src/main/core/logger';
import { packagedAppOrigin } from '../../../src/main/ipc/origin';

export interface RendererServer {
  /** Origin the window is loaded from, e.g. http://127.0.0.1:43123 */
  origin: string;
  indexUrl: string;
  close(): Promise<void>;
}

/** EARSHOT_BUILD_DIR lets an engineer test a build of their own (`electron-vite build --outDir`) beside others'. */
export const buildRoot = resolve(import.meta.dirname, '../../..', process.env['EARSHOT_BUILD_DIR'] ?? 'out');

export const rendererRoot = resolve(buildRoot, 'renderer');

const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

async function relay(
  handle: (request: Request) => Promise<Response>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // The raw path, unparsed, as Chromium would put it after app://earshot.
  const appRequest = new Request(`${packagedAppOrigin}${request.url ?? '/'}`, {
    method: request.method ?? 'GET',
  });
  const answer = await handle(appRequest);
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  response.end(Buffer.from(await answer.arrayBuffer()));
}

export async function serveRenderer(root: string = rendererRoot): Promise<RendererServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `${root}/index.html is missing: run \`npx electron-vite build\` before the browser tests.`,
    );
  }
  const handle = createAppProtocolHandler({
    rendererRoot: root,
    contentSecurityPolicy: contentSecurityPolicy({ devServerOrigin: null }),
    log: quietLog,
  });
  const server: Server = createServer((request, response) => {
    relay(handle, request, response).catch(() => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('the app protocol handler failed');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    indexUrl: `${origin}/index.html`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
