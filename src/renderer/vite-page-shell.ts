/**
 * Vite plugin that gives every window's page the same document: the Content-Security-Policy
 * meta tag, DNS prefetch off, the page lockdown as the first script, and #root. A page file
 * (src/renderer/index.html, overlay/index.html, indicator/index.html) holds only what is its
 * own: its <title> and its entry module.
 *
 * The meta policy is the one main sends as a response header (src/main/content-security-policy.ts,
 * passed in by electron.vite.config.ts), minus frame-ancestors, which Chromium ignores in a meta
 * tag (and says so on the console); test/browser/csp.spec.ts checks the built page against the
 * header. Only builds carry it: Vite's dev server needs an inline React-refresh preamble,
 * injected <style> tags and a hot-reload socket that the production policy rightly forbids, and
 * in development main sends a dev-aware policy as a response header instead.
 */
import type { Plugin } from 'vite';
import { pageLockdownFileName } from './vite-page-lockdown';

/** The parts of a document a page file must leave to this plugin. */
const documentParts = /<!doctype|<html|<head|<body|<meta|id="root"/i;

export function pageShell(options: { headerPolicy: string }): Plugin {
  let building = false;
  return {
    name: 'earshot:page-shell',
    configResolved(config) {
      building = config.command === 'build';
    },
    transformIndexHtml: {
      // Before Vite reads the page's scripts, so it sees the lockdown's and the entry's.
      order: 'pre',
      handler: (page, context) =>
        pageDocument(page, {
          path: context.path,
          metaPolicy: building ? metaPolicyOf(options.headerPolicy) : null,
        }),
    },
  };
}

/** The header policy as a meta tag may carry it. */
export function metaPolicyOf(headerPolicy: string): string {
  return headerPolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !/^frame-ancestors(\s|$)/i.test(directive))
    .join('; ');
}

/**
 * The whole document around a page file. path is the page's path from the renderer root
 * (`/index.html`, `/overlay/index.html`): the lockdown is at the root, one file for every page.
 */
export function pageDocument(page: string, options: { path: string; metaPolicy: string | null }): string {
  if (documentParts.test(page)) {
    throw new Error(`${options.path}: a page file holds only its <title> and entry module`);
  }
  const depth = options.path.split('/').length - 2;
  const lockdown = `${depth > 0 ? '../'.repeat(depth) : './'}${pageLockdownFileName}`;
  const head = [
    '<meta charset="UTF-8" />',
    ...(options.metaPolicy === null
      ? []
      : [`<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(options.metaPolicy)}" />`]),
    // No DNS lookups the page did not ask for (link prefetching); once off, a page cannot turn it on.
    '<meta http-equiv="x-dns-prefetch-control" content="off" />',
    // Before any other script: removes WebRTC, which the CSP does not govern (page-lockdown.ts).
    `<script vite-ignore src="${lockdown}"></script>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="color-scheme" content="light dark" />',
    '<link rel="icon" href="data:," />',
    // The page's own lines; its comments speak of the page file, not of the built document.
    ...page
      .replace(/<!--[\s\S]*?-->/g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  ];
  return `<!doctype html>
<html lang="en">
  <head>
    ${head.join('\n    ')}
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}
