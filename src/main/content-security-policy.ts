/**
 * The renderer's Content-Security-Policy, sent as a response header (by the app:// protocol
 * handler when packaged, by a webRequest hook for the dev server). Scripts, styles and the
 * audio worklet come only from the app itself; the renderer never talks to the network (the
 * Deepgram socket lives in main), so connect-src allows nothing.
 */
import type { Session } from 'electron';
import type { Logger } from './core/logger';

const productionDirectives: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'none'",
  'worker-src': "'self'",
  'media-src': "'none'",
  'object-src': "'none'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'manifest-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/**
 * devServerOrigin is set only in an unpackaged development run: Vite's dev server needs an
 * inline React refresh preamble, injected <style> tags and its hot-reload socket.
 */
export function contentSecurityPolicy(options: { devServerOrigin: string | null }): string {
  const directives = { ...productionDirectives };
  if (options.devServerOrigin) {
    const socketOrigin = options.devServerOrigin.replace(/^http/, 'ws');
    directives['script-src'] = "'self' 'unsafe-inline'";
    directives['style-src'] = "'self' 'unsafe-inline'";
    directives['connect-src'] = `'self' ${socketOrigin}`;
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** Adds the CSP header to every response from the dev server (development runs only). */
export function applyCspToDevServer(
  session: Session,
  devServerOrigin: string,
  policy: string,
  log: Logger,
): void {
  session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name];
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
  log.info('dev server responses get the CSP header', { devServerOrigin });
}
