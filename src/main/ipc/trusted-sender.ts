import type { IpcSenderIdentity } from './ipc-dispatcher';
import { isSameOrigin } from './origin';

/**
 * A sender is trusted only when all three hold: it is one of our windows' webContents, the
 * message comes from that window's main frame (not an iframe), and the frame shows our own
 * origin (app://earshot when packaged, the dev server in development).
 */
export function createTrustedSenderCheck(options: {
  isTrustedWebContents: (webContentsId: number) => boolean;
  appOrigin: string;
}): (sender: IpcSenderIdentity) => boolean {
  return (sender) =>
    options.isTrustedWebContents(sender.webContentsId) &&
    sender.isMainFrame &&
    isSameOrigin(sender.frameUrl, options.appOrigin);
}

/** The set of webContents ids our windows use; an id leaves the set when its webContents is destroyed. */
export function createTrustedWebContentsRegistry() {
  const ids = new Set<number>();
  return {
    add(id: number): void {
      ids.add(id);
    },
    remove(id: number): void {
      ids.delete(id);
    },
    has(id: number): boolean {
      return ids.has(id);
    },
  };
}
