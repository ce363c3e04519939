/**
 * Vite plugin for development runs only: drops the CSP meta tag from index.html, because
 * Vite's dev server needs an inline React-refresh preamble, injected <style> tags and a
 * hot-reload socket that the production policy rightly forbids. In development the window
 * still gets a CSP: main sends a dev-aware one as a response header
 * (src/main/content-security-policy.ts). Production builds keep the meta tag untouched.
 */
import type { Plugin } from 'vite';

const cspMetaTag = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i;

export function devServerCsp(): Plugin {
  return {
    name: 'earshot:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(cspMetaTag, ''),
  };
}
