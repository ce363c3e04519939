/**
 * Serves the packaged renderer from out/renderer under app://earshot/ instead of file://,
 * so the page has a real origin (for CSP 'self', permission and sender checks) and cannot
 * read arbitrary files. Only GET of files inside the renderer directory is answered; any
 * path that would leave it is refused.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import type { Logger } from './core/logger';
import { appHost, appScheme } from './ipc/origin';

/** Must run before the app is ready. */
export function registerAppSchemeAsPrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
    },
  ]);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an app:// URL to a file inside rendererRoot, or null when the URL is not ours or the
 * path would escape the directory (../, encoded separators, NUL bytes).
 */
export function rendererFileFor(requestUrl: string, rendererRoot: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererRoot);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

function isInside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function createAppProtocolHandler(options: {
  rendererRoot: string;
  contentSecurityPolicy: string;
  log: Logger;
}): (request: Request) => Promise<Response> {
  const { rendererRoot, contentSecurityPolicy, log } = options;
  const securityHeaders = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const refuse = (status: number) =>
    new Response(null, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = rendererFileFor(request.url, rendererRoot);
    if (!file) {
      log.warn('app protocol refused a path outside the renderer');
      return refuse(404);
    }
    try {
      // Resolve symlinks too, so a link inside out/renderer cannot point elsewhere.
      const [realRoot, realFile] = await Promise.all([realpath(rendererRoot), realpath(file)]);
      if (!isInside(realRoot, realFile)) return refuse(404);
      const body = await readFile(realFile);
      const contentType = contentTypes[extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': contentType },
      });
    } catch {
      return refuse(404);
    }
  };
}

/** Must run after the app is ready. */
export function serveRendererOverAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: Parameters<typeof createAppProtocolHandler>[0],
): void {
  protocol.handle(appScheme, createAppProtocolHandler(options));
}
