/**
 * Senders as main's dispatchers identify them: the main frame of one of Earshot's own pages,
 * in a webContents of the test's choosing. Tests derive hostile variants from these.
 */
import type { IpcSenderIdentity } from '../../src/main/ipc/ipc-dispatcher';

const pages = {
  main: 'app://earshot/index.html',
  overlay: 'app://earshot/overlay/index.html',
  indicator: 'app://earshot/indicator/index.html',
} as const;

export function windowSender(webContentsId: number, page: keyof typeof pages): IpcSenderIdentity {
  return { webContentsId, frameUrl: pages[page], isMainFrame: true };
}
