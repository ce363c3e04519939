/**
 * Main in a process of its own, so a test can kill it with SIGKILL the way the OS kills a
 * crashed app: the same composition as emulated-main.ts (the real core and IPC dispatcher
 * on an emulated ipcMain), driven over the fork channel by main-process.ts. The window's
 * webContents is a stand-in with the real window's id whose `send` goes back to the test
 * process, where the real emulated webContents delivers it.
 */
import {
  EmulatedIpcMain,
  type EmulatedIpcMainEvent,
  type EmulatedSenderFrame,
} from './electron-main-emulation';
import type { EmulatedWebContents } from './electron-main-emulation';
import { startEmulatedMain, type EmulatedMain } from './emulated-main';
import type {
  ForwardedSender,
  FromMainProcess,
  MainProcessConfig,
  ToMainProcess,
} from './main-process-protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as MainProcessConfig;

function tell(message: FromMainProcess): void {
  process.send?.(message);
}

const mainFrame: EmulatedSenderFrame = { url: '', parent: null };
let window: EmulatedWebContents | null = null;

function eventFrom(sender: ForwardedSender): EmulatedIpcMainEvent {
  if (!window || window.id !== sender.webContentsId) {
    // A sender other than the window main was told about: an untrusted webContents.
    const stranger: EmulatedWebContents = {
      id: sender.webContentsId,
      mainFrame: { url: sender.frameUrl ?? '', parent: null },
      send: () => undefined,
      isDestroyed: () => false,
    };
    return { sender: stranger, senderFrame: stranger.mainFrame, processId: 0, frameId: 1 };
  }
  let senderFrame: EmulatedSenderFrame | null = null;
  if (sender.isMainFrame) {
    mainFrame.url = sender.frameUrl ?? '';
    senderFrame = mainFrame;
  } else if (sender.frameUrl !== null) {
    senderFrame = { url: sender.frameUrl, parent: mainFrame };
  }
  return { sender: window, senderFrame, processId: 0, frameId: 1 };
}

const ipcMain = new EmulatedIpcMain();
let main: EmulatedMain;
try {
  main = await startEmulatedMain({
    userDataDir: config.userDataDir,
    ipcMain,
    window: () => window,
    appOrigin: config.appOrigin,
    onLogLine: (line) => tell({ type: 'log', line }),
  });
  if (config.endpoint) await main.core.invokeHandlers.updateSettings({ endpoint: config.endpoint });
} catch (error) {
  tell({
    type: 'failed',
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  process.exit(1);
}

process.on('message', (message: ToMainProcess) => {
  switch (message.type) {
    case 'window':
      window = {
        id: message.webContentsId,
        mainFrame,
        send: (channel, ...args) => tell({ type: 'event', channel, args }),
        isDestroyed: () => false,
      };
      return;
    case 'invoke':
      void ipcMain
        .invoke(eventFrom(message.sender), message.channel, message.args)
        .then((reply) => tell({ type: 'reply', id: message.id, reply }));
      return;
    case 'send':
      ipcMain.emit(eventFrom(message.sender), message.channel, message.args);
      return;
    case 'dispose':
      void main.dispose().finally(() => {
        tell({ type: 'disposed' });
        process.exit(0);
      });
      return;
  }
});

// The test process went away without saying so: end too, as main would with its last window.
process.on('disconnect', () => process.exit(0));
tell({ type: 'ready' });
