/**
 * Runs the built main entry (argv[2]) against fake-electron.mjs and plays the dictation
 * shortcut's part: reads the shortcut's status through IPC, presses the chord as the system
 * would (its globalShortcut callback), and reports what main then did (the window asked to
 * capture, notifications) as one JSON line.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, calls, installed, markReady } from 'electron';

const mainPath = process.argv[2];
await import(pathToFileURL(mainPath).href);
markReady();

const waitFor = async (check, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
};
await waitFor(() => calls.some((call) => call.what === 'loadURL' || call.what === 'exit'));

const report = { calls, probes: {} };
const window = BrowserWindow.all[0];
if (window) {
  const contents = window.webContents;
  const fromOurFrame = { sender: contents, senderFrame: contents.mainFrame };
  const invoke = (channel, payload) => installed.invokeHandlers.get(channel)?.(fromOurFrame, payload);
  report.probes.status = await invoke('earshot:dictation:status', undefined);
  const press = installed.shortcuts.get(process.env.DRIVE_PRESS_ACCELERATOR ?? 'Control+Alt+Space');
  report.probes.pressed = typeof press === 'function';
  if (press) {
    press();
    await waitFor(() => calls.some((call) => call.what === 'notification.show'));
  }
  report.probes.sent = contents.sent.filter((event) => event.channel === 'earshot:event:capture-request');
  // A new shortcut from Settings replaces the grab.
  report.probes.afterChange = await invoke('earshot:settings:update', { dictationShortcut: 'Ctrl+Alt+D' });
  report.probes.statusAfterChange = await invoke('earshot:dictation:status', undefined);
  app.emit('before-quit', { preventDefault: () => undefined });
  await waitFor(() => calls.some((call) => call.what === 'quit'));
}

process.stdout.write(`\nFAKE-ELECTRON-REPORT ${JSON.stringify(report)}\n`);
process.exit(0);
