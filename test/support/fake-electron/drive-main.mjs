/**
 * Runs the built main entry (argv[2]) against fake-electron.mjs: lets the module's
 * before-ready code run, fires `ready`, waits for the window to load, then plays Electron's
 * part in a few exchanges (IPC from our frame and from a foreign one, permission requests,
 * the app:// protocol, navigation, quit) and prints what happened as one JSON line.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, calls, installed, markReady, powerMonitor } from 'electron';

const mainPath = process.argv[2];
await import(pathToFileURL(mainPath).href);
const beforeReady = calls.length;
markReady();

const deadline = Date.now() + 20_000;
while (!calls.some((call) => call.what === 'loadURL' || call.what === 'exit') && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}

const report = { calls, beforeReady, probes: {} };
const window = BrowserWindow.all[0];
if (window) {
  const contents = window.webContents;
  const fromOurFrame = { sender: contents, senderFrame: contents.mainFrame };
  const fromSubFrame = { sender: contents, senderFrame: { url: 'app://earshot/index.html' } };
  const invoke = (channel, event, payload) => installed.invokeHandlers.get(channel)?.(event, payload);

  report.probes.invokeChannels = [...installed.invokeHandlers.keys()].sort();
  report.probes.ipcMainListeners = (await import('electron')).ipcMain.eventNames().sort();
  report.probes.getSettingsFromOurFrame = await invoke('earshot:settings:get', fromOurFrame, undefined);
  report.probes.getSettingsFromSubFrame = await invoke('earshot:settings:get', fromSubFrame, undefined);
  report.probes.sessionStateFromOurFrame = await invoke('earshot:session:state', fromOurFrame, undefined);
  report.probes.keyStatusFromOurFrame = await invoke('earshot:key:status', fromOurFrame, undefined);
  // A key for a host the key is not bound to: main asks natively first (the fake answers Cancel).
  report.probes.saveKeyForNewHost = await invoke('earshot:key:save', fromOurFrame, {
    key: 'k'.repeat(40),
    persistence: 'keychain',
    endpoint: 'https://dg.example.test',
    streamingCredential: 'auto',
  });

  // A send from a sub-frame is refused; from our frame it reaches the core, whose state
  // change comes back to our window as a contract event.
  const { ipcMain } = await import('electron');
  ipcMain.emit('earshot:audio:problem', fromSubFrame, { problem: 'microphone-denied' });
  report.probes.eventsAfterSubFrameSend = contents.sent.length;
  ipcMain.emit('earshot:audio:problem', fromOurFrame, { problem: 'microphone-denied' });
  report.probes.eventsSentToWindow = contents.sent;

  const permission = (permissionName, details) =>
    new Promise((resolve) => installed.permissionRequestHandler(contents, permissionName, resolve, details));
  const base = {
    isMainFrame: true,
    requestingUrl: 'app://earshot/index.html',
    securityOrigin: 'app://earshot/',
  };
  report.probes.microphone = await permission('media', { ...base, mediaTypes: ['audio'] });
  report.probes.camera = await permission('media', { ...base, mediaTypes: ['video'] });
  report.probes.notifications = await permission('notifications', base);
  report.probes.audioCheck = installed.permissionCheckHandler(contents, 'media', 'app://earshot', {
    isMainFrame: true,
    mediaType: 'audio',
  });

  const serve = installed.protocolHandlers.get('app');
  if (serve) {
    const response = await serve(new Request('app://earshot/%2e%2e%2f%2e%2e%2fpackage.json'));
    report.probes.traversal = {
      status: response.status,
      csp: response.headers.get('content-security-policy'),
    };
  }

  // The OS puts the machine to sleep and wakes it: main forwards both to the core.
  report.probes.powerMonitorListeners = powerMonitor.eventNames().sort();
  powerMonitor.emit('suspend');
  powerMonitor.emit('resume');

  report.probes.webContentsListeners = contents.eventNames().sort();
  let prevented = false;
  contents.emit('will-navigate', {
    url: 'https://evil.example/',
    isMainFrame: true,
    preventDefault: () => (prevented = true),
  });
  report.probes.navigationPrevented = prevented;
  report.probes.windowOpen = contents.windowOpenHandler?.({ url: 'https://evil.example/' });

  let quitPrevented = false;
  app.emit('before-quit', { preventDefault: () => (quitPrevented = true) });
  report.probes.quitDeferredForShutdown = quitPrevented;
  const quitDeadline = Date.now() + 10_000;
  while (!calls.some((call) => call.what === 'quit') && Date.now() < quitDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

process.stdout.write(`\nFAKE-ELECTRON-REPORT ${JSON.stringify(report)}\n`);
process.exit(0);
