/**
 * Earshot is a single page: nothing may navigate its frames, redirect them, open windows or
 * attach <webview>s. Applied to every webContents the app ever creates, so a window we did
 * not expect is held to the same rules. Links to the allowlisted Deepgram pages open in the
 * user's browser instead (external-links.ts).
 */
import type { App, Shell, WebContents } from 'electron';
import type { Logger } from './core/logger';
import { openExternalIfAllowed } from './external-links';
import { originOf } from './ipc/origin';

export function guardWebContents(
  contents: WebContents,
  shell: Pick<Shell, 'openExternal'>,
  log: Logger,
): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn('navigation refused', { origin: originOf(event.url) });
    if (event.isMainFrame) openExternalIfAllowed(shell, event.url, log);
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    log.warn('frame navigation refused', { origin: originOf(event.url), isMainFrame: event.isMainFrame });
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log.warn('redirect refused', { origin: originOf(event.url) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(shell, url, log);
    return { action: 'deny' };
  });
}

export function installNavigationGuards(app: App, shell: Pick<Shell, 'openExternal'>, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell, log));
}
