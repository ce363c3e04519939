/**
 * Vite plugin for src/renderer/page-lockdown.ts, which index.html loads first as a classic
 * script (`<script src="./page-lockdown.js">`): Vite bundles only module scripts, so this
 * plugin emits the lockdown as a file of its own at that fixed name in a build, and serves it
 * at that name from the dev server, compiled from the TypeScript source.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const pageLockdownFileName = 'page-lockdown.js';
const sourceName = 'page-lockdown.ts';

export function pageLockdown(): Plugin {
  let building = false;
  let source = '';
  return {
    name: 'earshot:page-lockdown',
    configResolved(config) {
      building = config.command === 'build';
      source = resolve(config.root, sourceName);
    },
    buildStart() {
      if (building) this.emitFile({ type: 'chunk', id: source, fileName: pageLockdownFileName });
    },
    configureServer(server) {
      server.middlewares.use(`/${pageLockdownFileName}`, (_request, response, next) => {
        server
          .transformRequest(`/${sourceName}`)
          .then((result) => {
            if (!result) return next();
            response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            response.end(result.code);
          })
          .catch(next);
      });
    },
  };
}
